import { expect, type Page } from "@playwright/test";

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

/**
 * "" when the page fits its viewport's width; otherwise by how much it is wider and the elements that
 * reach furthest right, so a failure names its cause. Polled: a frame right after a resize may still
 * hold the wider layout, which no person sees.
 */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = () =>
    page.evaluate(() => {
      const extra = document.documentElement.scrollWidth - window.innerWidth;
      if (extra <= 0) return "";
      const widest = [...document.body.querySelectorAll("*")]
        .map((el) => ({ el, right: el.getBoundingClientRect().right }))
        .filter(({ right }) => right > window.innerWidth + 1)
        .sort((a, b) => b.right - a.right)
        .slice(0, 3)
        .map(({ el, right }) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (right edge ${Math.round(right)} px)`);
      return `${extra} px wider than the viewport: ${widest.join(", ")}`;
    });
  await expect.poll(overflow, { message: `${what} scrolls sideways` }).toBe("");
}
