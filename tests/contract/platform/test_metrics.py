"""The MetricsExporter contract over the counting fake and the Prometheus exporter on SQLite (the
embedded default) and PostgreSQL: publication outcomes add up, outcomes never counted are not
rendered, and the outbox gauge follows the jobs committed and sent. Prometheus counters live for the
whole process and the databases are shared, so each test reads differences under labels of its own."""

from __future__ import annotations

import re
import uuid
from typing import Any

import msgspec
import pytest

from inergize.adapters.jobs import SqlOutboxRelay
from inergize.adapters.metrics import Metrics
from inergize.adapters.persistence.unit_of_work import SqlUnitOfWorkFactory
from inergize.ports.jobs import OutboxRelay
from inergize.ports.metrics import MetricsExporter
from inergize.ports.unit_of_work import UnitOfWorkFactory
from tests.fakes.clock import FakeClock
from tests.fakes.jobs import RecordingTaskQueue
from tests.fakes.operations import CountingMetrics
from tests.fakes.outbox_relay import MemoryOutboxRelay
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.support.containers import container_on


class Exporter(msgspec.Struct):
    metrics: MetricsExporter
    uow_factory: UnitOfWorkFactory  # commits jobs without relaying them
    relay: OutboxRelay


@pytest.fixture(params=["fake", "sqlite", "postgres"])
async def exporter(request: pytest.FixtureRequest, clock: FakeClock, _session_containers: dict[str, Any]) -> Exporter:
    if request.param == "fake":
        database = InMemoryDatabase()
        return Exporter(CountingMetrics(database), database,
                        MemoryOutboxRelay(database, clock, RecordingTaskQueue()))
    engine = (await container_on(request.param, request, _session_containers)).engine()
    return Exporter(Metrics(engine), SqlUnitOfWorkFactory(engine, clock, after_commit=None),
                    SqlOutboxRelay(engine, clock, RecordingTaskQueue()))


async def value(metrics: MetricsExporter, sample: str) -> float | None:
    body, content_type = await metrics.render()
    assert content_type.startswith("text/plain")
    found = re.search(rf"^{re.escape(sample)} ([0-9.e+]+)$", body.decode(), re.MULTILINE)
    return None if found is None else float(found.group(1))


def publications(outcome: str) -> str:
    return f'inergize_publications_total{{outcome="{outcome}"}}'


async def test_publication_outcomes_add_up_per_outcome(exporter: Exporter) -> None:
    published, failed = f"published-{uuid.uuid4().hex[:8]}", f"failed-{uuid.uuid4().hex[:8]}"
    exporter.metrics.count_publications({published: 2, failed: 1})
    exporter.metrics.count_publications({published: 3})
    assert await value(exporter.metrics, publications(published)) == 5
    assert await value(exporter.metrics, publications(failed)) == 1


async def test_an_outcome_never_counted_is_not_rendered(exporter: Exporter) -> None:
    skipped = f"skipped-{uuid.uuid4().hex[:8]}"
    exporter.metrics.count_publications({skipped: 0})
    assert await value(exporter.metrics, publications(skipped)) is None


async def test_the_outbox_gauge_counts_committed_jobs_not_yet_sent(exporter: Exporter) -> None:
    before = await value(exporter.metrics, "inergize_outbox_pending")
    assert before is not None
    async with exporter.uow_factory() as uow:
        uow.jobs.enqueue("platform.ping", token=uuid.uuid4().hex)
        uow.jobs.enqueue("platform.ping", token=uuid.uuid4().hex)
        await uow.commit()
    assert await value(exporter.metrics, "inergize_outbox_pending") == before + 2
    await exporter.relay.sweep()
    assert await value(exporter.metrics, "inergize_outbox_pending") == 0
