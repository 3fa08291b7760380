"""AI costs: calls recorded with tokens and cost, monthly totals, and the tier's monthly budget that
blocks further paid calls with a clear error (offline generation is never blocked)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from dependency_injector import providers

from inergize.application.ai.usage import ensure_within_budget, month_start
from inergize.domain.ai.generation import AiCall, Capability, TextAnswer, TextRequest, cost_micros
from inergize.domain.platform.errors import QuotaExceeded


class PaidEcho:
    name, paid = "openai", True

    async def generate(self, request: TextRequest) -> TextAnswer:
        return TextAnswer(
            text=request.context["draft"], provider="openai", model="gpt-4o", tokens_in=1000, tokens_out=2000
        )


def test_costs_follow_list_prices_and_offline_is_free() -> None:
    assert cost_micros("openai", "gpt-4o-mini", 1_000_000, 1_000_000) == 750_000
    assert cost_micros("anthropic", "claude-sonnet-4-5", 1000, 1000) == 18_000
    assert cost_micros("offline", "templates", 10**9, 10**9) == 0
    assert cost_micros("openai", "some-new-model", 1000, 0) == cost_micros("x", "claude-opus-4-1", 1000, 0)
    assert cost_micros("openai", "dall-e-3", 0, 0, images=1) == 80_000


def test_the_month_starts_on_the_first_in_utc() -> None:
    assert month_start(datetime(2026, 3, 31, 23, 59, tzinfo=UTC)) == datetime(2026, 3, 1, tzinfo=UTC)



def spend(user_id: uuid.UUID, cost_micros: int, *, at: datetime) -> AiCall:
    """A paid text call of ``user_id`` that cost ``cost_micros`` at ``at``."""
    return AiCall(id=uuid.uuid4(), user_id=user_id, capability=Capability.TEXT, provider="openai",
                  model="gpt-4o", tokens_in=0, tokens_out=0, cost_micros=cost_micros, outcome="ok",
                  latency_ms=1, created_at=at)

async def test_paid_calls_stop_at_the_tier_budget(client: Any, container: Any, make_user: Any) -> None:
    u = await make_user()  # free tier: $1.00 a month
    container.text_generator.override(providers.Object(PaidEcho()))
    try:
        r = await client.post("/v1/ai/posts", json={"topic": "budgets", "save": False}, headers=u.headers)
        assert r.status_code == 200 and r.json()["variants"][0]["provider"] == "openai"
        usage = (await client.get("/v1/ai/usage", headers=u.headers)).json()
        assert usage["budgetUsd"] == 1.0 and usage["costUsd"] == pytest.approx(
            0.0225
        )  # 1k in, 2k out on gpt-4o
        async with container.uow_factory()() as uow:  # the rest of the month's spend
            await uow.ai_calls.add(
                spend(u.user.id, 990_000, at=container.clock().now())
            )
            await uow.commit()
        r = await client.post(
            "/v1/ai/posts", json={"topic": "budgets", "regenerate": True}, headers=u.headers
        )
        assert (
            r.status_code == 402
            and r.json()["code"] == "ai_budget_exceeded"
            and "resets" in r.json()["detail"]
        )
        r = await client.post("/v1/ai/carousels", json={"topic": "budgets"}, headers=u.headers)
        assert r.status_code == 402
    finally:
        container.text_generator.reset_override()
    r = await client.post("/v1/ai/posts", json={"topic": "budgets"}, headers=u.headers)
    assert (
        r.status_code == 200 and r.json()["variants"][0]["provider"] == "offline"
    )  # offline is never blocked


async def test_last_months_spend_does_not_count(container: Any, make_user: Any) -> None:
    u = await make_user()
    now = container.clock().now()
    async with container.uow_factory()() as uow:
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
