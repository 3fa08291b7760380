"""Scheduling's background work: the publish job (ids + claim token), the CSV import job, and the
periodic tick that claims due publications. Each calls use cases with the container's ports."""

from __future__ import annotations

import uuid
from typing import Any

from inergize.application.linkedin.member_calls import MemberCalls
from inergize.application.scheduling.bulk_csv import IMPORT_JOB, run_import
from inergize.application.scheduling.media import blob_media_reader
from inergize.application.scheduling.publishing import PUBLISH_JOB, Publisher, tick
from inergize.application.scheduling.queue_settings import end_finished_pauses
from inergize.domain.scheduling.publication import PublishBackoff
from inergize.entrypoints.workers.spec import JobSpec, job


def publisher(container: Any) -> Publisher:
    """The publisher for one publish job: LinkedIn calls go through the LinkedIn capability's
    ``call_as_member`` (token refresh, 401 handling) with the batch's connections read in one query;
    media comes from the content library's files."""
    settings = container.settings()
    deps = container.scheduling_deps()
    linkedin = container.linkedin_deps()
    members = MemberCalls(linkedin)
    return Publisher(uow_factory=deps.uow_factory, clock=deps.clock, gateway=linkedin.gateway,
                     as_member=members, prepare_members=members.prepare, read_media=blob_media_reader(deps.media),
                     concurrency=settings.scheduler_publish_concurrency,
                     claim_seconds=settings.scheduler_claim_seconds,
                     retry=PublishBackoff(settings.scheduler_retry_base_seconds, settings.scheduler_retry_cap_seconds))


@job(PUBLISH_JOB, time_limit=300)  # INERGIZE_SCHEDULER_CLAIM_SECONDS' default: a later tick takes the claim then
async def publish_publications(container: Any, *, ids: list[str], claim: str) -> None:
    """Publish the claimed items ``ids`` (idempotent: items no longer held by ``claim`` are skipped)."""
    container.platform_deps().metrics.count_publications(await publisher(container).publish(ids, claim))


async def claim_due_publications(container: Any) -> None:
    """Periodic: resume the queues whose pause has ended, then claim due publications (and expired
    claims) and enqueue their publish jobs; keeps going while full batches come back, up to
    ``scheduler_max_claims_per_tick``."""
    settings = container.settings()
    deps = container.scheduling_deps()
    # Queues whose vacation ended resume first, so their posts already due go out in this tick.
    await end_finished_pauses(uow_factory=deps.uow_factory, clock=deps.clock)
    claimed_total = 0
    while claimed_total < settings.scheduler_max_claims_per_tick:
        n = await tick(uow_factory=deps.uow_factory, clock=deps.clock,
                       limit=settings.scheduler_claim_batch, batch=settings.scheduler_job_batch,
                       claim_seconds=settings.scheduler_claim_seconds)
        claimed_total += n
        if n < settings.scheduler_claim_batch:
            return


@job(IMPORT_JOB)  # a large file takes up to the lease; it resumes after its last committed row
async def import_schedule_csv(container: Any, *, import_id: str) -> None:
    """Import a stored CSV upload row by row (resumes after the last committed row)."""
    deps = container.scheduling_deps()
    await run_import(uuid.UUID(import_id), uow_factory=deps.uow_factory, clock=deps.clock,
                     moderator=deps.moderator)


SPECS: tuple[JobSpec, ...] = (publish_publications, import_schedule_csv)
