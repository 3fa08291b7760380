"""Web bench: largest contentful paint and first-load JavaScript of the home, compose and calendar pages.

1. Builds the static export when its sources changed (``make web-build``, the same stamp as ``make run``).
2. ``npm run perf`` (``web/perf/pages.spec.ts``): one ``inergize serve`` on a free port with a temporary
   SQLite database and the export, a member signed in through the cookie session, then each page loaded
   once to warm the server and ``--runs`` times in a fresh headless Chromium context (``/usr/bin/chromium``,
   cache empty): LCP and the JavaScript downloaded (compressed bytes on the wire), medians printed.
3. Baseline in the same run: the export's static 404 page, which calls no API (the floor of server,
   browser and machine).
4. The first-load JavaScript the pages' HTML declares, gzip (``npm run size``, from the export alone);
   the bytes on the wire also count what loads after (a page's dynamic chunks, the links' prefetches).
5. What the paint waited for: first contentful paint, the last API answer before the LCP, the LCP element.

Figures only, never a pass or fail: the machine's load average is printed beside them.

    .venv/bin/python bench/web.py [--runs 3] [--pages /,/compose/,/calendar/]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "web"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
TARGET_LCP_MS = 1000
TARGET_JS_KB = 250


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """``cmd``'s output; its last lines and an exit on failure."""
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write((done.stdout + done.stderr)[-4000:])
        raise SystemExit(f"{' '.join(cmd)} failed with {done.returncode}")
    return done.stdout


def declared_js(pages: list[str]) -> dict[str, float]:
    """KB gzip of the scripts each page's HTML loads (``npm run size`` lines: ``  171.2 KB  /x/index.html``)."""
    sizes: dict[str, float] = {}
    done = subprocess.run(["npm", "run", "--silent", "size"], cwd=WEB, capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        m = re.match(r"\s*([\d.]+) KB\s+(/\S+)", line)
        if m:
            sizes[m.group(2)] = float(m.group(1))
    return {p: sizes.get(p.rstrip("/") + "/index.html", float("nan")) for p in pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="measured first loads per page (median shown)")
    parser.add_argument("--pages", default="/,/compose/,/calendar/")
    args = parser.parse_args()
    if shutil.which("npm") is None:
        raise SystemExit("Node.js >= 20 with npm is needed for the web bench")
    if not CHROMIUM.exists():
        print(f"skipped: no Chromium at {CHROMIUM} (`make chromium` installs Debian's)")
        return
    pages = [p for p in args.pages.split(",") if p]

    print(f"before: {load()}")
    run(["make", "-s", "web-build"], ROOT)
    env = {**os.environ, "PERF_PAGES": ",".join(pages), "PERF_RUNS": str(args.runs),
           "NEXT_TELEMETRY_DISABLED": "1"}
    out = run(["npm", "run", "--silent", "perf"], WEB, env)
    figures = [json.loads(line.split("PERF ", 1)[1]) for line in out.splitlines() if line.lstrip().startswith("PERF {")]
    declared = declared_js(pages)
    print(f"after:  {load()}")
    print(f"\nheadless Chromium, warm local `inergize serve` (SQLite), fresh browser cache, median of {args.runs}")
    print(f"{'page':<22}{'LCP ms':>8}{'runs':>22}{'JS on wire KB':>15}{'JS declared KB':>16}")
    for f in figures:
        label = f"{f['path']} (baseline)" if f["baseline"] else f["path"]
        runs = ",".join(str(ms) for ms in f["lcpRunsMs"])
        decl = "" if f["baseline"] else f"{declared.get(f['path'], float('nan')):.1f}"
        lcp_mark = "" if f["baseline"] or f["lcpMs"] < TARGET_LCP_MS else " !"
        # first-load JS is what the page's HTML loads; the wire also carries later chunks and prefetches
        js_mark = "" if f["baseline"] or declared.get(f["path"], float("inf")) < TARGET_JS_KB else " !"
        print(f"{label:<22}{f['lcpMs']:>8}{lcp_mark:<2}{runs:>20}{f['jsKb']:>13.1f}  {decl:>14}{js_mark}")
    print("\nwhat the paint waited for (medians): first contentful paint, the last API answer before the LCP,"
          " the LCP element")
    for f in figures:
        print(f"{f['path']:<22}FCP {f['fcpMs']:>5} ms   last API answer {f['lastApiMs']:>5} ms   {f['lcpElement']}")
    missing = [p for p in pages if p not in {f["path"] for f in figures}]
    for p in missing:
        print(f"{p:<22} not measured (page not built)")
    print(f"targets: LCP < {TARGET_LCP_MS} ms, first-load JS < {TARGET_JS_KB} KB gzip per page (! = missed)")


if __name__ == "__main__":
    main()
