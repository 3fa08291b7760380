"""After each compliance test the shared session database holds no runnable campaign step and no job of
ours in the outbox: other suites run the tick (which would run leftover steps) and count outbox rows."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest


@pytest.fixture(autouse=True)
async def _leave_nothing_runnable(container: Any) -> AsyncIterator[None]:
    yield
    from sqlalchemy import delete, update

    from inergize.adapters.persistence.tables.compliance import campaign_steps
    from inergize.adapters.persistence.tables.platform import outbox
    from inergize.application.compliance.engine import RUN_STEP_JOB
    from inergize.application.notifications.inbox import EMAIL_JOB

    async with container.engine().begin() as conn:
        await conn.execute(update(campaign_steps).where(campaign_steps.c.state.in_(["planned", "running"]))
                           .values(state="cancelled"))
        await conn.execute(delete(outbox).where(outbox.c.actor.in_([EMAIL_JOB, RUN_STEP_JOB])))
