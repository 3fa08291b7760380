"""The fallback chain: retries with backoff on retryable failures, retry-after obeyed up to a cap,
a circuit breaker, and the answer saying which provider answered (unit level and over the wire)."""

from __future__ import annotations

from typing import Any

import pytest
from dependency_injector import providers

from inergize.adapters.ai.chain import CircuitBreaker, FallbackChain, Link, RetryPolicy
from inergize.adapters.ai.offline import OfflineTextGenerator
from inergize.bootstrap.ai import text_generator
from inergize.domain.ai.generation import ProviderFailed, TextAnswer, TextRequest
from tests.support.settings import make_settings
from tests.wire.ai_providers import ANTHROPIC_POST, ScriptedServer, anthropic_error, openai_error

REQ = TextRequest(system="s", prompt="p", context={"draft": "offline draft #a #b #c"})


class Scripted:
    """A provider that fails with the given reasons, then answers."""

    def __init__(self, name: str, failures: list[ProviderFailed | None]) -> None:
        self.name, self.paid, self.calls = name, True, 0
        self._failures = failures

    async def generate(self, request: TextRequest) -> TextAnswer:
        self.calls += 1
        failure = self._failures.pop(0) if self._failures else None
        if failure is not None:
            raise failure
        return TextAnswer(text=f"from {self.name}", provider=self.name, model="m", tokens_in=1, tokens_out=2)


def fail(name: str, reason: str = "server_error", retryable: bool = True, after: float | None = None) -> Any:
    return ProviderFailed(name, reason, reason, retryable=retryable, retry_after=after)


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


async def test_a_retryable_failure_is_retried_then_the_provider_answers() -> None:
    sleeps = Sleeps()
    a = Scripted("a", [fail("a")])
    answer = await FallbackChain([Link(a, timeout=1)], policy=RetryPolicy(attempts=2), sleep=sleeps).generate(
        REQ
    )
    assert answer.provider == "a" and answer.attempts == ("a:server_error",) and a.calls == 2
    assert len(sleeps.waits) == 1 and 0 <= sleeps.waits[0] <= 0.25  # full-jitter backoff


async def test_non_retryable_failures_fall_back_at_once() -> None:
    a, b = Scripted("a", [fail("a", "auth", retryable=False)]), Scripted("b", [])
    answer = await FallbackChain([Link(a, timeout=1), Link(b, timeout=1)], sleep=Sleeps()).generate(REQ)
    assert answer.provider == "b" and a.calls == 1 and answer.attempts == ("a:auth",)


async def test_retry_after_is_obeyed_but_a_long_one_means_fall_back_now() -> None:
    sleeps = Sleeps()
    a = Scripted("a", [fail("a", "rate_limited", after=1.5), fail("a", "rate_limited", after=60)])
    b = Scripted("b", [])
    chain = FallbackChain(
        [Link(a, timeout=1), Link(b, timeout=1)], policy=RetryPolicy(attempts=3, max_wait=5), sleep=sleeps
    )
    answer = await chain.generate(REQ)
    assert sleeps.waits == [1.5]  # the 60 s hint was not waited for
    assert answer.provider == "b" and a.calls == 2


async def test_a_slow_provider_times_out_and_the_next_answers() -> None:
    import asyncio

    class Slow(Scripted):
        async def generate(self, request: TextRequest) -> TextAnswer:
            self.calls += 1
            await asyncio.sleep(5)
            raise AssertionError("unreachable")

    slow = Slow("slow", [])
    chain = FallbackChain(
        [Link(slow, timeout=0.05), Link(OfflineTextGenerator(), timeout=1)],
        policy=RetryPolicy(attempts=1),
        sleep=Sleeps(),
    )
    answer = await chain.generate(REQ)
    assert answer.provider == "offline" and answer.attempts == ("slow:timeout",)


async def test_the_circuit_opens_after_repeated_failures_and_half_opens_after_the_cooldown() -> None:
    now = [0.0]
    breaker = CircuitBreaker(threshold=2, cooldown=30, now=lambda: now[0])
    a = Scripted("a", [fail("a", retryable=False)] * 3)
    chain = FallbackChain(
        [Link(a, timeout=1, breaker=breaker), Link(OfflineTextGenerator(), timeout=1)], sleep=Sleeps()
    )
    for _ in range(2):
        await chain.generate(REQ)
    assert breaker.state == "open" and a.calls == 2
    answer = await chain.generate(REQ)
    assert a.calls == 2 and answer.attempts == ("a:circuit_open",) and answer.provider == "offline"
    now[0] = 31
    assert breaker.state == "half_open"
    await chain.generate(REQ)  # the trial fails: open again for a full cooldown
    assert a.calls == 3 and breaker.state == "open"
    now[0] = 62
    a._failures.clear()
    assert (await chain.generate(REQ)).provider == "a" and breaker.state == "closed"


async def test_no_provider_left_is_a_provider_unavailable_error_naming_every_failure() -> None:
    a = Scripted("a", [fail("a", "auth", retryable=False)])
    with pytest.raises(ProviderFailed) as exc:
        await FallbackChain([Link(a, timeout=1)], sleep=Sleeps()).generate(REQ)
    assert (
        exc.value.reason == "exhausted"
        and "a:auth" in exc.value.detail
        and exc.value.code == "provider_unavailable"
    )


