"""AI response cache: replay a trace of generation requests with repeats and print the hit rate and the
latency the cache adds (on a miss) and saves (on a hit), on the in-process cache and on Redis.

The provider is simulated (a fixed latency, default 400 ms, like a fast hosted model) so the figures
isolate the cache; prompts are rendered by the real templates, so keys are the real size.

    .venv/bin/python bench/ai_cache.py [--requests 400] [--distinct 60] [--provider-ms 400] [--redis URL]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from typing import Any

from inergize.adapters.ai.cache import CachedTextGenerator
from inergize.adapters.cache import InProcessCache, RedisCache
from inergize.application.ai.templates import POST_TYPES, WriterProfile, industries, post_request_parts
from inergize.domain.ai.generation import TextAnswer, TextRequest


class SimulatedProvider:
    name, paid = "simulated", True

    def __init__(self, latency: float) -> None:
        self.latency = latency
        self.calls = 0

    async def generate(self, request: TextRequest) -> TextAnswer:
        self.calls += 1
        await asyncio.sleep(self.latency)
        return TextAnswer(
            text=request.context["draft"], provider=self.name, model="sim", tokens_in=300, tokens_out=400
        )


def trace(n: int, distinct: int, users: int, seed: int = 7) -> list[TextRequest]:
    """``n`` requests over ``distinct`` (user, topic, type) combinations, Zipf-like: a few are asked a lot."""
    rnd = random.Random(seed)
    keys = sorted(industries())
    combos = []
    for i in range(distinct):
        profile = WriterProfile(industry=keys[i % len(keys)], role="lead")
        parts = post_request_parts(profile, f"topic {i}", POST_TYPES[i % len(POST_TYPES)], 0)
        combos.append((f"user-{i % users}", parts))
    weights = [1 / (rank + 1) for rank in range(distinct)]
    out = []
    for _ in range(n):
        user, parts = rnd.choices(combos, weights)[0]
        out.append(
            TextRequest(
                system=parts["system"],
                prompt=parts["prompt"],
                seed=parts["seed"],
                cache_scope=user,
                context={"draft": parts["draft"]},
            )
        )
    return out


def pct(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


async def replay(name: str, store: Any, requests: list[TextRequest], latency: float) -> None:
    provider = SimulatedProvider(latency)
    gen = CachedTextGenerator(provider, store, ttl_seconds=3600, models="sim")
    hits, misses = [], []
    for r in requests:
        started = time.perf_counter()
        answer = await gen.generate(r)
        (hits if answer.cached else misses).append((time.perf_counter() - started) * 1000)
    lookups = len(hits) + len(misses)
    # The provider's own latency measured the same way (sleep overshoots a little), so "adds" is the cache's.
    direct = []
    for r in requests[:20]:
        started = time.perf_counter()
        await provider.generate(r)
        direct.append((time.perf_counter() - started) * 1000)
    base = statistics.mean(direct)
    added = statistics.mean(misses) - base if misses else 0.0
    saved = base - statistics.mean(hits) if hits else 0.0
    calls = provider.calls - len(direct)
    print(f"{name:10} requests={lookups} hit_rate={len(hits) / lookups:6.1%} provider_calls={calls}")
    print(
        f"{'':10} hit  p50={pct(hits, 0.5):7.3f} ms p95={pct(hits, 0.95):7.3f} ms"
        f"   miss p50={pct(misses, 0.5):8.2f} ms p95={pct(misses, 0.95):8.2f} ms"
    )
    print(
        f"{'':10} cache adds {added:+.3f} ms to a miss (lookup + store), saves {saved:.1f} ms per hit;"
        f" total time {sum(hits) + sum(misses):.0f} ms vs {lookups * latency * 1000:.0f} ms uncached"
    )


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--distinct", type=int, default=60)
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--provider-ms", type=float, default=400)
    ap.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    args = ap.parse_args()
    requests = trace(args.requests, args.distinct, args.users)
    latency = args.provider_ms / 1000
    print(
        f"trace: {len(requests)} requests, {len({(r.cache_scope, r.prompt) for r in requests})} distinct, "
        f"simulated provider {args.provider_ms:.0f} ms"
    )
    await replay("in-process", InProcessCache(), requests, latency)
    try:
        import redis.asyncio as aioredis

        client = aioredis.Redis.from_url(args.redis)
        await client.ping()
    except Exception as exc:
        print(f"redis      skipped ({exc})")
        return
    prefix = f"inergize-bench:{random.randrange(1 << 30)}:"
    try:
        await replay("redis", RedisCache(client, prefix=prefix), requests, latency)
    finally:
        keys = [k async for k in client.scan_iter(match=prefix + "*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()


if __name__ == "__main__":
    asyncio.run(main())
