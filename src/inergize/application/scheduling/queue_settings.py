"""Queue settings use cases: time zone (and what a change does to scheduled posts), weekly slots,
spacing, and pause (vacation mode)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import msgspec

from inergize.application.scheduling.schedule import settings_of
from inergize.domain.accounts.users import Principal
from inergize.domain.platform.errors import PreconditionFailed, ValidationFailed
from inergize.domain.scheduling.publication import PublicationState, transition
from inergize.domain.scheduling.schedules import (
    ScheduleSettings,
    TimeSlot,
    change_timezone,
    normalize_slots,
    pause_has_ended,
    pause_queue,
    resume_queue,
    zone,
)
from inergize.ports.clock import Clock
from inergize.ports.unit_of_work import UnitOfWorkFactory


class SettingsCommand(msgspec.Struct, frozen=True, kw_only=True):
    timezone: str | None = None
    slots: list[TimeSlot] | None = None
    min_gap_minutes: int | None = None
    move_scheduled: bool = False  # on a time zone change: keep the wall-clock times of scheduled posts
    paused: bool | None = None  # None: as it is
    paused_until: datetime | None = None  # vacation mode's end (implies paused)


async def get_settings(*, principal: Principal, uow_factory: UnitOfWorkFactory) -> ScheduleSettings:
    async with uow_factory(read_only=True) as uow:
        return await settings_of(uow, principal.user_id)


async def update_settings(
    cmd: SettingsCommand,
    *,
    expected_version: int,
    principal: Principal,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
) -> ScheduleSettings:
    """Change zone, slots or spacing. A zone change keeps slot local times; scheduled posts keep their
    instants unless ``move_scheduled`` (then they keep their wall-clock time in the new zone)."""
    now = clock.now()
    async with uow_factory() as uow:
        current = await settings_of(uow, principal.user_id)
        if current.version != expected_version:
            raise PreconditionFailed("The schedule settings changed meanwhile; fetch them again.")
        updated = current
        if cmd.timezone is not None and cmd.timezone != current.timezone:
            zone(cmd.timezone)
            pending = await uow.publications.between(
                principal.user_id, now, now + timedelta(days=3660), states=[PublicationState.SCHEDULED]
            )
            updated, instants = change_timezone(
                current, cmd.timezone, [p.due_at for p in pending], move_scheduled=cmd.move_scheduled
            )
            for p, due in zip(pending, instants, strict=True):
                if due != p.due_at:
                    moved = transition(
                        p, PublicationState.SCHEDULED, now, due_at=due, run_at=max(due, now), timezone=cmd.timezone
                    )
                    await uow.publications.update(moved, expected_version=p.version)
        if cmd.slots is not None:
            updated = msgspec.structs.replace(updated, slots=normalize_slots(cmd.slots))
        if cmd.min_gap_minutes is not None:
            updated = ScheduleSettings(
                **{**msgspec.structs.asdict(updated), "min_gap_minutes": cmd.min_gap_minutes}
            )
        hold: bool | None = None
        if cmd.paused is False:
            if cmd.paused_until is not None:
                raise ValidationFailed("A pause's end needs the queue paused.", field="pausedUntil")
            updated, hold = resume_queue(updated), current.paused
        elif cmd.paused or cmd.paused_until is not None:
            updated, hold = pause_queue(updated, until=cmd.paused_until, now=now), True
        saved = await uow.schedule_settings.put(principal.user_id, updated, now)
        if hold is not None:
            await uow.publications.set_held(principal.user_id, hold, now)
        await uow.commit()
    return saved


async def set_paused(
    paused: bool, *, principal: Principal, uow_factory: UnitOfWorkFactory, clock: Clock
) -> ScheduleSettings:
    """Vacation mode with no end: hold every scheduled post until resumed (resumed posts whose time
    passed go out at the next tick). Resuming drops a pause's end date."""
    now = clock.now()
    async with uow_factory() as uow:
        current = await settings_of(uow, principal.user_id)
        changed = pause_queue(current, until=None, now=now) if paused else resume_queue(current)
        saved = await uow.schedule_settings.put(principal.user_id, changed, now)
        await uow.publications.set_held(principal.user_id, paused, now)
        await uow.commit()
    return saved


async def end_finished_pauses(*, uow_factory: UnitOfWorkFactory, clock: Clock, limit: int = 500) -> int:
    """The scheduler's side of vacation mode: each queue whose pause end has come is resumed and its
    held posts released (those whose time passed go out at the same tick). One transaction per queue;
    a queue changed meanwhile is left to the next tick. Returns how many were resumed."""
    now = clock.now()
    async with uow_factory(read_only=True) as uow:
        ended: list[uuid.UUID] = await uow.schedule_settings.pauses_ended(now, limit=limit)
    resumed = 0
    for user_id in ended:
        try:
            async with uow_factory() as uow:
                current = await uow.schedule_settings.get(user_id)
                if current is None or not pause_has_ended(current, now):
                    continue  # resumed or paused again meanwhile
                await uow.schedule_settings.put(user_id, resume_queue(current), now)
                await uow.publications.set_held(user_id, False, now)
                await uow.commit()
                resumed += 1
        except PreconditionFailed:
            continue
    return resumed
