"""Run the outbox jobs of accounts in the test's process, the way the worker would."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from inergize.adapters.persistence.tables.platform import outbox
from inergize.entrypoints.account_jobs import ACCOUNT_JOBS


async def run_account_jobs(container: Any) -> int:
    """Run every unsent account job once (in order) and mark it sent; return how many ran."""
    engine = container.engine()
    async with engine.connect() as conn:
        rows = (await conn.execute(
            select(outbox.c.id, outbox.c.actor, outbox.c.payload)
            .where(outbox.c.sent_at.is_(None), outbox.c.actor.in_(list(ACCOUNT_JOBS)))
            .order_by(outbox.c.created_at))).all()
    for row in rows:
        await ACCOUNT_JOBS[row.actor](container, **row.payload)
        async with engine.begin() as conn:
            await conn.execute(update(outbox).where(outbox.c.id == row.id)
                               .values(sent_at=container.clock().now()))
    return len(rows)
