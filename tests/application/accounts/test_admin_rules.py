"""Administration's rules on the in-memory unit of work: only admins list and search accounts or read
another user's security events, a member reads their own (the HTTP walk is tests/http/accounts/)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from inergize.application.accounts import admin
from inergize.application.accounts.deps import AccountDeps
from inergize.domain.accounts.security import AuditEvent
from inergize.domain.platform.errors import Forbidden, ValidationFailed
from tests.fakes.clock import FakeClock
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.support.memory_accounts import memory_accounts
from tests.support.memory_users import MemoryUser, add_memory_user


@pytest.fixture
def deps() -> AccountDeps:
    return memory_accounts(FakeClock()).ports


def _database(deps: AccountDeps) -> InMemoryDatabase:
    assert isinstance(deps.uow_factory, InMemoryDatabase)
    return deps.uow_factory


async def _event(deps: AccountDeps, user: MemoryUser, action: str, minute: int) -> None:
    async with deps.uow_factory() as uow:
        await uow.audit.add(AuditEvent(id=uuid.uuid4(), user_id=user.user.id, actor_id=user.user.id,
                                       action=action, detail={}, ip=None, user_agent=None,
                                       created_at=datetime(2026, 3, 2, 9, minute, tzinfo=UTC)))
        await uow.commit()


async def test_only_an_admin_lists_and_searches_accounts(deps: AccountDeps) -> None:
    database = _database(deps)
    boss = await add_memory_user(database, "admin", display_name="Boss")
    ada = await add_memory_user(database, display_name="Ada Lovelace")
    await add_memory_user(database, display_name="Grace Hopper")
    with pytest.raises(Forbidden):
        await admin.list_users(principal=ada.principal, ports=deps)
    everyone = await admin.list_users(principal=boss.principal, ports=deps)
    found = await admin.list_users(principal=boss.principal, ports=deps, search="  ada   LOVELACE ")
    assert len(everyone.items) == 3 and [u.id for u in found.items] == [ada.user.id]
    with pytest.raises(ValidationFailed):
        await admin.list_users(principal=boss.principal, ports=deps, search="x" * (admin.MAX_USER_SEARCH + 1))


async def test_a_member_reads_only_their_own_security_events(deps: AccountDeps) -> None:
    database = _database(deps)
    boss = await add_memory_user(database, "admin")
    ada, grace = await add_memory_user(database), await add_memory_user(database)
    await _event(deps, ada, "login.ok", 1)
    await _event(deps, grace, "login.failed", 2)
    await _event(deps, ada, "mfa.enabled", 3)
    own = await admin.list_audit(principal=ada.principal, ports=deps)
    assert [e.action for e in own.items] == ["mfa.enabled", "login.ok"]
    for ask in ({"user_id": grace.user.id}, {"all_users": True}):
        with pytest.raises(Forbidden):
            await admin.list_audit(principal=ada.principal, ports=deps, **ask)
    theirs = await admin.list_audit(principal=boss.principal, ports=deps, user_id=grace.user.id)
    everything = await admin.list_audit(principal=boss.principal, ports=deps, all_users=True)
    assert [e.action for e in theirs.items] == ["login.failed"] and len(everything.items) == 3
