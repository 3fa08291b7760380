"""The AiCallRepository and AiJobRepository contracts over the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
import pytest

from inergize.domain.accounts.users import User
from inergize.domain.ai.generation import CACHED, AiCall, AiJob, Capability, JobStatus
from tests.support.containers import unit_of_work_factory_on

MONTH = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.fixture(params=["fake", "sqlite", "postgres"])
async def uow_factory(request: pytest.FixtureRequest, _session_containers: dict[str, Any]) -> Any:
    return await unit_of_work_factory_on(request.param, request, _session_containers)


async def user(uow_factory: Any) -> uuid.UUID:
    made = User(id=uuid.uuid4(), email=f"{uuid.uuid4().hex}@x.io", created_at=MONTH, updated_at=MONTH)
    async with uow_factory() as uow:
        await uow.users.add(made)
        await uow.commit()
    return made.id


def call(user_id: uuid.UUID, provider: str, model: str, cost: int, *, outcome: str = "ok",
         capability: Capability = Capability.TEXT, at: datetime = MONTH, tokens: tuple[int, int] = (10, 20)) -> AiCall:
    return AiCall(id=uuid.uuid4(), user_id=user_id, capability=capability, provider=provider, model=model,
                  tokens_in=tokens[0], tokens_out=tokens[1], cost_micros=cost, outcome=outcome, latency_ms=5,
                  created_at=at)


async def test_a_months_calls_add_up_by_provider_and_model_and_the_cache_is_counted_apart(
    uow_factory: Any,
) -> None:
    me, other = await user(uow_factory), await user(uow_factory)
    calls = [
        call(me, "openai", "gpt-4o", 100, tokens=(1, 2)),
        call(me, "openai", "gpt-4o", 250, tokens=(3, 4), at=MONTH + timedelta(days=3)),
        call(me, "openai", "gpt-4o-mini", 7),
        call(me, "anthropic", "claude-sonnet-4-5", 40, outcome="rate_limited", tokens=(0, 0)),
        call(me, "openai", "dall-e-3", 80_000, capability=Capability.IMAGE, tokens=(0, 0)),
        call(me, "offline", "templates", 0),
        call(me, "openai", "gpt-4o", 0, outcome=CACHED),
        call(me, "openai", "gpt-4o", 0, outcome=CACHED),
        call(me, "openai", "gpt-4o", 999, at=MONTH - timedelta(seconds=1)),  # last month
        call(other, "openai", "gpt-4o", 5_000),
    ]
    async with uow_factory() as uow:
        for c in calls:
            await uow.ai_calls.add(c)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.ai_calls.month_total_micros(me, MONTH) == 100 + 250 + 7 + 40 + 80_000
        assert await uow.ai_calls.month_total_micros(me, MONTH - timedelta(days=1)) == 80_397 + 999
        assert await uow.ai_calls.month_total_micros(uuid.uuid4(), MONTH) == 0
        assert await uow.ai_calls.month_summary(me, MONTH) == [
            ("anthropic", "claude-sonnet-4-5", 1, 0, 0, 40),
            ("offline", "templates", 1, 10, 20, 0),
            ("openai", "dall-e-3", 1, 0, 0, 80_000),
            ("openai", "gpt-4o", 2, 4, 6, 350),
            ("openai", "gpt-4o-mini", 1, 10, 20, 7),
        ]
        assert await uow.ai_calls.month_summary(me, MONTH + timedelta(days=1)) == [("openai", "gpt-4o", 1, 3, 4, 250)]
        assert await uow.ai_calls.month_summary(uuid.uuid4(), MONTH) == []
        # text answers only (no image, no failed call): 2 of 6 from the cache
        assert await uow.ai_calls.cache_counts(me, MONTH) == (2, 6)
        assert await uow.ai_calls.cache_counts(other, MONTH) == (0, 1)
        assert await uow.ai_calls.cache_counts(me, MONTH + timedelta(days=30)) == (0, 0)


async def test_a_call_not_committed_is_not_counted(uow_factory: Any) -> None:
    me = await user(uow_factory)
    async with uow_factory() as uow:
        await uow.ai_calls.add(call(me, "openai", "gpt-4o", 100))
        assert await uow.ai_calls.month_total_micros(me, MONTH) == 100  # seen inside its own transaction
    async with uow_factory(read_only=True) as uow:
        assert await uow.ai_calls.month_total_micros(me, MONTH) == 0


async def test_a_job_is_read_back_and_its_update_changes_only_its_progress_and_outcome(uow_factory: Any) -> None:
    me = await user(uow_factory)
    job = AiJob(id=uuid.uuid4(), user_id=me, kind="carousel", params={"topic": "data", "slides": 6},
                created_at=MONTH, updated_at=MONTH)
    async with uow_factory() as uow:
        await uow.ai_jobs.add(job)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.ai_jobs.get(job.id) == job
        assert await uow.ai_jobs.get(uuid.uuid4()) is None
    later = MONTH + timedelta(minutes=2)
    changed = msgspec.structs.replace(job, kind="banner", params={}, created_at=later, status=JobStatus.FAILED,
                                      progress=60, result={"partial": [1, 2]}, error="provider down",
                                      updated_at=later)
    async with uow_factory() as uow:
        await uow.ai_jobs.update(changed)
        await uow.ai_jobs.update(AiJob(id=uuid.uuid4(), user_id=me, kind="x", created_at=MONTH,
                                       updated_at=MONTH))  # unknown: nothing happens
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.ai_jobs.get(job.id) == msgspec.structs.replace(
            job, status=JobStatus.FAILED, progress=60, result={"partial": [1, 2]}, error="provider down",
            updated_at=later)
