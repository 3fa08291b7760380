"""Run the outbox jobs of accounts in the test's process, the way the worker would."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from inergize.adapters.persistence.tables.platform import outbox
from inergize.entrypoints.workers.notifications import SPECS


async def run_account_jobs(container: Any) -> int:
    """Run every account job in the outbox once, oldest first, and delete its row as the worker does
    when a job finishes (whether or not the relay already handed it to a broker)."""
    engine = container.engine()
    async with engine.connect() as conn:
        rows = (
            await conn.execute(
                select(outbox.c.id, outbox.c.actor, outbox.c.payload)
                .where(outbox.c.actor.in_([spec.name for spec in SPECS]))
                .order_by(outbox.c.created_at)
            )
        ).all()
    ran = 0
    for row in rows:
        async with engine.begin() as conn:
            claimed = (await conn.execute(delete(outbox).where(outbox.c.id == row.id))).rowcount
        if claimed:  # another test's runner may have taken it meanwhile
            await next(s for s in SPECS if s.name == row.actor)(container, **row.payload)
            ran += 1
    return ran
