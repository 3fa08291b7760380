"""A minimal LinkedIn Posts wire server: ``POST /rest/posts`` → 201 with ``x-restli-id``, or 422 naming the
existing share when the same author posts the same commentary and media again (LinkedIn's duplicate
answer). ``GET /_stats`` reports what it saw, so tests and the bench can count posts per item.

Raw ASGI on uvicorn (httptools), so the server is not what limits a throughput measurement."""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
import threading
from collections import Counter
from typing import Any

import uvicorn


class WireState:
    def __init__(self, detect_duplicates: bool = True) -> None:
        self.detect_duplicates = detect_duplicates
        self.posts: dict[tuple[str, str, str], str] = {}
        self.created: Counter[tuple[str, str, str]] = Counter()
        self.duplicate_answers = 0
        self.requests = 0
        self.fail_next: list[int] = []  # statuses to answer instead of handling, one per request
        self._ids = itertools.count(1)

    def stats(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "created": sum(self.created.values()),
            "distinct": len(self.created),
            "duplicate_answers": self.duplicate_answers,
            "created_twice": sum(1 for n in self.created.values() if n > 1),
        }


def make_app(state: WireState) -> Any:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                msg = await receive()
                if msg["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        body = b""
        more = True
        while more:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return  # the client gave up (a timeout): nothing to answer, nothing was created
            body += msg.get("body", b"")
            more = msg.get("more_body", False)
        status, headers, payload = handle(state, scope["method"], scope["path"], body)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json"), *headers],
            }
        )
        await send({"type": "http.response.body", "body": payload})

    return app


def handle(state: WireState, method: str, path: str, body: bytes) -> tuple[int, list[Any], bytes]:
    if path == "/_stats":
        return 200, [], json.dumps(state.stats()).encode()
    if method != "POST" or path != "/rest/posts":
        return 404, [], b'{"message":"not found","status":404}'
    state.requests += 1
    if state.fail_next:
        status = state.fail_next.pop(0)
        return status, [], json.dumps({"message": "simulated failure", "status": status}).encode()
    post = json.loads(body)
    media = json.dumps(post.get("content") or {}, sort_keys=True)
    key = (post["author"], post["commentary"], media)
    if state.detect_duplicates and key in state.posts:
        state.duplicate_answers += 1
        message = f"Content is a duplicate of {state.posts[key]}"
        return 422, [], json.dumps({"message": message, "status": 422}).encode()
    urn = f"urn:li:share:{next(state._ids)}"
    state.posts[key] = urn
    state.created[key] += 1
    return 201, [(b"x-restli-id", urn.encode())], b""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class WireServer:
    """The server on a background thread with its own event loop (tests)."""

    def __init__(self, state: WireState | None = None) -> None:
        self.state = state or WireState()
        self.port = free_port()
        config = uvicorn.Config(
            make_app(self.state),
            host="127.0.0.1",
            port=self.port,
            log_level="error",
            http="httptools",
            lifespan="on",
            access_log=False,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=lambda: asyncio.run(self._server.serve()), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> WireServer:
        self._thread.start()
        while not self._server.started:
            threading.Event().wait(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(5)
