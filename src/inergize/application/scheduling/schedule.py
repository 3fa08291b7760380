"""Scheduling use cases: queue settings, schedule / post now / reschedule / cancel, calendar, pause,
retry and the answers to ``needs_attention``. Authorization: a principal sees only its own items;
someone else's publication is "not found"."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

import msgspec

from inergize.application.content.library import current_ready_version
from inergize.application.scheduling.publishing import enqueue_publish
from inergize.domain.accounts.users import Principal
from inergize.domain.content.library import ReadyVersion
from inergize.domain.platform.errors import Conflict, NotFound, PreconditionFailed, ValidationFailed
from inergize.domain.scheduling.publication import (
    CLAIM_SECONDS,
    Publication,
    PublicationState,
    idempotency_key_for,
    reset_for_retry,
    transition,
)
from inergize.domain.scheduling.schedules import (
    ScheduleSettings,
    check_schedule_time,
    next_free_slot,
    require_aware,
    resolve_local,
)
from inergize.ports.clock import Clock
from inergize.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory

MAX_CALENDAR_DAYS = 92


class ScheduleCommand(msgspec.Struct, frozen=True, kw_only=True):
    content_id: uuid.UUID
    at: datetime | None = None  # None: the next free slot of the queue
    allow_close: bool = False
    source: str = "manual"


async def settings_of(uow: UnitOfWork, user_id: uuid.UUID) -> ScheduleSettings:
    """The user's queue settings; until first saved, the account's time zone and no slots."""
    stored = await uow.schedule_settings.get(user_id)
    if stored is not None:
        return stored
    user = await uow.users.get(user_id)
    return ScheduleSettings(timezone=user.timezone if user else "UTC", version=0)


async def _owned(uow: UnitOfWork, principal: Principal, pid: uuid.UUID) -> Publication:
    item = await uow.publications.get(pid)
    if item is None or not principal.may_act_for(item.user_id):
        raise NotFound("No such scheduled post.")
    return item


async def _checked_time(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    settings: ScheduleSettings,
    at: datetime | None,
    *,
    now: datetime,
    allow_close: bool,
    exclude: uuid.UUID | None = None,
) -> datetime:
    gap = settings.min_gap
    if at is None:
        horizon = now + timedelta(days=366)
        taken = await uow.publications.active_instants(user_id, now - gap, horizon + gap, exclude=exclude)
        return next_free_slot(settings.slots, settings.tz, after=now, taken=taken, min_gap=gap)
    at = require_aware(at, "at")
    others = await uow.publications.active_instants(user_id, at - gap, at + gap, exclude=exclude)
    return check_schedule_time(at, now=now, others=others, min_gap=gap, allow_close=allow_close)


async def new_publication(
    uow: UnitOfWork, principal: Principal, cmd: ScheduleCommand, *, now: datetime, settings: ScheduleSettings
) -> Publication:
    """A checked publication of the content's current ready version (added to ``uow``, not committed)."""
    ready = await current_ready_version(uow, principal, cmd.content_id)
    due = await _checked_time(uow, principal.user_id, settings, cmd.at, now=now, allow_close=cmd.allow_close)
    item = publication_of(ready, principal.user_id, due, settings, source=cmd.source, now=now)
    await uow.publications.add_many([item])
    return item


def publication_of(
    ready: ReadyVersion,
    user_id: uuid.UUID,
    due: datetime,
    settings: ScheduleSettings,
    *,
    source: str,
    now: datetime,
    series_id: uuid.UUID | None = None,
) -> Publication:
    """A new publication of a ready version at its checked time ``due``, held while the queue is paused."""
    pid = uuid.uuid4()
    return Publication(
        id=pid,
        user_id=user_id,
        content_id=ready.content_id,
        version_id=ready.version_id,
        text=ready.text,
        media=list(ready.media),
        due_at=due,
        timezone=settings.timezone,
        run_at=due,
        held=settings.paused,
        idempotency_key=idempotency_key_for(pid),
        source=source,
        series_id=series_id,
        created_at=now,
        updated_at=now,
    )


async def schedule(
    cmd: ScheduleCommand, *, principal: Principal, uow_factory: UnitOfWorkFactory, clock: Clock
) -> Publication:
    """Schedule the content's current ready version at ``cmd.at`` (or the next free slot)."""
    now = clock.now()
    async with uow_factory() as uow:
        item = await new_publication(
            uow, principal, cmd, now=now, settings=await settings_of(uow, principal.user_id)
        )
        await uow.commit()
    return item


async def post_now(
    content_id: uuid.UUID, *, principal: Principal, uow_factory: UnitOfWorkFactory, clock: Clock
) -> Publication:
    """Publish now: the item is claimed and its job enqueued in the same transaction (no tick wait).

    A paused queue holds it like any other item; the spacing rule does not apply to an explicit "now"."""
    now = clock.now()
    async with uow_factory() as uow:
        settings = await settings_of(uow, principal.user_id)
        item = await new_publication(
            uow,
            principal,
            ScheduleCommand(content_id=content_id, at=now, allow_close=True, source="now"),
            now=now,
            settings=settings,
        )
        if not item.held:
            item = await _claim_now(uow, item, now)
        await uow.commit()
    return item


