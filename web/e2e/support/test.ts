import { test as base, expect, type ConsoleMessage } from "@playwright/test";

export { expect };

// A 4xx the page handles (a wrong password, an expired link) is logged by Chromium as a failed
// resource; the page shows it in words, so it is not an error of the app.
const HANDLED = /^Failed to load resource: the server responded with a status of 4\d\d/;

type Fixtures = {
  /** Console errors and uncaught exceptions of the page; the test fails when any remain at its end. */
  consoleErrors: string[];
};

/**
 * `test` for every browser test: the run's server as base URL, and a watcher that fails the test on any
 * console error or uncaught exception (a test that expects one empties `consoleErrors`).
 */
export const test = base.extend<Fixtures>({
  baseURL: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error("E2E_BASE_URL is not set: run through playwright.config.ts");
    await use(url);
  },
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message: ConsoleMessage) => {
        if (message.type() === "error" && !HANDLED.test(message.text())) errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
      await use(errors);
      expect(errors, "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
});
