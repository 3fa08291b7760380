"""The ``inergize`` command: serve, migrate, run workers and the tick, admin chores."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Sequence
from typing import Any

from inergize.domain.platform.errors import ConfigurationError

Command = Callable[[argparse.Namespace], int]
_commands: dict[str, Command] = {}


def command(name: str) -> Callable[[Command], Command]:
    def register(fn: Command) -> Command:
        _commands[name] = fn
        return fn
    return register


def _container(**settings: Any) -> Any:
    """The container of the environment's settings, ``settings`` replacing some (``serve --port``)."""
    from inergize.bootstrap import bootstrap
    from inergize.settings import load_settings

    return bootstrap(load_settings(**settings) if settings else None)


@command("db.upgrade")
def db_upgrade(args: argparse.Namespace) -> int:
    from inergize.bootstrap import migrate, shutdown

    async def run() -> None:
        container = _container()
        await migrate(container, args.revision)
        await shutdown(container)
    asyncio.run(run())
    print(f"database upgraded to {args.revision}")
    return 0


@command("db.downgrade")
def db_downgrade(args: argparse.Namespace) -> int:
    from inergize.bootstrap import migrate_down, shutdown

    async def run() -> None:
        container = _container()
        await migrate_down(container, args.revision)
        await shutdown(container)
    asyncio.run(run())
    print(f"database downgraded to {args.revision}")
    return 0


@command("serve")
def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from inergize.bootstrap import migrate, shutdown
    from inergize.entrypoints.http.app import create_app
    from inergize.entrypoints.logging import configure_logging

    # where it listens is in the settings, so links in emails default to this very address
    listen = {k: v for k, v in (("http_host", args.host), ("http_port", args.port)) if v}
    container = _container(**listen)
    settings = container.settings()
    configure_logging(settings.log_level, settings.log_json)
    if not args.no_migrate:
        asyncio.run(migrate(container))
        asyncio.run(shutdown(container))  # the migration's loop is gone; the server's loop builds anew
        container = _container(**listen)

    async def close() -> None:
        await shutdown(container)

    container.tokens()  # load or create the key material now: a bad key stops start-up, not a request
    # issue 3: embedded worker threads (in-process broker) and the tick, stopped before the pools close
    from inergize.entrypoints.workers.runtime import background_services

    start_background, stop_background = background_services(container, tick=not args.no_tick)
    app = create_app(container, on_startup=[start_background], on_shutdown=[stop_background, close])
    uvicorn.run(app, host=settings.http_host, port=settings.http_port,
                log_config=None, access_log=False)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="inergize", description="InErgize: LinkedIn growth platform")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("serve", help="run the API (migrates first, unless --no-migrate)")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--no-migrate", action="store_true")
    p.add_argument("--no-tick", action="store_true", help="do not run the periodic tasks in this process")
    db = sub.add_parser("db", help="database migrations").add_subparsers(dest="db_cmd", required=True)
    up = db.add_parser("upgrade")
    up.add_argument("revision", nargs="?", default="heads")
    down = db.add_parser("downgrade")
    down.add_argument("revision")
    for extend in EXTENSIONS:
        extend(sub)
    return parser


# Capabilities add their sub-commands here: each is fn(subparsers) that registers parsers whose
# ``cmd`` (plus sub-command) names a function registered with ``@command``.
EXTENSIONS: list[Callable[[Any], None]] = []

# Capability command modules register themselves (``@command`` and EXTENSIONS) when imported; they
# import this module, so they come after the registries above.
from inergize.entrypoints.cli import accounts  # noqa: E402, F401
from inergize.entrypoints.workers import commands as _worker_commands  # noqa: E402, F401


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    name = args.cmd
    for attr in ("db_cmd", "sub_cmd"):
        if getattr(args, attr, None):
            name = f"{name}.{getattr(args, attr)}"
    try:
        return _commands[name](args)
    except ConfigurationError as exc:
        print(f"inergize: configuration error: {exc.detail}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