async def _claim_now(uow: UnitOfWork, item: Publication, now: datetime) -> Publication:
    token = uuid.uuid4()
    claimed = transition(
        item,
        PublicationState.CLAIMED,
        now,
        claim_token=token,
        claim_expires_at=now + timedelta(seconds=CLAIM_SECONDS),
        run_at=now,
    )
    claimed = await uow.publications.update(claimed, expected_version=item.version)
    enqueue_publish(uow, [item.id], token, 1)
    return claimed


async def get_publication(
    pid: uuid.UUID, *, principal: Principal, uow_factory: UnitOfWorkFactory
) -> Publication:
    async with uow_factory(read_only=True) as uow:
        return await _owned(uow, principal, pid)


def _as_seen(item: Publication, seen_version: int | None) -> Publication:
    if seen_version is not None and item.version != seen_version:
        raise PreconditionFailed("The scheduled post changed since you read it; fetch it again.")
    return item


async def reschedule(
    pid: uuid.UUID,
    at: datetime | None,
    *,
    principal: Principal,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    allow_close: bool = False,
    seen_version: int | None = None,
) -> Publication:
    """Move a scheduled (or failed) item to ``at`` (or the next free slot); the calendar's drag and drop.
    With ``seen_version``, only the version the caller saw is moved (``PreconditionFailed`` otherwise)."""
    now = clock.now()
    async with uow_factory() as uow:
        item = _as_seen(await _owned(uow, principal, pid), seen_version)
        if item.state not in (PublicationState.SCHEDULED, PublicationState.FAILED):
            raise Conflict(
                f"A {item.state.value} post cannot be moved.", code="invalid_state", state=item.state
            )
        settings = await settings_of(uow, principal.user_id)
        due = await _checked_time(
            uow, principal.user_id, settings, at, now=now, allow_close=allow_close, exclude=pid
        )
        moved = transition(
            item,
            PublicationState.SCHEDULED,
            now,
            due_at=due,
            run_at=due,
            attempts=0,
            last_error=None,
            failure_reason=None,
        )
        saved = await uow.publications.update(moved, expected_version=item.version)
        await uow.commit()
    return saved


async def cancel(
    pid: uuid.UUID,
    *,
    principal: Principal,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    seen_version: int | None = None,
) -> Publication:
    """Cancel an item that LinkedIn has not been asked to post (``Conflict`` while it is publishing).
    With ``seen_version``, only the version the caller saw is cancelled."""
    async with uow_factory() as uow:
        item = _as_seen(await _owned(uow, principal, pid), seen_version)
        saved = await uow.publications.update(
            transition(item, PublicationState.CANCELLED, clock.now(), claim_token=None, claim_expires_at=None),
            expected_version=item.version,
        )
        await uow.commit()
    return saved


async def retry_now(
    pid: uuid.UUID,
    *,
    principal: Principal,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    confirm_repost: bool = False,
) -> Publication:
    """ "Retry now" for a failed item (a ``needs_attention`` one only with ``confirm_repost``)."""
    now = clock.now()
    async with uow_factory() as uow:
        item = await _owned(uow, principal, pid)
        if item.state not in (PublicationState.FAILED, PublicationState.NEEDS_ATTENTION):
            raise Conflict(f"A {item.state.value} post has nothing to retry.", code="invalid_state")
        again = await uow.publications.update(
            reset_for_retry(item, now, confirmed_repost=confirm_repost), expected_version=item.version
        )
        if not again.held:
            again = await _claim_now(uow, again, now)
        await uow.commit()
    return again


async def confirm_published(
    pid: uuid.UUID,
    post_urn: str | None,
    *,
    principal: Principal,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
) -> Publication:
    """The user's answer to ``needs_attention``: the post is on LinkedIn (optionally naming it)."""
    if post_urn is not None and not post_urn.startswith("urn:li:"):
        raise ValidationFailed("A LinkedIn post URN starts with 'urn:li:'.", field="postUrn")
    now = clock.now()
    async with uow_factory() as uow:
        item = await _owned(uow, principal, pid)
        done = transition(
            item,
            PublicationState.PUBLISHED,
            now,
            post_urn=post_urn or item.post_urn,
            published_at=now,
            outcome_unknown=False,
        )
        saved = await uow.publications.update(done, expected_version=item.version)
        await uow.commit()
    return saved


async def calendar(
    start: date,
    end: date,
    *,
    principal: Principal,
    uow_factory: UnitOfWorkFactory,
) -> tuple[ScheduleSettings, list[Publication]]:
    """Items due from local midnight of ``start`` to local midnight after ``end``, in the user's zone."""
    if end < start or (end - start).days > MAX_CALENDAR_DAYS:
        raise ValidationFailed(f"Ask for 1 to {MAX_CALENDAR_DAYS} days, 'from' before 'to'.", field="to")
    async with uow_factory(read_only=True) as uow:
        settings = await settings_of(uow, principal.user_id)
        tz = settings.tz
        lo = resolve_local(datetime.combine(start, time()), tz)
        hi = resolve_local(datetime.combine(end + timedelta(days=1), time()), tz)
        return settings, await uow.publications.between(principal.user_id, lo, hi)
