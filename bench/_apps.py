"""ASGI apps the API benchmark serves: a raw hello-world baseline and InErgize itself."""

from __future__ import annotations

from typing import Any

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
