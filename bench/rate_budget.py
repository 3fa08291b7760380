"""Rate-budget checks per second: the Redis adapter (one Lua script per check) next to a raw redis-py
``INCR`` loop at the same concurrency, in the same run; redis-benchmark's INCR figure for context; and
the in-process adapter.

    .venv/bin/python bench/rate_budget.py [--seconds 3] [--concurrency 32] [--redis redis://127.0.0.1:6379/0]

Targets (docs/architecture.md): Redis adapter >= 50 % of the raw INCR loop; in-process >= 100,000/s.
Keys live under a unique prefix, removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import redis as sync_redis
import redis.asyncio as aioredis

from inergize.adapters.budgets import InProcessRateBudgets, RedisRateBudgets
from inergize.ports.rate_budget import BudgetWindow

ONE_WINDOW = [BudgetWindow(name="minute", limit=10**12, seconds=60)]
THREE_WINDOWS = [BudgetWindow(name="minute", limit=10**12, seconds=60),
                 BudgetWindow(name="day", limit=10**12, seconds=86_400,
                              anchor=datetime(2026, 1, 1, 5, tzinfo=UTC)),
                 BudgetWindow(name="week", limit=10**12, seconds=7 * 86_400, rolling=True)]


async def timed_loop(concurrency: int, seconds: float, call: Any) -> float:
    """Calls per second of ``call(worker_index)`` run by ``concurrency`` tasks for ``seconds``."""
    stop = time.perf_counter() + seconds
    counts = [0] * concurrency

    async def worker(i: int) -> None:
        n = 0
        while time.perf_counter() < stop:
            await call(i)
            n += 1
        counts[i] = n

    start = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return sum(counts) / (time.perf_counter() - start)


async def redis_figures(url: str, prefix: str, concurrency: int, seconds: float,
                        rounds: int = 5) -> dict[str, float]:
    """Best of ``rounds`` interleaved rounds of each loop: on a shared machine the load changes from
    second to second, and interleaving exposes both loops to the same weather."""
    client = aioredis.Redis.from_url(url, max_connections=concurrency)
    store = RedisRateBudgets(client, prefix=prefix)
    now = datetime.now(UTC)
    best = {"raw": 0.0, "one": 0.0, "three": 0.0}
    slice_ = seconds / rounds
    try:
        await client.ping()
        for _ in range(rounds):
            best["raw"] = max(best["raw"], await timed_loop(
                concurrency, slice_, lambda i: client.incr(f"{prefix}raw:{i}")))
            best["one"] = max(best["one"], await timed_loop(
                concurrency, slice_, lambda i: store.spend(f"k{i}", ONE_WINDOW, now=now)))
            # the rolling window keeps one member per check; short rounds keep it small
            best["three"] = max(best["three"], await timed_loop(
                concurrency, slice_ / 2, lambda i: store.spend(f"t{i}", THREE_WINDOWS, now=now)))
    finally:
        await client.aclose()
    return best


async def in_process_figure(seconds: float) -> float:
    store = InProcessRateBudgets()
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    n = 0
    stop = time.perf_counter() + seconds
    start = time.perf_counter()
    while time.perf_counter() < stop:
        for _ in range(1000):  # one caller, back to back: the adapter's own cost
            await store.spend("k", ONE_WINDOW, now=now)
        n += 1000
        now += timedelta(microseconds=1)
    return n / (time.perf_counter() - start)


def redis_benchmark(url: str, concurrency: int) -> float | None:
    binary = shutil.which("redis-benchmark")
    if binary is None:
        return None
    m = re.match(r"redis://([^:/]+):?(\d+)?", url)
    host, port = (m.group(1), m.group(2) or "6379") if m else ("127.0.0.1", "6379")
    try:
        command = [binary, "-h", host, "-p", port, "-t", "incr", "-n", "200000", "-c", str(concurrency), "-q"]
        out = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.findall(r"INCR: ([\d.]+) requests per second", out.replace("\r", "\n"))
    return float(found[-1]) if found else None


def cleanup(url: str, prefix: str) -> int:
    client = sync_redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=prefix + "*", count=1000))
    for i in range(0, len(keys), 500):
        client.delete(*keys[i:i + 500])
    # redis-benchmark writes its own counter key
    client.delete("counter:__rand_int__")
    return len(keys)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--redis", default=os.environ.get("INERGIZE_TEST_REDIS", "redis://127.0.0.1:6379/0"))
    args = parser.parse_args()
    prefix = f"inergize-bench:{uuid.uuid4().hex[:10]}:"

    # best of three rounds: the machine is shared, and a round that lost the CPU says nothing of the adapter
    local = max(asyncio.run(in_process_figure(args.seconds / 3)) for _ in range(3))
    print(f"in-process adapter, 1 window, 1 caller     {local:>12,.0f} checks/s   (target >= 100,000/s: "
          f"{'ok' if local >= 100_000 else 'MISSED'})")
    try:
        figures = asyncio.run(redis_figures(args.redis, prefix, args.concurrency, args.seconds))
    except (OSError, sync_redis.RedisError) as exc:
        print(f"Redis unreachable at {args.redis}: {exc}")
        return 1
    finally:
        removed = cleanup(args.redis, prefix)
    ratio = figures["one"] / figures["raw"]
    print(f"raw redis-py INCR loop, concurrency {args.concurrency:<4}  {figures['raw']:>12,.0f} ops/s")
    print(f"Redis adapter, 1 window, concurrency {args.concurrency:<4} {figures['one']:>12,.0f} checks/s "
          f"({ratio:.0%} of raw INCR; target >= 50 %: {'ok' if ratio >= 0.5 else 'MISSED'})")
    print(f"Redis adapter, 3 windows (fixed, anchored day, rolling week) {figures['three']:>9,.0f} checks/s "
          f"({figures['three'] / figures['raw']:.0%} of raw INCR)")
    bench = redis_benchmark(args.redis, args.concurrency)
    if bench is None:
        print("redis-benchmark: not available")
    else:
        print(f"redis-benchmark INCR, -c {args.concurrency} (C client, context)  {bench:>12,.0f} ops/s")
    print(f"cleaned up {removed} keys under {prefix}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
