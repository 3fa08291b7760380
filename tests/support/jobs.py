"""Run outbox jobs in the test's process, the way the worker would: oldest first, each row claimed
(deleted) before its handler runs, so two runners never run one job twice."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import delete, select

from inergize.adapters.persistence.tables.platform import outbox

Handler = Callable[..., Awaitable[Any]]



async def run_outbox_jobs(container: Any, handlers: Mapping[str, Handler], actors: Iterable[str] | None = None) -> int:
    """Run every outbox job named in ``actors`` (default: every key of ``handlers``) once; how many ran.
    The row goes whether or not the relay already handed the job to a broker, as when a worker finishes."""
    engine = container.engine()
    async with engine.connect() as conn:
        rows = (
            await conn.execute(
                select(outbox.c.id, outbox.c.actor, outbox.c.payload)
                .where(outbox.c.actor.in_(list(actors if actors is not None else handlers)))
                .order_by(outbox.c.created_at)
            )
        ).all()
    ran = 0
    for row in rows:
        async with engine.begin() as conn:
            claimed = (await conn.execute(delete(outbox).where(outbox.c.id == row.id))).rowcount
        if claimed:  # another test's runner may have taken it meanwhile
            await handlers[row.actor](container, **row.payload)
            ran += 1
    return ran


async def run_account_jobs(container: Any) -> int:
    """Every notification job of accounts (verification, reset, notices) in the outbox, once."""
    from inergize.entrypoints.workers.notifications import SPECS

    return await run_outbox_jobs(container, {spec.name: spec for spec in SPECS})


async def run_ai_jobs(container: Any) -> int:
    """Every content engine job (carousel PDFs, rendered versions) in the outbox, once."""
    from inergize.application.ai.carousels import CAROUSEL_JOB
    from inergize.application.content.library import RENDER_JOB
    from inergize.entrypoints.workers.jobs import JOBS

    return await run_outbox_jobs(container, JOBS, [CAROUSEL_JOB, RENDER_JOB])


async def generated_carousel(client: Any, container: Any, user: Any, topic: str) -> Any:
    """A three-slide carousel on ``topic`` asked for over HTTP by ``user``, its job run: the job's answer."""
    r = await client.post("/v1/ai/carousels", json={"topic": topic, "slides": 3}, headers=user.headers)
    assert r.status_code == 202, r.text
    await run_ai_jobs(container)
    return (await client.get(r.headers["location"], headers=user.headers)).json()
