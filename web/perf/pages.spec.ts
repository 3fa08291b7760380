import { createVerifiedAccount, signInQuickly } from "../e2e/support/accounts";
import { expect, test } from "../e2e/support/test";

// The pages the product's targets name; a path whose page is not built yet is reported, not measured.
const PAGES = (process.env.PERF_PAGES ?? "/,/compose/,/calendar/").split(",");
const TARGETS = { lcpMs: 1000, firstLoadKb: 250 };

type Measure = { lcpMs: number; jsKb: number };

/**
 * A bench, not a check: it prints figures (run it on a quiet machine; on a busy one the numbers say
 * little). Largest contentful paint and the JavaScript the page downloaded (compressed bytes on the wire), on a
 * warm server with a warm HTTP cache emptied: each page is loaded once to warm the server, then measured
 * in a fresh browser context (the first load a person gets).
 */
test("first-load JavaScript and largest contentful paint of the main pages", async ({ browser, request }) => {
  const account = await createVerifiedAccount(request);
  const rows: string[] = [];
  for (const path of PAGES) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signInQuickly(page, account, path);
    const exists = await page.evaluate(() => !document.title.startsWith("Page not found"));
    if (!exists) {
      rows.push(`${path.padEnd(14)} not built yet`);
      await context.close();
      continue;
    }
    // Measured load: the server is warm, the browser's cache is not (a new context per page).
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const measured = await fresh.newPage();
    await signInQuickly(measured, account, path);
    await measured.waitForLoadState("networkidle");
    const result = await measured.evaluate(
      () =>
        new Promise<Measure>((resolve) => {
          let lcp = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) lcp = Math.max(lcp, entry.startTime);
          }).observe({ type: "largest-contentful-paint", buffered: true });
          setTimeout(() => {
            const js = performance
              .getEntriesByType("resource")
              .filter((entry) => entry.name.endsWith(".js"))
              .reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).encodedBodySize, 0);
            resolve({ lcpMs: Math.round(lcp), jsKb: Math.round((js / 1024) * 10) / 10 });
          }, 500);
        }),
    );
    rows.push(
      `${path.padEnd(14)} LCP ${String(result.lcpMs).padStart(5)} ms (target < ${TARGETS.lcpMs})` +
        `   JS ${String(result.jsKb).padStart(6)} KB gzip (target < ${TARGETS.firstLoadKb})`,
    );
    expect(result.lcpMs).toBeGreaterThan(0);
    await fresh.close();
    await context.close();
  }
  console.log(`\n${rows.join("\n")}\n`);
});
