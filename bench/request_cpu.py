"""CPU per request of the API process, without a server: the ASGI app called with 64 requests in
flight on uvloop, for the constant Litestar route and ``GET /v1/content`` uncached and cached on
SQLite and on PostgreSQL + Redis. Steadier than ``bench/api.py`` on a shared machine (other work on
the cores does not count), so it is the figure to compare two trees by; ``--profile`` writes a
pyinstrument profile of each InErgize case next to the figures.

    .venv/bin/python bench/request_cpu.py [--requests 3000] [--rounds 3] [--only sqlite-uncached] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench.api import create_pg_database, drop_pg_database, forget_redis_keys, prepare  # noqa: E402


async def drive(app: Any, path: str, header: str | None, requests: int, in_flight: int) -> float:
    """CPU seconds of this process per request for ``requests`` calls, ``in_flight`` at a time."""
    headers = [(b"host", b"bench")]
    if header:
        headers.append((b"authorization", header.encode()))

    async def one() -> None:
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
                 "root_path": "", "headers": headers, "client": ("127.0.0.1", 5000),
                 "server": ("127.0.0.1", 8000), "state": {}}
        status = 0

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]

        await app(scope, receive, send)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")

    async def worker(count: int) -> None:
        for _ in range(count):
            await one()

    await asyncio.gather(*(worker(requests // in_flight) for _ in range(in_flight)))  # warm-up
    started = time.process_time()
    await asyncio.gather(*(worker(requests // in_flight) for _ in range(in_flight)))
    return (time.process_time() - started) / (requests // in_flight * in_flight)


class Lifespan:
    """The ASGI lifespan protocol around a run: startup before, shutdown after."""

    def __init__(self, app: Any) -> None:
        self._app = app
        self._inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._task: asyncio.Task[Any] | None = None

    async def _step(self, event: str) -> None:
        await self._inbox.put({"type": f"lifespan.{event}"})
        answer = await self._outbox.get()
        if not answer["type"].endswith("complete"):
            raise RuntimeError(f"lifespan {event}: {answer}")

    async def __aenter__(self) -> None:
        scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
        self._task = asyncio.ensure_future(self._app(scope, self._inbox.get, self._outbox.put))
        await self._step("startup")

    async def __aexit__(self, *_: object) -> None:
        await self._step("shutdown")
        assert self._task is not None
        await self._task


def measure(make_app: Callable[[], Any], env: dict[str, str], path: str, header: str | None,
            args: argparse.Namespace, profile_to: Path | None) -> float:
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        app = make_app()

        async def run() -> float:
            async with Lifespan(app):
                if profile_to is None:
                    return await drive(app, path, header, args.requests, args.in_flight)
                from pyinstrument import Profiler

                with Profiler(async_mode="disabled") as profiler:
                    figure = await drive(app, path, header, args.requests, args.in_flight)
                report.append(profiler.output_text(unicode=True, color=False, show_all=False))
                return figure

        import uvloop

        report: list[str] = []
        figure = uvloop.run(run())
        if profile_to is not None:
            profile_to.write_text(report[0])
        return figure
    finally:
        os.environ.clear()
        os.environ.update(saved)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--in-flight", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated cases: sqlite-uncached, postgres-cached, …")
    parser.add_argument("--profile", action="store_true", help="pyinstrument profiles into bench-profiles/")
    parser.add_argument("--postgres", default=os.environ.get("INERGIZE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--redis", default=os.environ.get("INERGIZE_BENCH_REDIS", "redis://127.0.0.1:6379/15"))
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="inergize-cpu-"))
    limits = {f"INERGIZE_API_RATE_{k}_PER_MINUTE": "1000000000" for k in ("USER", "ADDRESS", "GLOBAL")}
    base = {**limits, "INERGIZE_LOG_LEVEL": "WARNING"}
    pg_url, pg_name = create_pg_database(args.postgres) if args.postgres else (None, None)
    prefix = f"inergize-cpu-{os.getpid()}:"
    try:
        from bench._apps import constant_list, inergize_app

        setups: list[tuple[str, dict[str, str]]] = [("sqlite", {"INERGIZE_DATA_DIR": str(tmp / "sqlite")})]
        if pg_url:
            pg_env = {"INERGIZE_DATA_DIR": str(tmp / "postgres"), "INERGIZE_DATABASE_URL": pg_url}
            if args.redis:
                pg_env |= {"INERGIZE_REDIS_URL": args.redis, "INERGIZE_REDIS_PREFIX": prefix,
                           "INERGIZE_BROKER": "memory"}
            setups.append(("postgres", pg_env))
        cases: list[tuple[str, Callable[[], Any], dict[str, str], str, str | None]] = [
            ("constant", constant_list, {}, "/v1/content", None)]
        for db, env in setups:
            Path(env["INERGIZE_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
            header, _ = asyncio.run(prepare(Path(env["INERGIZE_DATA_DIR"]), {**os.environ, **base, **env}))
            for kind, seconds in (("uncached", "0"), ("cached", "300")):
                cases.append((f"{db}-{kind}", inergize_app, {**base, **env, "INERGIZE_CONTENT_CACHE_SECONDS": seconds},
                              "/v1/content", header))
        only = {c for c in args.only.split(",") if c}
        cases = [c for c in cases if not only or c[0] in only or c[0] == "constant"]
        profiles = ROOT / "bench-profiles"
        print(f"{args.requests} requests per case, {args.in_flight} in flight, {args.rounds} rounds; "
              f"CPU of this process per request (µs); load average {os.getloadavg()[0]:.2f}")
        for name, make_app, env, path, header in cases:
            figures = []
            for _ in range(args.rounds):
                figures.append(measure(make_app, env, path, header, args, None) * 1e6)
            if args.profile and name != "constant":
                profiles.mkdir(exist_ok=True)
                measure(make_app, env, path, header, args, profiles / f"{name}.txt")
            print(f"{name:20} " + " / ".join(f"{f:7.0f}" for f in figures) + f"   best {min(figures):7.0f}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if pg_name:
            drop_pg_database(args.postgres, pg_name)
        if args.redis:
            forget_redis_keys(args.redis, prefix)
    return 0


if __name__ == "__main__":
    sys.exit(main())
