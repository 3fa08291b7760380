"""Use-case rules on the in-memory unit of work: recurrence with variation across DST, time zone changes,
only ready content, spacing, and the state machine's guards."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
import pytest

from inergize.application.content.library import CreateContent, add_content
from inergize.application.scheduling import queue_settings as ss
from inergize.application.scheduling import recurring as rec
from inergize.application.scheduling import schedule as uc
from inergize.domain.platform.errors import Conflict, ValidationFailed
from inergize.domain.scheduling.publication import PublicationState
from inergize.domain.scheduling.recurrence import Recurrence
from inergize.domain.scheduling.schedules import to_local
from tests.support.memory_container import memory_container, memory_make_user  # noqa: F401  (fixtures)
from tests.support.scheduling import BERLIN, ready_content, schedule_as, update_queue_settings

NEW_YORK = ZoneInfo("America/New_York")


async def test_weekly_recurrence_keeps_local_time_across_dst_and_needs_variation(
    container: Any, make_user: Any, clock: Any
) -> None:
    user = await make_user(timezone="Europe/Berlin")
    factory = container.uow_factory()
    variants = [await ready_content(container, user.principal, f"Tip number {i}") for i in range(3)]
    same = await ready_content(container, user.principal, "tip   NUMBER 0")
    rule = Recurrence(count=3)
    first = datetime(2026, 3, 24, 9, tzinfo=BERLIN)
    with pytest.raises(ValidationFailed):
        await rec.schedule_recurring(
            rec.RecurringCommand(first=first, rule=rule, variants=[variants[0], same, variants[1]]),
            principal=user.principal,
            uow_factory=factory,
            clock=clock,
        )
    items = await rec.schedule_recurring(
        rec.RecurringCommand(first=first, rule=rule, variants=variants),
        principal=user.principal,
        uow_factory=factory,
        clock=clock,
    )
    assert [to_local(p.due_at, BERLIN) for p in items] == [
        datetime(2026, 3, 24, 9),
        datetime(2026, 3, 31, 9),
        datetime(2026, 4, 7, 9),
    ]
    assert {p.due_at.utcoffset() for p in items} == {timedelta(0)}
    assert [p.due_at.hour for p in items] == [8, 7, 7]  # CET, then CEST: the UTC hour moved


async def test_timezone_change_keeps_instants_unless_the_user_asks(
    container: Any, make_user: Any, clock: Any
) -> None:
    user = await make_user(timezone="Europe/Berlin")
    factory = container.uow_factory()
    a = await ready_content(container, user.principal, "Stays put")
    b = await ready_content(container, user.principal, "Follows the wall clock")
    s = await update_queue_settings(container, user, clock, ss.SettingsCommand(slots=[]))
    first = await schedule_as(container, user, clock, a, datetime(2026, 3, 10, 9, tzinfo=BERLIN))
    s = await update_queue_settings(
        container, user, clock, ss.SettingsCommand(timezone="America/New_York", slots=[]), expected_version=s.version
    )
    kept = await uc.get_publication(first.id, principal=user.principal, uow_factory=factory)
    assert kept.due_at == first.due_at and kept.timezone == "Europe/Berlin"
    second = await schedule_as(container, user, clock, b, datetime(2026, 3, 12, 9, tzinfo=NEW_YORK))
    await update_queue_settings(
        container, user, clock, ss.SettingsCommand(timezone="Europe/Berlin", move_scheduled=True),
        expected_version=s.version,
    )
    moved = await uc.get_publication(second.id, principal=user.principal, uow_factory=factory)
    assert to_local(moved.due_at, BERLIN) == datetime(2026, 3, 12, 9) and moved.timezone == "Europe/Berlin"


async def test_only_ready_content_of_the_owner_can_be_scheduled(
    container: Any, make_user: Any, clock: Any
) -> None:
    user = await make_user()
    other = await make_user()
    factory = container.uow_factory()
    async with factory() as uow:
        draft = await add_content(
            uow, CreateContent(title="t", body="draft"), principal=user.principal, clock=clock
        )
        await uow.commit()
    at = clock.now() + timedelta(hours=1)
    with pytest.raises(Conflict) as not_ready:
        await schedule_as(container, user, clock, draft.id, at)
    assert not_ready.value.code == "content_not_ready"
    ready = await ready_content(container, user.principal, "Ready")
    from inergize.domain.platform.errors import NotFound

    with pytest.raises(NotFound):
        await schedule_as(container, other, clock, ready, at)
    item = await schedule_as(container, user, clock, ready, at)
    with pytest.raises(NotFound):
        await uc.cancel(item.id, principal=other.principal, uow_factory=factory, clock=clock)
    # publishing cannot be cancelled (LinkedIn may be posting it right now)
    async with factory() as uow:
        current = await uow.publications.get(item.id)
        await uow.publications.update(
            msgspec.structs.replace(current, state=PublicationState.PUBLISHING),
            expected_version=current.version,
        )
        await uow.commit()
    with pytest.raises(Conflict):
        await uc.cancel(item.id, principal=user.principal, uow_factory=factory, clock=clock)
