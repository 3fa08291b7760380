"""Commands of the platform: ``inergize serve``, ``db upgrade|downgrade``, ``worker`` and ``tick``."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
import threading
from typing import Any

from inergize.bootstrap import Container, migrate, migrate_down, shutdown
from inergize.entrypoints.cli.container import build_container, run_with_container
from inergize.entrypoints.logging import configure_logging


def register(commands: Any) -> None:
    serving = commands.add_parser("serve", help="run the API (migrates first, unless --no-migrate)")
    serving.add_argument("--host")
    serving.add_argument("--port", type=int)
    serving.add_argument("--no-migrate", action="store_true")
    serving.add_argument("--no-tick", action="store_true", help="do not run the periodic tasks in this process")
    serving.set_defaults(run=serve)
    database = commands.add_parser("db", help="database migrations").add_subparsers(dest="db_command",
                                                                                   required=True)
    upgrade = database.add_parser("upgrade")
    upgrade.add_argument("revision", nargs="?", default="heads")
    upgrade.set_defaults(run=db_upgrade)
    downgrade = database.add_parser("downgrade")
    downgrade.add_argument("revision")
    downgrade.set_defaults(run=db_downgrade)
    working = commands.add_parser("worker",
                                  help="consume jobs from the broker (INERGIZE_BROKER / INERGIZE_REDIS_URL)")
    working.add_argument("--threads", type=int, help="worker threads (default INERGIZE_WORKER_THREADS)")
    working.add_argument("--metrics-port", type=int,
                         help="serve this process's Prometheus metrics on INERGIZE_HTTP_HOST:PORT/metrics "
                              "(publications, LinkedIn calls, AI calls)")
    working.set_defaults(run=worker)
    ticking = commands.add_parser("tick", help="run the periodic tasks (outbox sweep, due work) every tick")
    ticking.add_argument("--once", action="store_true", help="run every task once and exit")
    ticking.set_defaults(run=tick)


def db_upgrade(args: argparse.Namespace) -> int:
    run_with_container(lambda container: migrate(container, args.revision))
    print(f"database upgraded to {args.revision}")
    return 0


def db_downgrade(args: argparse.Namespace) -> int:
    run_with_container(lambda container: migrate_down(container, args.revision))
    print(f"database downgraded to {args.revision}")
    return 0


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from inergize.entrypoints.http.app import create_app, settle_heap
    from inergize.entrypoints.workers.runtime import background_services

    # where it listens is in the settings, so links in emails default to this very address
    listen = {k: v for k, v in (("http_host", args.host), ("http_port", args.port)) if v}
    container = _logged(build_container(**listen))
    if not args.no_migrate:
        asyncio.run(migrate(container))
        asyncio.run(shutdown(container))  # the migration's loop is gone; the server's loop builds anew
        container = build_container(**listen)
    settings = container.settings()

    async def close() -> None:
        await shutdown(container)

    container.tokens()  # load or create the key material now: a bad key stops start-up, not a request
    # embedded worker threads (in-process broker) and the tick, stopped before the pools close
    start_background, stop_background = background_services(container, tick=not args.no_tick)
    app = create_app(container, on_startup=[start_background, settle_heap], on_shutdown=[stop_background, close])
    # The standard asyncio loop, not uvloop: under load uvloop left one request in twenty waiting 0.3–0.9 s
    # while the app itself answered within 40 ms (bench/api.py, decision 0010); asyncio serves about as
    # many requests with a p99 of 20–60 ms.
    uvicorn.run(app, host=settings.http_host, port=settings.http_port, log_config=None, access_log=False,
                loop="asyncio")
    return 0


def _logged(container: Container) -> Container:
    settings = container.settings()
    configure_logging(settings.log_level, settings.log_json)
    return container


def worker(args: argparse.Namespace) -> int:
    from inergize.entrypoints.workers.runtime import Workers

    container = _logged(build_container())
    if container.settings().effective_broker == "memory":
        print("inergize worker: the broker is in-process (no INERGIZE_REDIS_URL); `inergize serve` runs the "
              "workers itself, a separate worker would see no jobs", file=sys.stderr)
        return 2
    workers = Workers(container, threads=args.threads)
    if args.metrics_port:  # a worker serves no API: its counters get their own small endpoint
        from prometheus_client import start_http_server

        start_http_server(args.metrics_port, addr=container.settings().http_host)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    workers.start()
    print(f"inergize worker: consuming with {args.threads or container.settings().worker_threads} threads",
          flush=True)
    stop.wait()
    workers.stop()
    return 0


def tick(args: argparse.Namespace) -> int:
    from inergize.entrypoints.workers.periodic import run_periodic, tick_once

    async def work(container: Container) -> int:
        _logged(container)
        if args.once:
            results = await tick_once(container)
            for name, ok in results.items():
                print(f"{name}: {'ok' if ok else 'failed'}")
            return 0 if all(results.values()) else 1
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await run_periodic(container, stop)
        return 0

    return run_with_container(work)
