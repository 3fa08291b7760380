"""Local HTTP servers speaking the OpenAI and Anthropic wire formats, scripted per test.

Each runs uvicorn on a loopback port in a thread of its own; the official SDKs point their base_url at
it. ``push(path, Reply(...))`` queues answers for a path; without one the server answers like the real
API would on success. Every request is recorded (path, headers, JSON body)."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from PIL import Image


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict → JSON; str/bytes → sent as is (malformed answers)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def openai_error(status: int, message: str, kind: str, code: str | None = None, **headers: str) -> Reply:
    return Reply(status, {"error": {"message": message, "type": kind, "param": None, "code": code}}, headers)


def anthropic_error(status: int, kind: str, message: str, **headers: str) -> Reply:
    return Reply(status, {"type": "error", "error": {"type": kind, "message": message}}, headers)


def png_b64(width: int, height: int) -> str:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return base64.b64encode(out.getvalue()).decode()


class ScriptedServer:
    def __init__(self, defaults: dict[str, Any]) -> None:
        self.defaults = defaults
        self.script: dict[str, list[Reply]] = defaultdict(list)
        self.requests: list[tuple[str, dict[str, str], Any]] = []
        self._server: uvicorn.Server | None = None
        self.base = ""

    def push(self, path: str, *replies: Reply) -> None:
        self.script[path].extend(replies)

    def hits(self, path: str) -> int:
        return sum(1 for p, _, _ in self.requests if p == path)

    def reset(self) -> None:
        self.script.clear()
        self.requests.clear()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        raw = b""
        while True:
            message = await receive()
            raw += message.get("body", b"")
            if not message.get("more_body"):
                break
        path = scope["path"]
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        self.requests.append((path, headers, json.loads(raw) if raw else None))
        reply = self.script[path].pop(0) if self.script[path] else Reply(body=self.defaults.get(path))
        if reply.body is None:
            reply = Reply(404, {"error": {"message": f"no route {path}", "type": "not_found"}})
        if reply.delay:
            await asyncio.sleep(reply.delay)
        body = (
            reply.body
            if isinstance(reply.body, bytes)
            else (reply.body.encode() if isinstance(reply.body, str) else json.dumps(reply.body).encode())
        )
        out_headers = [(b"content-type", b"application/json")] + [
            (k.encode(), v.encode()) for k, v in reply.headers.items()
        ]
        await send({"type": "http.response.start", "status": reply.status, "headers": out_headers})
        await send({"type": "http.response.body", "body": body})

    def start(self) -> str:
        config = uvicorn.Config(self, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
        self._server = uvicorn.Server(config)
        thread = threading.Thread(target=self._server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("fake server did not start")
            time.sleep(0.01)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        return self.base

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True


def openai_text(text: str, model: str = "gpt-4o-mini") -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 120, "completion_tokens": 240, "total_tokens": 360},
    }


def anthropic_text(text: str, model: str = "claude-sonnet-4-5") -> dict[str, Any]:
    return {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [{"type": "text", "text": text}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 90, "output_tokens": 210},
    }


OPENAI_POST = (
    "Most teams review code too late.\n\nHere is what changed for us.\n\n"
    "What would you try first?\n\n#CodeReview #Engineering #DevOps"
)
ANTHROPIC_POST = (
    "I used to think reviews were about bugs.\n\nThey are about shared context.\n\n"
    "Agree?\n\n#CodeReview #Teamwork #Engineering"
)


def openai_server() -> ScriptedServer:
    return ScriptedServer(
        {
            "/v1/chat/completions": openai_text(OPENAI_POST),
            "/v1/images/generations": {"created": 0, "data": [{"b64_json": png_b64(1792, 1024)}]},
            "/v1/moderations": {
                "id": "modr-1",
                "model": "omni-moderation-latest",
                "results": [
                    {
                        "flagged": False,
                        "categories": {"harassment": False, "violence": False},
                        "category_scores": {"harassment": 0.001, "violence": 0.0},
                    }
                ],
            },
        }
    )


def anthropic_server() -> ScriptedServer:
    return ScriptedServer({"/v1/messages": anthropic_text(ANTHROPIC_POST)})
