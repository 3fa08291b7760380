"""Prometheus metrics the process exposes at ``/metrics`` (when ``INERGIZE_METRICS_TOKEN`` is set).

Adapters count what passes through them (AI calls and cache lookups in ``adapters/ai/metrics.py``,
LinkedIn calls here); the queue depth is read when scraped. HTTP request counts and latencies come
from Litestar's Prometheus middleware (``entrypoints/http/app.py``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, generate_latest
from sqlalchemy import func, select

from inergize.adapters.persistence.tables.platform import outbox

LINKEDIN_CALLS = Counter(
    "inergize_linkedin_calls_total",
    "LinkedIn API calls by answer (2xx, 4xx, 429, 5xx, timeout, not_connected, dropped)",
    ["answer"],
)
LINKEDIN_BUDGET_REFUSALS = Counter(
    "inergize_linkedin_budget_refusals_total", "LinkedIn calls refused by our own daily budgets", ["scope"]
)
PUBLICATIONS = Counter(
    "inergize_publications_total",
    "Publish attempts by outcome (published, transient, permanent, unknown, skipped)",
    ["outcome"],
)
OUTBOX_PENDING = Gauge("inergize_outbox_pending", "Jobs committed but not yet handed to the broker")


def linkedin_answer(status: int) -> str:
    return "429" if status == 429 else f"{status // 100}xx"


class Metrics:
    """What ``/metrics`` renders, and the counters entrypoints feed."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine

    def count_publications(self, counts: Mapping[str, int]) -> None:
        for outcome, n in counts.items():
            if n:
                PUBLICATIONS.labels(outcome).inc(n)

    async def render(self) -> tuple[bytes, str]:
        """The exposition text and its content type; gauges that need a query are read now."""
        async with self._engine.connect() as conn:
            pending = await conn.scalar(select(func.count()).select_from(outbox).where(outbox.c.sent_at.is_(None)))
        OUTBOX_PENDING.set(pending or 0)
        return generate_latest(), CONTENT_TYPE_LATEST
