"""The OpenAI and Anthropic adapters end to end against local servers speaking their wire formats:
success, 401, 429 with retry-after, 5xx / 529, timeouts and malformed answers. SDK retries are off, so
each failure costs exactly one request."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from inergize.adapters.ai.anthropic_provider import AnthropicTextGenerator
from inergize.adapters.ai.anthropic_provider import make_client as make_anthropic
from inergize.adapters.ai.openai_provider import (
    OpenAIImageGenerator,
    OpenAITextGenerator,
    make_client,
)
from inergize.domain.ai.generation import ImageRequest, ProviderFailed, TextRequest
from tests.wire.ai_providers import (
    ANTHROPIC_POST,
    OPENAI_POST,
    Reply,
    ScriptedServer,
    anthropic_error,
    openai_error,
)

REQ = TextRequest(system="You write posts.", prompt="Write about code review.", max_tokens=300, seed=7)
CHAT, MESSAGES = "/v1/chat/completions", "/v1/messages"


def openai_gen(server: ScriptedServer, timeout: float = 2.0) -> OpenAITextGenerator:
    return OpenAITextGenerator(make_client("sk-test", server.base + "/v1", timeout), "gpt-4o-mini")


def anthropic_gen(server: ScriptedServer, timeout: float = 2.0) -> AnthropicTextGenerator:
    return AnthropicTextGenerator(make_anthropic("sk-ant-test", server.base, timeout), "claude-sonnet-4-5")


async def test_openai_chat_completion(fake_openai: ScriptedServer) -> None:
    answer = await openai_gen(fake_openai).generate(REQ)
    assert answer.text == OPENAI_POST and answer.provider == "openai" and answer.model == "gpt-4o-mini"
    assert (answer.tokens_in, answer.tokens_out) == (120, 240)
    path, headers, body = fake_openai.requests[0]
    assert path == CHAT and headers["authorization"] == "Bearer sk-test"
    assert body["model"] == "gpt-4o-mini" and body["messages"][0] == {
        "role": "system",
        "content": "You write posts.",
    }
    assert body["max_tokens"] == 300 and body["seed"] == 7


async def test_anthropic_messages(fake_anthropic: ScriptedServer) -> None:
    answer = await anthropic_gen(fake_anthropic).generate(REQ)
    assert answer.text == ANTHROPIC_POST and answer.provider == "anthropic"
    assert (answer.tokens_in, answer.tokens_out) == (90, 210)
    path, headers, body = fake_anthropic.requests[0]
    assert path == MESSAGES and "anthropic-version" in headers
    # Older SDKs send x-api-key, newer ones a bearer token; either carries the key.
    assert "sk-ant-test" in (
        headers.get("x-api-key", ""),
        headers.get("authorization", "").removeprefix("Bearer "),
    )
    assert body["system"] == "You write posts." and body["messages"] == [
        {"role": "user", "content": "Write about code review."}
    ]


# (reply, reason, retryable, retry hint) for each provider
OPENAI_FAILURES = [
    (
        openai_error(401, "Incorrect API key provided", "invalid_request_error", "invalid_api_key"),
        "auth",
        False,
        None,
    ),
    (
        openai_error(
            429, "Rate limit reached", "requests", "rate_limit_exceeded", **{"retry-after": "7"}
        ),
        "rate_limited",
        True,
        7.0,
    ),
    (openai_error(429, "Slow down", "requests", **{"retry-after-ms": "250"}), "rate_limited", True, 0.25),
    (openai_error(500, "The server had an error", "server_error"), "server_error", True, None),
    (
        openai_error(503, "Overloaded", "server_error", **{"x-should-retry": "false"}),
        "server_error",
        False,
        None,
    ),
    (openai_error(400, "Bad request", "invalid_request_error"), "bad_request", False, None),
    (Reply(200, "this is not json"), "malformed", False, None),
    (Reply(200, {"id": "x", "object": "chat.completion", "choices": []}), "malformed", False, None),
    (
        Reply(
            200, {"id": "x", "choices": [{"index": 0, "message": {"role": "assistant", "content": ""}}]}
        ),
        "malformed",
        False,
        None,
    ),
]
ANTHROPIC_FAILURES = [
    (anthropic_error(401, "authentication_error", "invalid x-api-key"), "auth", False, None),
    (
        anthropic_error(
            429,
            "rate_limit_error",
            "Number of requests has exceeded your rate limit",
            **{"retry-after": "12"},
        ),
        "rate_limited",
        True,
        12.0,
    ),
    (anthropic_error(529, "overloaded_error", "Overloaded"), "server_error", True, None),
    (anthropic_error(500, "api_error", "Internal server error"), "server_error", True, None),
    (Reply(200, "<html>gateway</html>"), "malformed", False, None),
    (
        Reply(
            200,
            {
                "id": "m",
                "type": "message",
                "role": "assistant",
                "content": [],
                "model": "x",
                "usage": {"input_tokens": 1, "output_tokens": 0},
            },
        ),
        "malformed",
        False,
        None,
    ),
]


@pytest.mark.parametrize(
    ("provider", "reply", "reason", "retryable", "hint"),
    [("openai", *case) for case in OPENAI_FAILURES] + [("anthropic", *case) for case in ANTHROPIC_FAILURES],
)
async def test_a_provider_failure_says_why_and_whether_to_retry_after_one_request(
    request: pytest.FixtureRequest, provider: str, reply: Reply, reason: str, retryable: bool, hint: float | None
) -> None:
    server: ScriptedServer = request.getfixturevalue(f"fake_{provider}")
    path, generator = (CHAT, openai_gen(server)) if provider == "openai" else (MESSAGES, anthropic_gen(server))
    server.push(path, reply)
    with pytest.raises(ProviderFailed) as exc:
        await generator.generate(REQ)
    assert (exc.value.reason, exc.value.retryable, exc.value.retry_after) == (reason, retryable, hint)
    assert server.hits(path) == 1  # max_retries=0: the chain, not the SDK, decides about retries


async def test_timeouts_are_retryable_failures(
    fake_openai: ScriptedServer, fake_anthropic: ScriptedServer
) -> None:
    fake_openai.push(CHAT, Reply(body={"late": True}, delay=1.5))
    fake_anthropic.push(MESSAGES, Reply(body={"late": True}, delay=1.5))
    for gen in (openai_gen(fake_openai, timeout=0.3), anthropic_gen(fake_anthropic, timeout=0.3)):
        with pytest.raises(ProviderFailed) as exc:
            await gen.generate(REQ)
        assert exc.value.reason == "timeout" and exc.value.retryable


async def test_openai_images_are_base64_cropped_to_the_banner_size(fake_openai: ScriptedServer) -> None:
    gen = OpenAIImageGenerator(make_client("sk-test", fake_openai.base + "/v1", 5), "dall-e-3")
    answer = await gen.generate(ImageRequest(prompt="abstract", width=1584, height=396))
    assert Image.open(io.BytesIO(answer.png)).size == (1584, 396)
    _, _, body = fake_openai.requests[0]
    assert (
        body["size"] == "1792x1024" and body["response_format"] == "b64_json" and body["model"] == "dall-e-3"
    )


async def test_openai_images_with_a_broken_picture_are_malformed(fake_openai: ScriptedServer) -> None:
    fake_openai.push(
        "/v1/images/generations", Reply(body={"created": 0, "data": [{"b64_json": "bm90IGFuIGltYWdl"}]})
    )
    gen = OpenAIImageGenerator(make_client("sk-test", fake_openai.base + "/v1", 5), "dall-e-3")
    with pytest.raises(ProviderFailed) as exc:
        await gen.generate(ImageRequest(prompt="abstract", width=1584, height=396))
    assert exc.value.reason == "malformed"
