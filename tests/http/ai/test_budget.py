"""A used-up AI budget over HTTP: 402 problem+json with ``ai_budget_exceeded`` for posts and carousels
(the budget's rules are tested on the fakes in tests/application/ai/test_costs_and_budget.py)."""

from __future__ import annotations

from typing import Any

from dependency_injector import providers

from tests.support.ai import PaidEcho, spend


async def test_a_used_up_budget_answers_402(client: Any, container: Any, make_user: Any) -> None:
    u = await make_user()  # free tier: $1.00 a month
    async with container.uow_factory()() as uow:
        await uow.ai_calls.add(spend(u.user.id, 1_000_000, at=container.clock().now()))
        await uow.commit()
    container.text_generator.override(providers.Object(PaidEcho()))
    try:
        r = await client.post("/v1/ai/posts", json={"topic": "budgets", "regenerate": True}, headers=u.headers)
        assert r.status_code == 402 and r.json()["code"] == "ai_budget_exceeded" and "resets" in r.json()["detail"]
        assert r.headers["content-type"].startswith("application/problem+json")
        r = await client.post("/v1/ai/carousels", json={"topic": "budgets"}, headers=u.headers)
        assert r.status_code == 402
    finally:
        container.text_generator.reset_override()
