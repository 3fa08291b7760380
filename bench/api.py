"""API throughput and latency: InErgize next to a raw ASGI hello-world and a constant Litestar route,
served the same way, same run.

Serves each app under granian (what ``deploy/`` runs; uvicorn with --servers, as ``inergize serve`` runs it), one
process pinned to one core, and drives it with wrk from another process on the other core. Prints
requests/s and p50/p95/p99, then the authenticated ``GET /v1/content`` (25 items) uncached and cached, on
SQLite (embedded: the in-process read cache) and PostgreSQL (production shape: the read cache and
budgets on Redis), each as a ratio of the constant route measured just before it, in several rounds.
Targets: uncached ≥ 0.15, cached ≥ 0.33, p95 < 200 ms, judged on the medians.

    .venv/bin/python bench/api.py [--seconds 3] [--rounds 3] [--servers granian,uvicorn] [--connections 64]
                                  [--postgres URL] [--redis URL] [--only 'Redis GET /v1/content cached']
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import socket
import statistics
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
        # as `inergize serve` runs it: the asyncio loop (uvloop leaves a tail of 0.3–0.9 s waits here)
        cmd = [str(BIN / "uvicorn"), target, "--port", str(port), "--loop", "asyncio", "--http", "httptools",
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


async def prepare(data_dir: Path, env: dict[str, str] | None = None) -> tuple[str, str]:
    """Migrate a database, create a user with 25 drafts; return (bearer header, env database url)."""
    sys.path.insert(0, str(ROOT / "src"))
    import inergize
    from inergize.application.content.library import CreateContent
    from inergize.domain.accounts.users import Principal

    settings = inergize.load_settings(env if env is not None else dict(os.environ), data_dir=data_dir)
    async with inergize.open(settings) as app:
        user = await app.users.create(f"bench-{os.getpid()}@example.com")
        me = Principal(user.id)
        for i in range(25):
            await app.content.create(me, CreateContent(title=f"Draft {i}", body="x" * 200))
        token = app.container.tokens().issue_access(me, now=app.container.clock().now())
    return f"Bearer {token}", settings.effective_database_url


def create_pg_database(admin_url: str) -> tuple[str, str]:
    """A fresh PostgreSQL database for this run: (SQLAlchemy URL, name)."""
    import uuid

    import psycopg

    name = f"inergize_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + f"/{name}", name


def drop_pg_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def forget_redis_keys(url: str, prefix: str) -> None:
    """Remove what the run left in Redis (read cache, budgets) under its own prefix."""
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=prefix + "*", count=1000))
    for i in range(0, len(keys), 500):
        client.delete(*keys[i:i + 500])


def serve_and_measure(server: str, target: str, factory: bool, path: str, header: str | None,
                      env: dict[str, str], args: argparse.Namespace, tmp: Path) -> dict[str, float]:
    port = free_port()
    proc = subprocess.Popen(server_cmd(server, target, port, factory), env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        wait_for(port)
        run_wrk(f"http://127.0.0.1:{port}{path}", 1, args.connections, tmp, header)  # warm-up
        return run_wrk(f"http://127.0.0.1:{port}{path}", args.seconds, args.connections, tmp, header)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)


TARGETS = {"uncached": 0.15, "cached": 1 / 3}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--servers", default="granian",
                        help="granian (what deploy/ runs), uvicorn (what `inergize serve` runs), or both")
    parser.add_argument("--postgres", default=os.environ.get("INERGIZE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test"),
                        help="an admin URL; the bench creates and drops a database of its own ('' to skip)")
    parser.add_argument("--redis", default=os.environ.get("INERGIZE_BENCH_REDIS", "redis://127.0.0.1:6379/15"),
                        help="Redis for the PostgreSQL cases' read cache and budgets ('' for in-process)")
    parser.add_argument("--only", default="",
                        help="measure only the reads whose name contains this (and the baselines they need)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (make bench installs it: apt-get install wrk)")
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="inergize-bench-"))
    # The API budgets still run on every request (their cost is measured) but with limits no bench
    # reaches, so the figures are of serving requests, not of refusing them.
    limits = {f"INERGIZE_API_RATE_{k}_PER_MINUTE": "1000000000" for k in ("USER", "ADDRESS", "GLOBAL")}
    base = {**os.environ, **limits, "INERGIZE_LOG_LEVEL": "WARNING", "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}"}
    databases: list[tuple[str, dict[str, str]]] = [("SQLite", {"INERGIZE_DATA_DIR": str(tmp / "sqlite")})]
    pg_name = None
    if args.postgres:
        pg_url, pg_name = create_pg_database(args.postgres)
        pg_env = {"INERGIZE_DATA_DIR": str(tmp / "postgres"), "INERGIZE_DATABASE_URL": pg_url}
        if args.redis:
            pg_env |= {"INERGIZE_REDIS_URL": args.redis, "INERGIZE_REDIS_PREFIX": f"inergize-bench-{os.getpid()}:",
                       "INERGIZE_BROKER": "memory"}
        databases.append(("PostgreSQL" + (" + Redis" if args.redis else ""), pg_env))
    try:
        Case = tuple[str, str, bool, str, str | None, dict[str, str]]
        constant: Case = ("Litestar constant 25-item list, one dependency", "bench._apps:constant_list", True,
                          "/v1/content", None, {})
        baselines: list[Case] = [
            ("raw ASGI hello-world", "bench._apps:hello", False, "/", None, {}),
            constant,
            ("InErgize /health", "bench._apps:inergize_app", True, "/health", None, databases[0][1]),
        ]
        reads: list[Case] = []
        for db, env in databases:
            (tmp / Path(env["INERGIZE_DATA_DIR"]).name).mkdir(exist_ok=True)
            header, _ = asyncio.run(prepare(Path(env["INERGIZE_DATA_DIR"]), {**base, **env}))
            for kind, seconds in (("uncached", "0"), ("cached", "300")):
                if args.only not in f"{db} GET /v1/content {kind}":
                    continue
                reads.append((f"{db} GET /v1/content {kind}", "bench._apps:inergize_app", True, "/v1/content",
                              header, {**env, "INERGIZE_CONTENT_CACHE_SECONDS": seconds}))
        print(f"wrk: 1 thread, {args.connections} connections, {args.seconds}s per case; server on core 0, "
              f"wrk on core 1; load average before: {os.getloadavg()[0]:.2f}")
        print("Each read is measured right after the constant route it is compared with, in "
              f"{args.rounds} rounds: this machine's speed drifts by a factor of two within minutes, so a "
              "ratio is only taken between neighbours, and the verdict is on the medians.")
        header_line = (f"{'server':8} {'case':48} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
                       f"{'non-2xx':>8} {'ratio':>6}")
        for server in args.servers.split(","):
            print(header_line)

            def measure(case: Case, server: str = server) -> dict[str, float]:
                _, target, factory, path, hdr, env = case
                return serve_and_measure(server, target, factory, path, hdr, {**base, **env}, args, tmp)

            def line(name: str, r: dict[str, float], extra: str = "", server: str = server) -> None:
                print(f"{server:8} {name:48} {r['rps']:9.0f} {r['p50']:8.2f} {r['p95']:8.2f} {r['p99']:8.2f} "
                      f"{int(r['non2xx']):8d}{extra}", flush=True)

            for case in baselines if not args.only else [constant]:
                line(case[0], measure(case))
            results: dict[str, list[tuple[float, float]]] = {case[0]: [] for case in reads}
            for round_no in range(1, args.rounds + 1):
                for case in reads:
                    c = measure(constant)
                    r = measure(case)
                    ratio = r["rps"] / c["rps"]
                    results[case[0]].append((ratio, r["p95"]))
                    line(f"{case[0]} ({round_no})", r, f" {ratio:6.3f} of {c['rps']:.0f}")
            for case in reads:
                kind = next(k for k in TARGETS if case[0].endswith(k))
                ratio = statistics.median(x for x, _ in results[case[0]])
                p95 = statistics.median(p for _, p in results[case[0]])
                met = ratio >= TARGETS[kind] and p95 < 200
                print(f"{server:8} {case[0]:48} median ratio {ratio:.3f}, p95 {p95:.0f} ms: "
                      f"{'met' if met else 'NOT met'} (≥ {TARGETS[kind]:.2f}, p95 < 200 ms)", flush=True)
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if pg_name:
            drop_pg_database(args.postgres, pg_name)
        if args.postgres and args.redis:
            forget_redis_keys(args.redis, f"inergize-bench-{os.getpid()}:")
    return 0


if __name__ == "__main__":
    sys.exit(main())
