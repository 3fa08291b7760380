"""Recurring posts: one publication per occurrence, each pinned to its own ready variant.

Occurrences are computed in the user's local time (so "every Tuesday 09:00" stays at 09:00 across DST)
and every occurrence must carry different text: LinkedIn answers a repeated post with a duplicate
error, so a recurrence of identical text would fail from the second occurrence on."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec

from inergize.application.content.library import current_ready_version
from inergize.application.scheduling.schedule import publication_of, settings_of
from inergize.domain.accounts.users import Principal
from inergize.domain.platform.errors import NotFound, PreconditionFailed, ValidationFailed
from inergize.domain.scheduling.publication import Publication, PublicationState, transition
from inergize.domain.scheduling.recurrence import (
    STOPPABLE,
    Recurrence,
    SeriesSummary,
    check_variation,
    occurrences,
    summarize_series,
)
from inergize.domain.scheduling.schedules import check_schedule_time
from inergize.ports.clock import Clock
from inergize.ports.unit_of_work import UnitOfWorkFactory


class RecurringCommand(msgspec.Struct, frozen=True, kw_only=True):
    first: datetime
    rule: Recurrence
    variants: list[uuid.UUID]  # content ids, used in order, one per occurrence
    allow_close: bool = False


async def schedule_recurring(
    cmd: RecurringCommand, *, principal: Principal, uow_factory: UnitOfWorkFactory, clock: Clock
) -> list[Publication]:
    """All occurrences, checked like single posts (not in the past, spacing), in one transaction."""
    if len(cmd.variants) < cmd.rule.count:
        raise ValidationFailed(
            f"{cmd.rule.count} occurrences need {cmd.rule.count} variants (one text each).", field="variants"
        )
    now = clock.now()
    async with uow_factory() as uow:
        settings = await settings_of(uow, principal.user_id)
        versions = [
            await current_ready_version(uow, principal, cid) for cid in cmd.variants[: cmd.rule.count]
        ]
        check_variation([v.text for v in versions])
        instants = occurrences(cmd.first, settings.tz, cmd.rule)
        gap = settings.min_gap
        series_id = uuid.uuid4()
        items: list[Publication] = []
        for at, version in zip(instants, versions, strict=True):
            others = await uow.publications.active_instants(principal.user_id, at - gap, at + gap)
            others += [p.due_at for p in items]
            due = check_schedule_time(at, now=now, others=others, min_gap=gap, allow_close=cmd.allow_close)
            items.append(
                publication_of(
                    version, principal.user_id, due, settings, source="recurrence", now=now, series_id=series_id
                )
            )
        await uow.publications.add_many(items)
        await uow.commit()
    return items


async def list_series(*, principal: Principal, uow_factory: UnitOfWorkFactory) -> list[SeriesSummary]:
    """The caller's recurring series, those with posts to come first."""
    async with uow_factory(read_only=True) as uow:
        return summarize_series(await uow.publications.in_series(principal.user_id))


async def stop_series(
    series_id: uuid.UUID,
    *,
    expected_version: int,
    principal: Principal,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
) -> SeriesSummary:
    """Cancel every post of the series LinkedIn has not been asked for yet, in one transaction (one
    being published goes on: it is past stopping), if the series is still at ``expected_version``.
    Stopping a stopped series changes nothing."""
    now = clock.now()
    async with uow_factory() as uow:
        posts = await uow.publications.in_series(principal.user_id, series_id)
        if not posts:
            raise NotFound("No such recurring series.")
        if summarize_series(posts)[0].version != expected_version:
            raise PreconditionFailed("The series changed since you read it; fetch it again.")
        stopped = []
        for p in posts:
            if p.state in STOPPABLE:
                p = await uow.publications.update(
                    transition(p, PublicationState.CANCELLED, now, claim_token=None, claim_expires_at=None),
                    expected_version=p.version,
                )
            stopped.append(p)
        await uow.commit()
    return summarize_series(stopped)[0]
