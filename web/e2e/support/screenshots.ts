import type { Page } from "@playwright/test";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const DIR = fileURLToPath(new URL("../../test-results/screenshots/", import.meta.url));

export const WIDTHS = { desktop: 1280, mobile: 375 } as const;

/**
 * Full-page screenshots of the page at 1280 px and 375 px wide (`test-results/screenshots/<name>-…png`,
 * ignored by git), leaving the viewport as it was. Checks nothing: run `expectAccessible` for that.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  const before = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const [label, width] of Object.entries(WIDTHS)) {
    await page.setViewportSize({ width, height: label === "mobile" ? 740 : 800 });
    await page.screenshot({ path: join(DIR, `${name}-${label}.png`), fullPage: true, animations: "disabled" });
  }
  await page.setViewportSize(before);
}

/** One full-page screenshot at the current width (`test-results/screenshots/<name>.png`): a step of a walk. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(DIR, `${name}.png`), fullPage: true, animations: "disabled" });
}
