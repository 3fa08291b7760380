"""The fallback chain: providers tried in order, each with its own timeout, retries with backoff on
retryable failures, and a circuit breaker that skips a provider that keeps failing.

The chain owns retries (SDK ``max_retries=0``, decision 0002): a provider that keeps failing costs at
most ``attempts`` calls, and a ``retry-after`` longer than ``max_wait`` is not waited for: the next
provider answers instead."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

import msgspec

from inergize.adapters.ai import metrics
from inergize.domain.ai.generation import ProviderFailed

Req = TypeVar("Req")
Ans = TypeVar("Ans")
Req_contra = TypeVar("Req_contra", contravariant=True)
Ans_co = TypeVar("Ans_co", covariant=True)


class Generator(Protocol[Req_contra, Ans_co]):
    name: str
    paid: bool

    async def generate(self, request: Req_contra, /) -> Ans_co: ...


class RetryPolicy(msgspec.Struct, frozen=True, kw_only=True):
    attempts: int = 2  # calls per provider per request, the first included
    base_delay: float = 0.25  # backoff: base × 2^n, with full jitter
    max_delay: float = 2.0
    max_wait: float = 5.0  # a longer retry-after means: fall back now instead


class CircuitBreaker:
    """Closed → open after ``threshold`` consecutive failed requests; after ``cooldown`` seconds one
    trial request is let through (half-open): success closes it, failure opens it again."""

    def __init__(
        self, *, threshold: int = 3, cooldown: float = 30.0, now: Callable[[], float] = time.monotonic
    ) -> None:
        self._threshold = threshold
        self._cooldown = cooldown
        self._now = now
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        return "half_open" if self._now() - self._opened_at >= self._cooldown else "open"

    def allow(self) -> bool:
        return self.state != "open"

    def success(self) -> None:
        self._failures = 0
        self._opened_at = None

    def failure(self) -> None:
        self._failures += 1
        if self._opened_at is not None or self._failures >= self._threshold:
            self._opened_at = self._now()  # a failed half-open trial re-opens for a full cooldown


class Link(Generic[Req, Ans]):
    """One provider in the chain with its timeout and breaker."""

    def __init__(
        self, generator: Generator[Req, Ans], *, timeout: float, breaker: CircuitBreaker | None = None
    ) -> None:
        self.generator = generator
        self.timeout = timeout
        self.breaker = breaker or CircuitBreaker()


class FallbackChain(Generic[Req, Ans]):
    """A generator made of others; the answer's ``provider`` says who answered and ``attempts`` lists
    the failures before it (``"openai:rate_limited"``)."""

    def __init__(
        self,
        links: Sequence[Link[Req, Ans]],
        *,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        capability: str = "text",
    ) -> None:
        if not links:
            raise ValueError("a fallback chain needs at least one provider")
        self.links = list(links)
        self.policy = policy or RetryPolicy()
        self._sleep = sleep
        self._capability = capability
        self.name = ">".join(link.generator.name for link in self.links)
        self.paid = any(link.generator.paid for link in self.links)

    def _delay(self, attempt: int, failure: ProviderFailed) -> float:
        if failure.retry_after is not None:
            return failure.retry_after
        return random.uniform(0, min(self.policy.max_delay, self.policy.base_delay * 2**attempt))

    async def _try(self, link: Link[Req, Ans], request: Req, failures: list[str]) -> Ans | None:
        name = link.generator.name
        for attempt in range(self.policy.attempts):
            started = time.perf_counter()
            try:
                answer = await asyncio.wait_for(link.generator.generate(request), link.timeout)
            except TimeoutError:
                failure = ProviderFailed(
                    name, "timeout", f"no answer within {link.timeout:g}s", retryable=True
                )
            except ProviderFailed as exc:
                failure = exc
            else:
                metrics.observe_call(self._capability, name, "ok", time.perf_counter() - started)
                link.breaker.success()
                return answer
            metrics.observe_call(self._capability, name, failure.reason, time.perf_counter() - started)
            failures.append(f"{name}:{failure.reason}")
            if not failure.retryable or attempt + 1 >= self.policy.attempts:
                break
            delay = self._delay(attempt, failure)
            if delay > self.policy.max_wait:
                break  # waiting for this provider would cost more than asking the next one
            await self._sleep(delay)
        link.breaker.failure()
        return None

    async def generate(self, request: Req) -> Ans:
        """The first answer along the chain; ``ProviderFailed`` (reason ``exhausted``) naming every
        failure when no provider answered."""
        failures: list[str] = []
        for link in self.links:
            if not link.breaker.allow():
                failures.append(f"{link.generator.name}:circuit_open")
                continue
            answer = await self._try(link, request, failures)
            if answer is not None:
                return msgspec.structs.replace(answer, attempts=tuple(failures))  # type: ignore[type-var]
        raise ProviderFailed(
            self.name,
            "exhausted",
            "no AI provider could answer (" + ", ".join(failures) + ")",
            retryable=False,
        )
