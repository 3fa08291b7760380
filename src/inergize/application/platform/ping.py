"""Use cases behind the platform's own jobs."""

from __future__ import annotations

import uuid

from inergize.domain.accounts.users import Principal
from inergize.domain.platform.errors import Forbidden
from inergize.ports.clock import Clock
from inergize.ports.jobs import PingLog
from inergize.ports.unit_of_work import UnitOfWorkFactory

PING_JOB = "platform.ping"


async def record_ping(token: str, *, pings: PingLog, clock: Clock) -> None:
    """Record that a ``platform.ping`` job ran for ``token``."""
    if not token or len(token) > 64:
        raise ValueError("a ping token has 1 to 64 characters")
    await pings.record(token, clock.now())


async def request_ping(*, principal: Principal, uow_factory: UnitOfWorkFactory) -> str:
    """Enqueue a ``platform.ping`` job (through the outbox) and return its token; admins only. Operators use it
    to see that workers consume what the API enqueues."""
    if not principal.is_admin:
        raise Forbidden("Only administrators can ping the workers.")
    token = uuid.uuid4().hex
    async with uow_factory() as uow:
        uow.jobs.enqueue(PING_JOB, token=token)
        await uow.commit()
    return token


async def ping_count(token: str, *, principal: Principal, pings: PingLog) -> int:
    """How many times the ``platform.ping`` job for ``token`` ran (1 once a worker took it)."""
    if not principal.is_admin:
        raise Forbidden("Only administrators can read pings.")
    return await pings.count(token)
