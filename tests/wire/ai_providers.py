"""Local HTTP servers speaking the OpenAI and Anthropic wire formats, scripted per test.

Each runs on a loopback port (``tests.wire.loopback``); the official SDKs point their base_url at
it. ``push(path, Reply(...))`` queues answers for a path; without one the server answers like the real
API would on success. Every request is recorded (path, headers, JSON body)."""

from __future__ import annotations

import asyncio
import base64
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from tests.wire.loopback import LoopbackServer, answer, read_body


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
        self._server: LoopbackServer | None = None
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
        raw = await read_body(receive)
        if raw is None:
            return
        path = scope["path"]
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        self.requests.append((path, headers, json.loads(raw) if raw else None))
        reply = self.script[path].pop(0) if self.script[path] else Reply(body=self.defaults.get(path))
        if reply.body is None:
            reply = Reply(404, {"error": {"message": f"no route {path}", "type": "not_found"}})
        if reply.delay:
            await asyncio.sleep(reply.delay)
        await answer(send, reply.status, reply.body, reply.headers)

    def start(self) -> str:
        self._server = LoopbackServer(self)
        self.base = self._server.start()
        return self.base

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()


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
