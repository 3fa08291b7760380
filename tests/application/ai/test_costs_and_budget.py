"""AI costs: calls recorded with tokens and cost, monthly totals, and the tier's monthly budget that
blocks further paid calls with a clear error (offline generation is never blocked); on the fakes (the
402 answer is the error mapper's, tested with it)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from inergize.adapters.ai.offline import OfflineTextGenerator
from inergize.application.ai.carousels import GenerateCarousel, request_carousel
from inergize.application.ai.deps import AiDeps
from inergize.application.ai.posts import GeneratePosts, generate_posts
from inergize.application.ai.usage import ensure_within_budget, month_start, monthly_usage
from inergize.domain.ai.generation import cost_micros
from inergize.domain.platform.errors import QuotaExceeded
from tests.fakes.ai import FakePastPosts, ScriptedImageGenerator
from tests.fakes.blob_store import MemoryBlobStore
from tests.fakes.clock import FakeClock
from tests.fakes.documents import PlainBannerRenderer, PlainCarouselRenderer
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.support.ai import PaidEcho, spend
from tests.support.memory_users import add_memory_user


def test_costs_follow_list_prices_and_offline_is_free() -> None:
    assert cost_micros("openai", "gpt-4o-mini", 1_000_000, 1_000_000) == 750_000
    assert cost_micros("anthropic", "claude-sonnet-4-5", 1000, 1000) == 18_000
    assert cost_micros("offline", "templates", 10**9, 10**9) == 0
    assert cost_micros("openai", "some-new-model", 1000, 0) == cost_micros("x", "claude-opus-4-1", 1000, 0)
    assert cost_micros("openai", "dall-e-3", 0, 0, images=1) == 80_000


def test_the_month_starts_on_the_first_in_utc() -> None:
    assert month_start(datetime(2026, 3, 31, 23, 59, tzinfo=UTC)) == datetime(2026, 3, 1, tzinfo=UTC)



def ai_ports(database: InMemoryDatabase, clock: FakeClock, text: Any) -> AiDeps:
    """The AI use cases on the fakes, writing with ``text``."""
    return AiDeps(uow_factory=database, clock=clock, text=text, images=ScriptedImageGenerator(), moderator=None,
                  past_posts=FakePastPosts(), blobs=MemoryBlobStore(), carousels=PlainCarouselRenderer(),
                  banners=PlainBannerRenderer())


async def test_paid_calls_stop_at_the_tier_budget(clock: FakeClock) -> None:
    database = InMemoryDatabase()
    u = await add_memory_user(database)  # free tier: $1.00 a month
    paid = ai_ports(database, clock, PaidEcho())
    made = await generate_posts(GeneratePosts(topic="budgets", save=False), principal=u.principal, ports=paid)
    assert made.variants[0].provider == "openai"
    usage = await monthly_usage(principal=u.principal, uow_factory=database, clock=clock, monthly_budget_usd=5.0)
    assert usage.budget_usd == 1.0 and usage.cost_usd == pytest.approx(0.0225)  # 1k in, 2k out on gpt-4o
    async with database() as uow:  # the rest of the month's spend
        await uow.ai_calls.add(spend(u.user.id, 990_000, at=clock.now()))
        await uow.commit()
    with pytest.raises(QuotaExceeded) as refused:
        await generate_posts(GeneratePosts(topic="budgets", regenerate=True), principal=u.principal, ports=paid)
    assert refused.value.code == "ai_budget_exceeded" and "resets" in refused.value.detail
    with pytest.raises(QuotaExceeded):
        await request_carousel(GenerateCarousel(topic="budgets"), principal=u.principal, ports=paid)
    offline = ai_ports(database, clock, OfflineTextGenerator())
    made = await generate_posts(GeneratePosts(topic="budgets"), principal=u.principal, ports=offline)
    assert made.variants[0].provider == "offline"  # offline is never blocked


async def test_last_months_spend_does_not_count(clock: FakeClock) -> None:
    database = InMemoryDatabase()
    u = await add_memory_user(database)
    now = clock.now()
    async with database() as uow:
        await uow.ai_calls.add(
            spend(u.user.id, 50_000_000, at=month_start(now).replace(month=now.month - 1))
        )
        await uow.commit()
        await ensure_within_budget(uow, u.user.id, paid=True, now=now, monthly_budget_usd=1.0)
        with pytest.raises(QuotaExceeded):
            await ensure_within_budget(
                uow,
                u.user.id,
                paid=True,
                now=month_start(now).replace(month=now.month - 1),
                monthly_budget_usd=1.0,
            )
