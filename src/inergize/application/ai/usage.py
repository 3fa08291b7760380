"""AI costs: every provider call is recorded (model, tokens, cost), and so is every answer the response
cache gave instead (at no cost); per-user monthly totals and cache hit rate; a monthly budget that
refuses further paid calls with ``QuotaExceeded``."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import msgspec

from inergize.domain.accounts.tiers import quotas_for
from inergize.domain.accounts.users import Principal
from inergize.domain.ai.generation import CACHED, AiCall, Capability, TextAnswer, TextRequest, cost_micros
from inergize.domain.platform.errors import NotFound, QuotaExceeded
from inergize.ports.ai import TextGenerator
from inergize.ports.clock import Clock
from inergize.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory

if TYPE_CHECKING:
    from inergize.application.ai.deps import AiDeps


def month_start(now: datetime) -> datetime:
    """Midnight UTC on the first day of ``now``'s month: budgets reset then."""
    now = now.astimezone(UTC)
    return datetime(now.year, now.month, 1, tzinfo=UTC)


def budget_micros(monthly_budget_usd: float) -> int:
    return round(monthly_budget_usd * 1_000_000)


async def budget_usd(uow: UnitOfWork, user_id: uuid.UUID, fallback_usd: float) -> float:
    """The user's monthly AI budget from their tier's quotas (``fallback_usd`` for an unknown user)."""
    user = await uow.users.get(user_id)
    if user is None:
        return fallback_usd
    return quotas_for(user.tier).ai_budget_usd_cents_per_month / 100


async def ensure_within_budget(
    uow: UnitOfWork, user_id: uuid.UUID, *, paid: bool, now: datetime, monthly_budget_usd: float
) -> None:
    """Refuse a paid generation once the user's calls this month cost the budget (offline never is).

    The budget is the user's tier quota; ``monthly_budget_usd`` (a setting) only when there is none."""
    if not paid:
        return
    monthly_budget_usd = await budget_usd(uow, user_id, monthly_budget_usd)
    spent = await uow.ai_calls.month_total_micros(user_id, month_start(now))
    if spent >= budget_micros(monthly_budget_usd):
        raise QuotaExceeded(
            f"This month's AI budget (${monthly_budget_usd:.2f}) is used up (${spent / 1e6:.2f} spent). "
            "It resets on the 1st; until then use the offline generator or upgrade your plan.",
            code="ai_budget_exceeded",
            spent_usd=round(spent / 1e6, 4),
            budget_usd=monthly_budget_usd,
        )


async def ensure_text_within_budget(uow: UnitOfWork, user_id: uuid.UUID, ports: AiDeps) -> None:
    """``ensure_within_budget`` for one generation by the text writer of ``ports``, as of now."""
    await ensure_within_budget(
        uow, user_id, paid=ports.text.paid, now=ports.clock.now(), monthly_budget_usd=ports.monthly_budget_usd
    )


async def record_call(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    capability: Capability,
    *,
    provider: str,
    model: str,
    tokens_in: int,
    tokens_out: int,
    latency_ms: int,
    now: datetime,
    attempts: tuple[str, ...] = (),
    images: int = 0,
    cached: bool = False,
) -> AiCall:
    """Store the answering call (with its cost) and one zero-cost row per failed attempt before it.

    A ``cached`` answer is stored as a zero-cost ``cached`` row: no provider was called, but the user's
    own hit rate is computed from these rows, never from the process's counters (which mix every user)."""
    def unbilled(row_provider: str, row_model: str, outcome: str, row_latency_ms: int) -> AiCall:
        return AiCall(id=uuid.uuid4(), user_id=user_id, capability=capability, provider=row_provider,
                      model=row_model, tokens_in=0, tokens_out=0, cost_micros=0, outcome=outcome,
                      latency_ms=row_latency_ms, created_at=now)

    if cached:
        call = unbilled(provider, model, CACHED, latency_ms)
        await uow.ai_calls.add(call)
        return call
    for attempt in attempts:
        failed_provider, _, reason = attempt.partition(":")
        await uow.ai_calls.add(unbilled(failed_provider, failed_provider, reason or "error", 0))
    call = AiCall(
        id=uuid.uuid4(),
        user_id=user_id,
        capability=capability,
        provider=provider,
        model=model,
        tokens_in=tokens_in,
        tokens_out=tokens_out,
        cost_micros=cost_micros(provider, model, tokens_in, tokens_out, images),
        outcome="ok",
        latency_ms=latency_ms,
        created_at=now,
    )
    await uow.ai_calls.add(call)
    return call


async def timed_answer(text: TextGenerator, request: TextRequest) -> tuple[TextAnswer, int]:
    """The text chain's answer to ``request`` and how long it took, in milliseconds (recorded with it)."""
    started = time.perf_counter()
    answer = await text.generate(request)
    return answer, round((time.perf_counter() - started) * 1000)


async def record_text_answer(
    uow: UnitOfWork, user_id: uuid.UUID, answer: TextAnswer, *, latency_ms: int, now: datetime
) -> AiCall:
    """:func:`record_call` for an answer of the text chain: its provider and model, tokens, the attempts
    that failed before it, and whether the response cache gave it."""
    return await record_call(
        uow, user_id, Capability.TEXT, provider=answer.provider, model=answer.model,
        tokens_in=answer.tokens_in, tokens_out=answer.tokens_out, latency_ms=latency_ms, now=now,
        attempts=answer.attempts, cached=answer.cached,
    )


class UsageLine(msgspec.Struct, frozen=True, kw_only=True):
    provider: str
    model: str
    calls: int
    tokens_in: int
    tokens_out: int
    cost_usd: float


class MonthlyUsage(msgspec.Struct, frozen=True, kw_only=True):
    month: str  # YYYY-MM
    cost_usd: float
    budget_usd: float
    remaining_usd: float
    lines: tuple[UsageLine, ...]
    # Share of this month's text answers the response cache gave (None before the first one): the
    # user's own figure; the server-wide rate is an operator's, in /metrics.
    cache_hit_rate: float | None = None


async def monthly_usage(
    *,
    principal: Principal,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    monthly_budget_usd: float,
    user_id: uuid.UUID | None = None,
) -> MonthlyUsage:
    """The principal's AI spend this month by provider and model, and their response-cache hit rate
    (admins may ask for any user). Answers from the cache cost nothing and are not lines."""
    target = user_id or principal.user_id
    if target != principal.user_id and not principal.is_admin:
        raise NotFound("No such user.")
    start = month_start(clock.now())
    async with uow_factory(read_only=True) as uow:
        rows = await uow.ai_calls.month_summary(target, start)
        hits, answers = await uow.ai_calls.cache_counts(target, start)
        monthly_budget_usd = await budget_usd(uow, target, monthly_budget_usd)
    lines = tuple(
        UsageLine(provider=p, model=m, calls=n, tokens_in=ti, tokens_out=to, cost_usd=c / 1e6)
        for p, m, n, ti, to, c in rows
    )
    total = sum(line.cost_usd for line in lines)
    return MonthlyUsage(
        month=start.strftime("%Y-%m"),
        cost_usd=round(total, 6),
        budget_usd=monthly_budget_usd,
        remaining_usd=round(max(0.0, monthly_budget_usd - total), 6),
        lines=lines,
        cache_hit_rate=round(hits / answers, 4) if answers else None,
    )
