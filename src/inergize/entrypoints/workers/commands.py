"""``inergize worker`` (Dramatiq worker threads in their own process) and ``inergize tick``."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
import threading
from typing import Any

from inergize.entrypoints.cli.main import EXTENSIONS, command


def extend(sub: Any) -> None:
    w = sub.add_parser("worker", help="consume jobs from the broker (INERGIZE_BROKER / INERGIZE_REDIS_URL)")
    w.add_argument("--threads", type=int, help="worker threads (default INERGIZE_WORKER_THREADS)")
    w.add_argument("--metrics-port", type=int, help="serve this process's Prometheus metrics on INERGIZE_HTTP_HOST"
                   ":PORT/metrics (publications, LinkedIn calls, AI calls)")
    t = sub.add_parser("tick", help="run the periodic tasks (outbox sweep, due work) every tick")
    t.add_argument("--once", action="store_true", help="run every task once and exit")


EXTENSIONS.append(extend)


def _setup() -> Any:
    from inergize.bootstrap import bootstrap
    from inergize.entrypoints.logging import configure_logging

    container = bootstrap()
    settings = container.settings()
    configure_logging(settings.log_level, settings.log_json)
    return container


@command("worker")
def worker(args: argparse.Namespace) -> int:
    from inergize.entrypoints.workers.runtime import Workers

    container = _setup()
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


@command("tick")
def tick(args: argparse.Namespace) -> int:
    from inergize.bootstrap import shutdown
    from inergize.entrypoints.workers.periodic import run_periodic, tick_once

    async def run() -> int:
        container = _setup()
        try:
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
        finally:
            await shutdown(container)

    return asyncio.run(run())