def wire_settings(tmp_path: Any, openai: ScriptedServer, anthropic: ScriptedServer, **extra: Any) -> Any:
    return make_settings(
        tmp_path,
        ai_text_providers="openai,anthropic,offline",
        openai_api_key="sk-test",
        openai_base_url=openai.base + "/v1",
        anthropic_api_key="sk-ant",
        anthropic_base_url=anthropic.base,
        openai_timeout_seconds=2.0,
        anthropic_timeout_seconds=2.0,
        ai_retry_max_wait_seconds=0.5,
        **extra,
    )


async def test_over_the_wire_openai_429_then_anthropic_500_then_offline(
    tmp_path: Any, fake_openai: ScriptedServer, fake_anthropic: ScriptedServer
) -> None:
    fake_openai.push(
        "/v1/chat/completions", *[openai_error(429, "Rate limit", "requests", **{"retry-after": "0.05"})] * 2
    )
    fake_anthropic.push("/v1/messages", *[anthropic_error(500, "api_error", "boom")] * 2)
    chain = text_generator(wire_settings(tmp_path, fake_openai, fake_anthropic))
    answer = await chain.generate(REQ)
    assert answer.provider == "offline" and answer.text == "offline draft #a #b #c"
    assert answer.attempts == (
        "openai:rate_limited",
        "openai:rate_limited",
        "anthropic:server_error",
        "anthropic:server_error",
    )
    # two calls each (the chain's attempts), not attempts × SDK retries
    assert fake_openai.hits("/v1/chat/completions") == 2 and fake_anthropic.hits("/v1/messages") == 2


async def test_over_the_wire_openai_down_anthropic_answers(
    tmp_path: Any, fake_openai: ScriptedServer, fake_anthropic: ScriptedServer
) -> None:
    fake_openai.push("/v1/chat/completions", openai_error(401, "bad key", "invalid_request_error"))
    chain = text_generator(wire_settings(tmp_path, fake_openai, fake_anthropic))
    answer = await chain.generate(REQ)
    assert (
        answer.provider == "anthropic"
        and answer.text == ANTHROPIC_POST
        and answer.attempts == ("openai:auth",)
    )


async def test_the_http_api_says_which_provider_answered_and_records_the_calls(
    client: Any,
    container: Any,
    make_user: Any,
    tmp_path: Any,
    fake_openai: ScriptedServer,
    fake_anthropic: ScriptedServer,
) -> None:
    fake_openai.push("/v1/chat/completions", *[openai_error(500, "down", "server_error")] * 2)
    fake_anthropic.push(
        "/v1/messages", anthropic_error(429, "rate_limit_error", "slow down", **{"retry-after": "30"})
    )
    chain = text_generator(wire_settings(tmp_path, fake_openai, fake_anthropic), container.cache())
    container.text_generator.override(providers.Object(chain))
    try:
        u = await make_user()
        r = await client.post(
            "/v1/ai/posts", json={"topic": "fallbacks", "postType": "listicle"}, headers=u.headers
        )
        v = r.json()["variants"][0]
        assert v["provider"] == "offline" and v["offline"] is True and r.json()["notice"]
        assert v["attempts"] == ["openai:server_error", "openai:server_error", "anthropic:rate_limited"]
        assert fake_anthropic.hits("/v1/messages") == 1  # a 30 s retry-after is not waited for
        usage = (await client.get("/v1/ai/usage", headers=u.headers)).json()
        assert {(line["provider"], line["calls"]) for line in usage["lines"]} == {
            ("openai", 2),
            ("anthropic", 1),
            ("offline", 1),
        }
        r = await client.post(
            "/v1/ai/posts", json={"topic": "healthy", "postType": "story"}, headers=u.headers
        )
        v = r.json()["variants"][0]
        assert v["provider"] == "openai" and v["model"] == "gpt-4o-mini" and r.json()["notice"] is None
        usage = (await client.get("/v1/ai/usage", headers=u.headers)).json()
        assert usage["costUsd"] > 0  # 120 in / 240 out tokens at gpt-4o-mini prices
    finally:
        container.text_generator.reset_override()


async def test_a_banner_over_a_dalle_background_records_the_image_cost(
    client: Any,
    container: Any,
    make_user: Any,
    tmp_path: Any,
    fake_openai: ScriptedServer,
    fake_anthropic: ScriptedServer,
) -> None:
    import io

    from PIL import Image

    from inergize.bootstrap.ai import image_generator

    settings = wire_settings(tmp_path, fake_openai, fake_anthropic, ai_image_providers="openai,offline")
    container.image_generator.override(providers.Object(image_generator(settings)))
    try:
        u = await make_user()
        r = await client.post(
            "/v1/ai/banners", json={"headline": "Data, clearly", "aiBackground": True}, headers=u.headers
        )
        body = r.json()
        assert r.status_code == 201 and body["backgroundProvider"] == "openai" and body["provider"] == "user"
        png = (await client.get(body["links"]["file"], headers=u.headers)).content
        assert Image.open(io.BytesIO(png)).size == (1584, 396)
        usage = (await client.get("/v1/ai/usage", headers=u.headers)).json()
        assert usage["lines"] == [
            {
                "provider": "openai",
                "model": "dall-e-3",
                "calls": 1,
                "tokensIn": 0,
                "tokensOut": 0,
                "costUsd": 0.08,
            }
        ]
        fake_openai.push("/v1/images/generations", *[openai_error(500, "down", "server_error")] * 2)
        r = await client.post(
            "/v1/ai/banners", json={"headline": "Fallback", "aiBackground": True}, headers=u.headers
        )
        assert r.json()["backgroundProvider"] == "offline" and r.json()["offline"] is True
    finally:
        container.image_generator.reset_override()
