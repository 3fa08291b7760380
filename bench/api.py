"""API throughput and latency: InErgize next to a raw ASGI hello-world, served the same way, same run.

Serves each app under uvicorn (uvloop + httptools) and granian, one process pinned to one core, and
drives it with wrk from another process on the other core. Prints requests/s and p50/p95/p99.

    .venv/bin/python bench/api.py [--seconds 5] [--connections 64]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server on {port} did not start")


def pin(cpu: int) -> list[str]:
    return ["taskset", "-c", str(cpu)] if shutil.which("taskset") and os.cpu_count() and os.cpu_count() > 1 else []


def server_cmd(server: str, target: str, port: int, factory: bool) -> list[str]:
    if server == "uvicorn":
        cmd = [str(BIN / "uvicorn"), target, "--port", str(port), "--loop", "uvloop", "--http", "httptools",
               "--no-access-log", "--log-level", "warning"]
    else:
        cmd = [str(BIN / "granian"), "--interface", "asgi", "--port", str(port), "--log-level", "warning",
               "--no-ws", target]
    if factory:
        cmd.insert(2 if server == "uvicorn" else 1, "--factory")
    return pin(0) + cmd


def parse_wrk(out: str) -> dict[str, float]:
    def ms(value: str, unit: str) -> float:
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    lat = {p: ms(v, u) for p, v, u in re.findall(r"\s(50|90|99)%\s+([\d.]+)(us|ms|s)\b", out)}
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {"rps": rps, "p50": lat.get("50", 0), "p90": lat.get("90", 0), "p99": lat.get("99", 0),
            "non2xx": float(errors.group(1)) if errors else 0.0}


def percentile_script(tmp: Path, header: str | None) -> Path:
    """A wrk Lua script that adds a header and prints p95 (wrk --latency shows only 50/75/90/99)."""
    script = tmp / "p95.lua"
    hdr = f'wrk.headers["Authorization"] = "{header}"\n' if header else ""
    script.write_text(hdr + 'done = function(summary, latency, requests)\n'
                      '  io.write(string.format("P95_US %d\\n", latency:percentile(95)))\nend\n')
    return script


def run_wrk(url: str, seconds: int, connections: int, tmp: Path, header: str | None = None) -> dict[str, float]:
    script = percentile_script(tmp, header)
    cmd = [*pin(1), "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), url]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    result = parse_wrk(out)
    p95 = re.search(r"P95_US (\d+)", out)
    result["p95"] = int(p95.group(1)) / 1000 if p95 else 0.0
    return result


async def prepare(data_dir: Path) -> tuple[str, str]:
    """Migrate a database, create a user with 25 drafts; return (bearer header, env database url)."""
    sys.path.insert(0, str(ROOT / "src"))
    import inergize
    from inergize.application.content.library import CreateContent
    from inergize.domain.accounts.users import Principal

    settings = inergize.load_settings(dict(os.environ), data_dir=data_dir)
    async with inergize.open(settings) as app:
        user = await app.users.create(f"bench-{os.getpid()}@example.com")
        me = Principal(user.id)
        for i in range(25):
            await app.content.create(me, CreateContent(title=f"Draft {i}", body="x" * 200))
        token = app.container.tokens().issue_access(me, now=app.container.clock().now())
    return f"Bearer {token}", settings.effective_database_url


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--servers", default="uvicorn,granian")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (make bench installs it: apt-get install wrk)")
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="inergize-bench-"))
    # The API budgets still run on every request (their cost is measured) but with limits no bench
    # reaches, so the figures are of serving requests, not of refusing them.
    limits = {f"INERGIZE_API_RATE_{k}_PER_MINUTE": "1000000000" for k in ("USER", "ADDRESS", "GLOBAL")}
    env = {**os.environ, **limits, "INERGIZE_DATA_DIR": str(tmp), "INERGIZE_LOG_LEVEL": "WARNING",
           "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}"}
    header, db_url = asyncio.run(prepare(tmp))
    print(f"database: {db_url.split('@')[-1]}")
    cases = [
        ("raw ASGI hello-world", "bench._apps:hello", False, "/", None),
        ("Litestar constant 25-item list, one dependency", "bench._apps:constant_list", True, "/v1/content", None),
        ("InErgize /health", "bench._apps:inergize_app", True, "/health", None),
        ("InErgize GET /v1/content (auth + DB, 25 items)", "bench._apps:inergize_app", True, "/v1/content", header),
    ]
    print(f"wrk: 1 thread, {args.connections} connections, {args.seconds}s per case; server on core 0, wrk on core 1")
    print(f"{'server':8} {'case':48} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for server in args.servers.split(","):
        for name, target, factory, path, hdr in cases:
            port = free_port()
            proc = subprocess.Popen(server_cmd(server, target, port, factory), env=env, cwd=ROOT,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
            try:
                wait_for(port)
                run_wrk(f"http://127.0.0.1:{port}{path}", 1, args.connections, tmp, hdr)  # warm-up
                r = run_wrk(f"http://127.0.0.1:{port}{path}", args.seconds, args.connections, tmp, hdr)
                print(f"{server:8} {name:48} {r['rps']:9.0f} {r['p50']:8.2f} {r['p95']:8.2f} {r['p99']:8.2f} "
                      f"{int(r['non2xx']):8d}")
            finally:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(10)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
