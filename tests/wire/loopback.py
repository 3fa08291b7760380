"""What every wire-format server shares: reading a request body, answering JSON, and serving an ASGI app
on a loopback port from a thread of its own (uvicorn), so adapters talk real HTTP to it."""

from __future__ import annotations

import json
import socket
import threading
import time
from typing import Any

import uvicorn


async def read_body(receive: Any) -> bytes | None:
    """The whole request body, or None when the client went away first (it timed out: a server must
    then do nothing, as a real one would never have seen the request complete)."""
    body = b""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += message.get("body", b"")
        if not message.get("more_body"):
            return body


async def answer(send: Any, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
    """A JSON answer: ``body`` a JSON value, or bytes/str sent as is (malformed answers), or None."""
    payload = (
        b"" if body is None else body if isinstance(body, bytes)
        else body.encode() if isinstance(body, str) else json.dumps(body).encode()
    )
    out = [(b"content-type", b"application/json"), *((k.encode(), v.encode()) for k, v in (headers or {}).items())]
    await send({"type": "http.response.start", "status": status, "headers": out})
    await send({"type": "http.response.body", "body": payload})


def free_port() -> int:
    """A loopback port nobody listens on (for a server to start on, or a client to be refused by)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LoopbackServer:
    """``app`` served on 127.0.0.1 by uvicorn in a daemon thread; ``start()`` returns its base URL."""

    def __init__(self, app: Any, *, port: int = 0, **options: Any) -> None:
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan="off",
                                access_log=False, **options)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self.url = ""

    def start(self) -> str:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the wire server did not start")
            time.sleep(0.01)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
