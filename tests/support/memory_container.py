"""The part of an InErgize container that use-case tests read (unit-of-work factory, clock, settings),
over the in-memory unit of work, so rule-heavy tests run without a database.

A module opts in by importing the two fixtures below: they take the names ``container`` and
``make_user`` in that module, in place of the database-backed ones of tests/conftest.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.clock import FakeClock
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.support.memory_users import MemoryUser, add_memory_user
from tests.support.settings import make_settings


class MemoryContainer:
    def __init__(self, clock: FakeClock, data_dir: Path) -> None:
        self.database = InMemoryDatabase()
        self._clock = clock
        self._settings = make_settings(data_dir)

    def uow_factory(self) -> InMemoryDatabase:
        return self.database

    def clock(self) -> FakeClock:
        return self._clock

    def settings(self) -> Any:
        return self._settings


@pytest.fixture(name="container")
def memory_container(clock: FakeClock, tmp_path: Path) -> MemoryContainer:
    """A container whose unit of work is the in-memory one (tests/contract/ holds it to the databases)."""
    return MemoryContainer(clock, tmp_path)


@pytest.fixture(name="make_user")
def memory_make_user(container: MemoryContainer) -> Callable[..., Awaitable[MemoryUser]]:
    """Like tests/conftest.py's ``make_user`` (a verified user with a principal), without a token."""

    async def make(role: str = "member", **fields: Any) -> MemoryUser:
        return await add_memory_user(container.database, role, **fields)

    return make
