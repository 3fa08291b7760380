"""In-memory ``AiCallRepository`` and ``AiJobRepository`` over the fake database's tables: the billed
provider calls (with the SQL repository's sums and groupings) and the long generations clients poll."""

from __future__ import annotations

import copy
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

import msgspec

from inergize.domain.ai.generation import CACHED, AiCall, AiJob, Capability
from tests.fakes.rows import insert_row

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import Tables


class MemoryAiCallRepository:
    def __init__(self, tables: Tables) -> None:
        self._rows = tables.ai_calls

    async def add(self, call: AiCall) -> None:
        insert_row(self._rows, call.id, call, "AI call")

    def _since(self, user_id: uuid.UUID, since: datetime) -> list[AiCall]:
        return [c for c in self._rows.values() if c.user_id == user_id and c.created_at >= since]

    async def month_total_micros(self, user_id: uuid.UUID, since: datetime) -> int:
        return sum(c.cost_micros for c in self._since(user_id, since))

    async def month_summary(self, user_id: uuid.UUID, since: datetime) -> list[tuple[str, str, int, int, int, int]]:
        lines: dict[tuple[str, str], list[int]] = {}
        for c in self._since(user_id, since):
            if c.outcome != CACHED:
                line = lines.setdefault((c.provider, c.model), [0, 0, 0, 0])
                for i, value in enumerate((1, c.tokens_in, c.tokens_out, c.cost_micros)):
                    line[i] += value
        return [(p, m, n, t_in, t_out, cost) for (p, m), (n, t_in, t_out, cost) in sorted(lines.items())]

    async def cache_counts(self, user_id: uuid.UUID, since: datetime) -> tuple[int, int]:
        answers = [c for c in self._since(user_id, since)
                   if c.capability is Capability.TEXT and c.outcome in ("ok", CACHED)]
        return sum(c.outcome == CACHED for c in answers), len(answers)


class MemoryAiJobRepository:
    def __init__(self, tables: Tables) -> None:
        self._rows = tables.ai_jobs

    async def add(self, job: AiJob) -> None:
        insert_row(self._rows, job.id, job, "AI job")

    async def get(self, job_id: uuid.UUID) -> AiJob | None:
        return copy.deepcopy(self._rows.get(job_id))

    async def update(self, job: AiJob) -> None:
        stored = self._rows.get(job.id)
        if stored is not None:  # only what the SQL update writes: the kind, params and creation stay
            self._rows[job.id] = msgspec.structs.replace(
                stored, status=job.status, progress=job.progress, result=copy.deepcopy(job.result),
                error=job.error, updated_at=job.updated_at)
