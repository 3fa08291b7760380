"""The accounts repositories' contract runs over the in-memory unit of work, SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from inergize.domain.accounts.users import User
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.support.containers import container_on


@pytest.fixture(params=["fake", "sqlite", "postgres"])
async def uow_factory(request: pytest.FixtureRequest, _session_containers: dict[str, Any]) -> Any:
    if request.param == "fake":
        return InMemoryDatabase()
    return (await container_on(request.param, request, _session_containers)).uow_factory()


@pytest.fixture
def add_user(uow_factory: Any) -> Callable[..., Awaitable[User]]:
    """Commit a user (the databases' foreign keys want one behind every row)."""

    async def add(**fields: Any) -> User:
        now = datetime(2026, 1, 1, tzinfo=UTC)
        user = User(id=uuid.uuid4(), email=f"{uuid.uuid4().hex}@x.io", created_at=now, updated_at=now, **fields)
        async with uow_factory() as uow:
            await uow.users.add(user)
            await uow.commit()
        return user

    return add
