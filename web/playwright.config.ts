import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests against a real InErgize: `e2e/support/server.ts` starts `inergize serve` once for the
 * whole run (its own data directory and port, serving the built `out/`). Chromium is Debian's
 * (/usr/bin/chromium): no browser is ever downloaded.
 */
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/artifacts",
  globalSetup: "./e2e/support/server.ts",
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: process.env.CI ? 1 : 0, // a shared 2-core CI machine can stall one walk; a second failure is real
  // A ceiling, not a pace: the longest walks take ~50 s on a busy 2-core machine.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    viewport: { width: 1280, height: 800 },
    locale: "en-GB",
    timezoneId: "Europe/Paris",
    // The app's reduced-motion rules make transitions instant: axe and screenshots see final colours,
    // never a button halfway from its disabled grey to its blue (a contrast failure that is not real).
    reducedMotion: "reduce",
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
