"""ASGI apps the API benchmark serves: a raw hello-world baseline and InErgize itself."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec

HELLO = b'{"status":"ok"}'


async def hello(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The floor: the least an ASGI app can do for one request."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"15")]})
    await send({"type": "http.response.body", "body": HELLO})


def inergize_app() -> Any:
    """InErgize from INERGIZE_* (the benchmark points it at a prepared database)."""
    from inergize.entrypoints.http.asgi import app

    return app()


class Item(msgspec.Struct, rename="camel"):
    id: str
    kind: str
    title: str
    body: str
    state: str
    created_at: datetime
    version: int


class PageOut(msgspec.Struct, rename="camel"):
    items: list[Item]
    next_cursor: str | None


def constant_list() -> Any:
    """A Litestar route of the same shape as ``GET /v1/content``: 25 items behind one dependency,
    no auth and no database — what the framework alone costs."""
    from litestar import Litestar, get
    from litestar.di import Provide

    now = datetime(2026, 1, 1, tzinfo=UTC)
    page = PageOut([Item(f"{i:032x}", "post", f"Draft {i}", "x" * 200, "draft", now, 1) for i in range(25)], None)

    async def provide_page() -> PageOut:
        return page

    @get("/v1/content", dependencies={"page": Provide(provide_page)})
    async def listing(page: PageOut) -> PageOut:
        return page

    return Litestar([listing])
