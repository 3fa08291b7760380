import type { Page } from "@playwright/test";

import { expectAccessible } from "./axe";
import { screenshots, WIDTHS } from "./screenshots";

/**
 * The check every page gets: at 1280 px and at 375 px, once `ready` says the page has its content,
 * no serious or critical axe-core violation; then screenshots at both widths under `name`.
 * (Console errors fail the test through the `consoleErrors` fixture.)
 */
export async function checkPage(page: Page, name: string, ready: () => Promise<void>): Promise<void> {
  const before = page.viewportSize() ?? { width: WIDTHS.desktop, height: 800 };
  for (const width of Object.values(WIDTHS)) {
    await page.setViewportSize({ width, height: 800 });
    await ready();
    await expectAccessible(page, `on ${name} at ${width} px`);
  }
  await page.setViewportSize(before);
  await screenshots(page, name);
}
