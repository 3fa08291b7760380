"""Operational ports in memory: a HealthCheck a test can break, and a MetricsExporter that counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import InMemoryDatabase


class FakeHealthCheck:
    def __init__(self, name: str = "fake") -> None:
        self.name = name
        self.failure: Exception | None = None  # set to make /ready see this dependency down

    async def check(self) -> None:
        if self.failure is not None:
            raise self.failure


class CountingMetrics:
    """Publication outcomes in the exposition format; given the in-memory ``database``, also the gauge of
    outbox jobs not yet sent, as the Prometheus exporter reads it from the SQL outbox."""

    def __init__(self, database: InMemoryDatabase | None = None) -> None:
        self.publications: Counter[str] = Counter()
        self._database = database

    def count_publications(self, counts: Mapping[str, int]) -> None:
        self.publications.update({outcome: n for outcome, n in counts.items() if n})

    async def render(self) -> tuple[bytes, str]:
        lines = [f'inergize_publications_total{{outcome="{k}"}} {v}' for k, v in sorted(self.publications.items())]
        if self._database is not None:
            deliveries = self._database.deliveries
            pending = sum(1 for job_id, _, _ in self._database.tables.outbox
                          if job_id not in deliveries or deliveries[job_id].sent_at is None)
            lines.append(f"inergize_outbox_pending {pending}")
        return ("\n".join(lines) + "\n").encode(), "text/plain; version=0.0.4"
