import { expectAccessible } from "./support/axe";
import { screenshots, WIDTHS } from "./support/screenshots";
import { expect, test } from "./support/test";

// Every page a visitor reaches without a session renders, reads well to axe, and logs no error.
const PAGES = [
  { path: "/sign-in/", heading: "Sign in", name: "sign-in" },
  { path: "/sign-up/", heading: "Create your account", name: "sign-up" },
  { path: "/forgot-password/", heading: "Reset your password", name: "forgot-password" },
  { path: "/reset-password/", heading: "Choose a new password", name: "reset-password-no-token" },
  { path: "/verify-email/", heading: "Confirm your email", name: "verify-email-no-token" },
  { path: "/confirm-email/", heading: "Confirm your new email", name: "confirm-email-no-token" },
];

for (const { path, heading, name } of PAGES) {
  test(`${path} renders and passes axe at both widths`, async ({ page }) => {
    for (const width of Object.values(WIDTHS)) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectAccessible(page, `on ${path} at ${width} px`);
    }
    await screenshots(page, name);
  });
}

test("an unknown address shows the not-found page", async ({ page }) => {
  const answer = await page.goto("/no-such-page/");
  expect(answer?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page, "on the 404 page");
});

test("a link with a spent token says so in words", async ({ page }) => {
  await page.goto("/verify-email/?token=not-a-real-token");
  await expect(page.getByRole("alert").filter({ hasText: /link/i })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Send me a new link" })).toBeVisible();
});

test("the app is installable: manifest, icons and a service worker that skips the API", async ({ page, request }) => {
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.ok()).toBe(true);
  const icons = ((await manifest.json()) as { icons: Array<{ src: string }> }).icons;
  for (const icon of icons) expect((await request.get(icon.src)).ok(), icon.src).toBe(true);
  await page.goto("/sign-in/");
  const active = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.scriptURL ?? "";
  });
  expect(active).toMatch(/\/sw\.js$/);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const urls: string[] = [];
    for (const name of names) for (const key of await (await caches.open(name)).keys()) urls.push(key.url);
    return urls;
  });
  expect(cached.some((url) => url.endsWith("/sign-in/"))).toBe(true);
  expect(cached.filter((url) => new URL(url).pathname.startsWith("/v1/"))).toEqual([]);
});
