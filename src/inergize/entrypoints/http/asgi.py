"""ASGI factory for production servers: ``uvicorn --factory inergize.entrypoints.http.asgi:app``."""

from __future__ import annotations

from litestar import Litestar

from inergize.bootstrap import bootstrap, shutdown
from inergize.entrypoints.http.app import create_app, settle_heap
from inergize.entrypoints.logging import configure_logging


def app() -> Litestar:
    container = bootstrap()
    settings = container.settings()
    configure_logging(settings.log_level, settings.log_json)

    async def close() -> None:
        await shutdown(container)

    return create_app(container, on_startup=[settle_heap], on_shutdown=[close])
