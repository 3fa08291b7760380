import type { Browser, Page } from "@playwright/test";

import { createVerifiedAccount, signInQuickly, type Account } from "../e2e/support/accounts";
import { expect, test } from "../e2e/support/test";

// The pages the product's targets name; a path whose page is not built yet is reported, not measured.
const PAGES = (process.env.PERF_PAGES ?? "/,/compose/,/calendar/").split(",");
// The floor in the same run: a static page of the export that calls no API (no session, no data).
const BASELINE = process.env.PERF_BASELINE ?? "/404.html";
const RUNS = Math.max(1, Number(process.env.PERF_RUNS ?? 3));
const TARGETS = { lcpMs: 1000, firstLoadKb: 250 };

type Measure = {
  lcpMs: number;
  jsKb: number;
  fcpMs: number;
  lcpElement: string;
  lastApiMs: number;
  /** When `/v1/me` answered, and when the page's first own call started: a chain when the second is later. */
  meEndMs: number;
  dataStartMs: number;
};

/** LCP (the last candidate once the network is quiet) and the JavaScript bytes on the wire. */
async function measure(page: Page): Promise<Measure> {
  await page.waitForLoadState("networkidle");
  return page.evaluate(
    () =>
      new Promise<Measure>((resolve) => {
        let lcp = 0;
        let element = "";
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { element?: Element | null })[]) {
            if (entry.startTime < lcp) continue;
            lcp = entry.startTime;
            const node = entry.element;
            element = node ? `${node.tagName.toLowerCase()} "${(node.textContent ?? "").trim().slice(0, 40)}"` : "";
          }
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => {
          const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
          const js = resources.filter((entry) => entry.name.endsWith(".js")).reduce((sum, entry) => sum + entry.encodedBodySize, 0);
          // What the paint waited for: the last API answer that came before it.
          const api = resources.filter((entry) => new URL(entry.name).pathname.startsWith("/v1/") && entry.responseEnd <= lcp);
          const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
          const calls = resources.filter((entry) => new URL(entry.name).pathname.startsWith("/v1/"));
          const session = new Set(["/v1/auth/refresh", "/v1/me"]);
          const me = calls.find((entry) => new URL(entry.name).pathname === "/v1/me");
          const own = calls.filter((entry) => !session.has(new URL(entry.name).pathname));
          resolve({
            lcpMs: Math.round(lcp),
            jsKb: Math.round((js / 1024) * 10) / 10,
            fcpMs: Math.round(fcp),
            lcpElement: element,
            lastApiMs: Math.round(Math.max(0, ...api.map((entry) => entry.responseEnd))),
            meEndMs: Math.round(me?.responseEnd ?? 0),
            dataStartMs: Math.round(own.length ? Math.min(...own.map((entry) => entry.startTime)) : 0),
          });
        }, 500);
      }),
  );
}

/** One first load of `path` in a fresh browser context (empty HTTP cache), signed in when `account`. */
async function firstLoad(browser: Browser, path: string, account: Account | null): Promise<Measure | null> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    if (account) await signInQuickly(page, account, path);
    else await page.goto(path);
    if (account && (await page.evaluate(() => document.title.startsWith("Page not found")))) return null;
    return await measure(page);
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * A bench, not a check: it prints figures (run it on a quiet machine; on a busy one the numbers say
 * little). Largest contentful paint and the JavaScript the page downloaded (compressed bytes on the
 * wire), on a warm server with the browser's cache empty: each page is loaded once to warm the server,
 * then measured RUNS times, each in a fresh browser context (the first load a person gets). Each figure
 * is also printed as a `PERF {json}` line for `bench/web.py`.
 */
test("first-load JavaScript and largest contentful paint of the main pages", async ({ browser, request }) => {
  test.setTimeout(60_000 + 30_000 * RUNS * (PAGES.length + 1));
  const account = await createVerifiedAccount(request);
  const rows: string[] = [];
  for (const [path, who] of [[BASELINE, null] as const, ...PAGES.map((p) => [p, account] as const)]) {
    const warm = await firstLoad(browser, path, who);
    if (!warm) {
      rows.push(`${path.padEnd(14)} not built yet`);
      continue;
    }
    const runs: Measure[] = [];
    for (let i = 0; i < RUNS; i += 1) runs.push((await firstLoad(browser, path, who)) ?? warm);
    const result = {
      lcpMs: median(runs.map((r) => r.lcpMs)),
      jsKb: median(runs.map((r) => r.jsKb)),
      fcpMs: median(runs.map((r) => r.fcpMs)),
      lastApiMs: median(runs.map((r) => r.lastApiMs)),
      meEndMs: median(runs.map((r) => r.meEndMs)),
      dataStartMs: median(runs.map((r) => r.dataStartMs)),
      lcpElement: runs[0]?.lcpElement ?? "",
    };
    expect(result.lcpMs).toBeGreaterThan(0);
    const label = who ? path : `${path} (baseline)`;
    console.log(`PERF ${JSON.stringify({ path, baseline: !who, ...result, lcpRunsMs: runs.map((r) => r.lcpMs) })}`);
    rows.push(
      `${label.padEnd(22)} LCP ${String(result.lcpMs).padStart(5)} ms (target < ${TARGETS.lcpMs})` +
        `   JS ${String(result.jsKb).padStart(6)} KB gzip (target < ${TARGETS.firstLoadKb})` +
        `   FCP ${result.fcpMs} ms, last API answer before LCP ${result.lastApiMs} ms, LCP element ${result.lcpElement}` +
        (who ? `, /v1/me answered at ${result.meEndMs} ms, the page's first call started at ${result.dataStartMs} ms` : ""),
    );
  }
  console.log(`\n${rows.join("\n")}\n`);
});
