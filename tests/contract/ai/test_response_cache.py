"""The response cache on the embedded in-process cache and on Redis: user-scoped keys over the rendered
prompt, model and parameters; regenerate bypasses the lookup; TTL; hit counting."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from inergize.adapters.ai.cache import CachedTextGenerator, cache_key
from inergize.adapters.cache import InProcessCache, RedisCache
from inergize.domain.ai.generation import TextAnswer, TextRequest
from tests.support.services import implementation


class Counting:
    name, paid = "openai", True

    def __init__(self) -> None:
        self.calls = 0

    async def generate(self, request: TextRequest) -> TextAnswer:
        self.calls += 1
        return TextAnswer(
            text=f"answer {self.calls}",
            provider="openai",
            model="gpt-4o-mini",
            tokens_in=5,
            tokens_out=7,
            attempts=("anthropic:timeout",),
        )


@pytest.fixture(params=["memory", "redis"])
async def store(request: pytest.FixtureRequest) -> AsyncIterator[Any]:
    async with implementation(request, memory=InProcessCache,
                              redis=lambda client, prefix: RedisCache(client, prefix=prefix)) as cache:
        yield cache


def req(**kw: Any) -> TextRequest:
    return TextRequest(**({"system": "s", "prompt": "p", "cache_scope": "user-1"} | kw))


async def test_a_repeat_is_a_hit_and_is_marked_cached(store: Any) -> None:
    inner = Counting()
    gen = CachedTextGenerator(inner, store, ttl_seconds=60, models="openai:gpt-4o-mini")
    first, second = await gen.generate(req()), await gen.generate(req())
    assert inner.calls == 1 and first.text == second.text
    assert not first.cached and second.cached and second.attempts == ()


async def test_keys_are_scoped_to_the_user_and_cover_prompt_model_and_parameters(store: Any) -> None:
    inner = Counting()
    gen = CachedTextGenerator(inner, store, ttl_seconds=60, models="m1")
    await gen.generate(req())
    for other in (
        req(cache_scope="user-2"),
        req(prompt="p2"),
        req(system="s2"),
        req(temperature=0.1),
        req(max_tokens=10),
        req(seed=3),
        req(context={"draft": "x"}),
    ):
        assert not (await gen.generate(other)).cached
    other_models = CachedTextGenerator(inner, store, ttl_seconds=60, models="m2")
    assert not (await other_models.generate(req())).cached
    assert cache_key(req(), "m1") != cache_key(req(cache_scope="user-2"), "m1")


async def test_regenerate_skips_the_lookup_and_refreshes_the_entry(store: Any) -> None:
    inner = Counting()
    gen = CachedTextGenerator(inner, store, ttl_seconds=60, models="m")
    await gen.generate(req())
    fresh = await gen.generate(req(fresh=True))
    assert not fresh.cached and fresh.text == "answer 2"
    assert (await gen.generate(req())).text == "answer 2"


async def test_no_scope_means_no_caching(store: Any) -> None:
    inner = Counting()
    gen = CachedTextGenerator(inner, store, ttl_seconds=60, models="m")
    await gen.generate(req(cache_scope=""))
    await gen.generate(req(cache_scope=""))
    assert inner.calls == 2


async def test_entries_expire_after_the_ttl() -> None:
    now = [0.0]
    store = InProcessCache(monotonic=lambda: now[0])
    inner = Counting()
    gen = CachedTextGenerator(inner, store, ttl_seconds=10, models="m")
    await gen.generate(req())
    now[0] = 11
    assert not (await gen.generate(req())).cached and inner.calls == 2


async def test_a_corrupt_entry_is_regenerated(store: Any) -> None:
    inner = Counting()
    gen = CachedTextGenerator(inner, store, ttl_seconds=60, models="m")
    await store.set(cache_key(req(), "m"), b"not json")
    assert not (await gen.generate(req())).cached
