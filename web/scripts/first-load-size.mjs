// Prints each exported page's first-load JavaScript (the scripts its HTML loads, gzip) and fails when
// one is over the budget: heavy libraries belong behind next/dynamic on the page that needs them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const OUT = "out";
const BUDGET_KB = Number(process.env.FIRST_LOAD_BUDGET_KB ?? 250);

function pages(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "_next" ? [] : pages(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

const sizes = new Map();
function gzipKb(src) {
  if (!sizes.has(src)) sizes.set(src, gzipSync(readFileSync(join(OUT, src))).length / 1024);
  return sizes.get(src);
}

let over = 0;
for (const page of pages(OUT).sort()) {
  const html = readFileSync(page, "utf8");
  // `noModule` scripts are legacy polyfills a modern browser neither runs nor downloads.
  const tags = [...html.matchAll(/<script[^>]+>/g)].map((m) => m[0]).filter((tag) => !/nomodule/i.test(tag));
  const scripts = new Set(tags.map((tag) => /src="(\/_next\/static\/[^"]+\.js)"/.exec(tag)?.[1]).filter(Boolean));
  const kb = [...scripts].reduce((sum, src) => sum + gzipKb(src), 0);
  const flag = kb > BUDGET_KB ? "  OVER BUDGET" : "";
  if (flag) over += 1;
  console.log(`${kb.toFixed(1).padStart(7)} KB  /${relative(OUT, page)}${flag}`);
}
console.log(`first-load JS budget: ${BUDGET_KB} KB gzip per page; ${over} page(s) over`);
process.exit(over ? 1 : 0);
