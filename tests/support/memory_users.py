"""Users in the in-memory unit of work, for use-case tests on the fakes (no database, no tokens)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import msgspec

from inergize.domain.accounts.users import Principal, Role, User
from inergize.ports.unit_of_work import UnitOfWorkFactory
from tests.fakes.unit_of_work import InMemoryDatabase


class MemoryUser(msgspec.Struct):
    principal: Principal
    user: User


async def add_memory_user(database: InMemoryDatabase | UnitOfWorkFactory, role: str = "member",
                          **fields: Any) -> MemoryUser:
    """A verified user of ``role`` committed to ``database`` (the fake's, or a real one's factory)."""
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    user = User(id=uuid.uuid4(), email=f"u{uuid.uuid4().hex[:12]}@example.com", role=Role(role),
                created_at=now, updated_at=now, email_verified_at=now, **fields)
    async with database() as uow:
        await uow.users.add(user)
        await uow.commit()
    return MemoryUser(Principal(user.id, user.role), user)
