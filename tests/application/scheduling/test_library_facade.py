"""``app.schedule``: the façade runs the same use cases (schedule, calendar, tick, cancel)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from inergize.entrypoints.library.facade import FACADES
from tests.support.scheduling import ready_content

pytestmark = pytest.mark.usefixtures("publications_settled")


async def test_schedule_facade(container: Any, make_user: Any, clock: Any) -> None:
    user = await make_user()
    schedule = FACADES["schedule"](container)
    content_id = await ready_content(container, user.principal, "From the library")
    item = await schedule.schedule(user.principal, content_id, clock.now() + timedelta(minutes=10))
    today = clock.now().date()
    assert [p.id for p in await schedule.calendar(user.principal, today, today)] == [item.id]
    assert (await schedule.settings(user.principal)).timezone == "UTC"
    clock.advance(minutes=10)
    assert await schedule.tick() == 1
    assert (await schedule.cancel(user.principal, item.id)).state.value == "cancelled"
