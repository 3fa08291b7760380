"""Sessions, refresh tokens, security state, one-time tokens and recovery codes: one contract over the
in-memory unit of work, SQLite and PostgreSQL (fixtures in conftest.py)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from inergize.domain.accounts.security import AuthSession, OneTimeToken, SecurityState, TokenPurpose
from inergize.domain.accounts.users import Role, User, UserStatus

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
AddUser = Callable[..., Awaitable[User]]


def a_session(user: User, created: datetime = NOW, *, days: int = 30) -> AuthSession:
    return AuthSession(id=uuid.uuid4(), user_id=user.id, created_at=created, last_used_at=created,
                       expires_at=created + timedelta(days=days), ip="203.0.113.7", user_agent="pytest")


async def add_sessions(uow_factory: Any, *sessions: AuthSession) -> None:
    async with uow_factory() as uow:
        for session in sessions:
            await uow.sessions.add(session)
        await uow.commit()


async def test_a_session_round_trips_and_only_live_ones_are_listed_newest_first(
        uow_factory: Any, add_user: AddUser) -> None:
    user, other = await add_user(), await add_user()
    old, new, same_instant = (a_session(user, NOW - timedelta(hours=2)), a_session(user, NOW - timedelta(hours=1)),
                              a_session(user, NOW - timedelta(hours=1)))
    expired = a_session(user, NOW - timedelta(days=2), days=1)
    revoked = a_session(user)
    await add_sessions(uow_factory, old, new, same_instant, expired, revoked, a_session(other))
    async with uow_factory() as uow:
        assert await uow.sessions.revoke(revoked.id, NOW, "logout")
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        got = await uow.sessions.get(old.id)
        missing = await uow.sessions.get(uuid.uuid4())
        listed = await uow.sessions.list_active(user.id, NOW)
    assert got == old and missing is None
    ties = sorted([new.id, same_instant.id], reverse=True)  # the id breaks a tie of creation times
    assert [s.id for s in listed] == [*ties, old.id]


async def test_a_refresh_token_is_spent_once_before_it_expires(uow_factory: Any, add_user: AddUser) -> None:
    user = await add_user()
    session = a_session(user)
    await add_sessions(uow_factory, session)
    live, short = f"live-{uuid.uuid4().hex}", f"short-{uuid.uuid4().hex}"
    async with uow_factory() as uow:
        await uow.sessions.add_refresh_token(uuid.uuid4(), session.id, user.id, live, NOW, NOW + timedelta(days=30))
        await uow.sessions.add_refresh_token(uuid.uuid4(), session.id, user.id, short, NOW, NOW + timedelta(minutes=1))
        await uow.commit()
    async with uow_factory() as uow:
        before = await uow.sessions.refresh_token_session(live)
        first = await uow.sessions.spend_refresh_token(live, NOW + timedelta(seconds=1))
        again = await uow.sessions.spend_refresh_token(live, NOW + timedelta(seconds=2))
        late = await uow.sessions.spend_refresh_token(short, NOW + timedelta(minutes=1))  # expiry is exclusive
        unknown = await uow.sessions.spend_refresh_token("never-issued", NOW)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        after = await uow.sessions.refresh_token_session(live)
        unspent = await uow.sessions.refresh_token_session(short)
        nothing = await uow.sessions.refresh_token_session("never-issued")
    assert before == (session.id, user.id, False) and first == session.id
    assert again is None and late is None and unknown is None
    assert after == (session.id, user.id, True) and unspent == (session.id, user.id, False) and nothing is None


async def test_a_spent_refresh_token_stays_unspent_when_the_unit_rolls_back(
        uow_factory: Any, add_user: AddUser) -> None:
    user = await add_user()
    session = a_session(user)
    await add_sessions(uow_factory, session)
    digest = f"rb-{uuid.uuid4().hex}"
    async with uow_factory() as uow:
        await uow.sessions.add_refresh_token(uuid.uuid4(), session.id, user.id, digest, NOW, NOW + timedelta(days=1))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.sessions.spend_refresh_token(digest, NOW) == session.id
    async with uow_factory(read_only=True) as uow:
        assert await uow.sessions.refresh_token_session(digest) == (session.id, user.id, False)


async def test_touch_moves_the_last_use_and_revoke_ends_a_session_once(uow_factory: Any, add_user: AddUser) -> None:
    user = await add_user()
    session = a_session(user)
    await add_sessions(uow_factory, session)
    later = NOW + timedelta(hours=3)
    async with uow_factory() as uow:
        await uow.sessions.touch(session.id, later)
        first = await uow.sessions.revoke(session.id, later, "logout")
        second = await uow.sessions.revoke(session.id, later + timedelta(hours=1), "token_reuse")
        unknown = await uow.sessions.revoke(uuid.uuid4(), later, "logout")
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        stored = await uow.sessions.get(session.id)
    assert (first, second, unknown) == (True, False, False)
    assert stored is not None and stored.last_used_at == later
    assert (stored.revoked_at, stored.revoked_reason) == (later, "logout")  # the first revocation is kept


async def test_revoke_all_ends_every_live_session_but_the_one_kept(uow_factory: Any, add_user: AddUser) -> None:
    user, other = await add_user(), await add_user()
    kept, a, b, done, expired = (a_session(user), a_session(user), a_session(user), a_session(user),
                                 a_session(user, NOW - timedelta(days=3), days=1))
    theirs = a_session(other)
    await add_sessions(uow_factory, kept, a, b, done, expired, theirs)
    async with uow_factory() as uow:
        assert await uow.sessions.revoke(done.id, NOW, "logout")
        ended = await uow.sessions.revoke_all(user.id, NOW + timedelta(minutes=1), "password_changed", keep=kept.id)
        await uow.commit()
    async with uow_factory() as uow:
        rest = await uow.sessions.revoke_all(user.id, NOW + timedelta(minutes=2), "logout_everywhere")
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        stored = {name: await uow.sessions.get(s.id)
                  for name, s in {"kept": kept, "a": a, "done": done, "expired": expired, "theirs": theirs}.items()}
    first, second = NOW + timedelta(minutes=1), NOW + timedelta(minutes=2)
    assert ended == 3 and rest == 1  # an expired session that was never revoked counts too
    assert {n: (s.revoked_at, s.revoked_reason) for n, s in stored.items() if s} == {
        "kept": (second, "logout_everywhere"), "a": (first, "password_changed"), "done": (NOW, "logout"),
        "expired": (first, "password_changed"), "theirs": (None, None)}


async def test_the_security_state_defaults_then_is_saved_and_replaced(uow_factory: Any, add_user: AddUser) -> None:
    user = await add_user()
    async with uow_factory(read_only=True) as uow:
        fresh = await uow.security.state(user.id)
    assert fresh == SecurityState(user_id=user.id)
    state = SecurityState(user_id=user.id, not_before=NOW, mfa_secret="enc-secret", mfa_enabled_at=NOW,
                          mfa_last_step=42, password_changed_at=NOW, known_devices=["d1", "d2"])
    async with uow_factory() as uow:
        await uow.security.save(state, NOW)
        await uow.commit()
    async with uow_factory() as uow:
        saved = await uow.security.state(user.id)
        saved.known_devices.append("d3")  # a copy: nothing changes until saved
        again = await uow.security.state(user.id)
        await uow.security.save(SecurityState(user_id=user.id, mfa_pending_secret="pending"), NOW)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        replaced = await uow.security.state(user.id)
    assert saved.mfa_enabled and again == state
    assert replaced == SecurityState(user_id=user.id, mfa_pending_secret="pending")


async def test_the_access_state_says_status_role_not_before_and_session_revocation(
        uow_factory: Any, add_user: AddUser) -> None:
    user = await add_user(role=Role.ADMIN, status=UserStatus.DISABLED)
    other = await add_user()
    live, ended, theirs = a_session(user), a_session(user), a_session(other)
    await add_sessions(uow_factory, live, ended, theirs)
    async with uow_factory(read_only=True) as uow:
        bare = await uow.security.access_state(user.id, None)
    async with uow_factory() as uow:
        await uow.security.save(SecurityState(user_id=user.id, not_before=NOW), NOW)
        await uow.sessions.revoke(ended.id, NOW, "logout")
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        states = {name: await uow.security.access_state(user.id, sid) for name, sid in
                  [("none", None), ("live", live.id), ("ended", ended.id), ("theirs", theirs.id),
                   ("unknown", uuid.uuid4())]}
        nobody = await uow.security.access_state(uuid.uuid4(), None)
    assert bare is not None and (bare.status, bare.role, bare.not_before, bare.session_revoked) == (
        UserStatus.DISABLED, Role.ADMIN, None, False)
    assert {n: (s.status, s.role, s.not_before) for n, s in states.items() if s} == dict.fromkeys(
        states, (UserStatus.DISABLED, Role.ADMIN, NOW))
    # a session that is not the user's own and live counts as revoked
    assert {n: s.session_revoked for n, s in states.items() if s} == {
        "none": False, "live": False, "ended": True, "theirs": True, "unknown": True}
    assert nobody is None


async def test_a_totp_step_is_spent_only_after_the_last_one_and_only_with_a_state(
        uow_factory: Any, add_user: AddUser) -> None:
    user = await add_user()
    async with uow_factory() as uow:
        without_state = await uow.security.spend_totp_step(user.id, 100)  # nothing to update yet
        await uow.security.save(SecurityState(user_id=user.id), NOW)
        first = await uow.security.spend_totp_step(user.id, 100)
        same = await uow.security.spend_totp_step(user.id, 100)
        earlier = await uow.security.spend_totp_step(user.id, 99)
        later = await uow.security.spend_totp_step(user.id, 101)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        state = await uow.security.state(user.id)
    assert (without_state, first, same, earlier, later) == (False, True, False, False, True)
    assert state.mfa_last_step == 101


def a_token(user: User, purpose: TokenPurpose, *, minutes: int = 30, **data: str) -> OneTimeToken:
    return OneTimeToken(id=uuid.uuid4(), user_id=user.id, purpose=purpose, data=data, created_at=NOW,
                        expires_at=NOW + timedelta(minutes=minutes))


async def test_a_one_time_token_is_found_for_its_purpose_and_spent_once(uow_factory: Any, add_user: AddUser) -> None:
    user = await add_user()
    token = a_token(user, TokenPurpose.CHANGE_EMAIL, new_email="ada@example.com")
    digest = f"ott-{uuid.uuid4().hex}"
    async with uow_factory() as uow:
        await uow.security.add_token(token, digest)
        await uow.commit()
    async with uow_factory() as uow:
        found = await uow.security.find_token(digest, TokenPurpose.CHANGE_EMAIL, NOW)
        wrong_purpose = await uow.security.find_token(digest, TokenPurpose.RESET_PASSWORD, NOW)
        spent_wrong = await uow.security.spend_token(digest, TokenPurpose.RESET_PASSWORD, NOW)
        at_expiry = await uow.security.find_token(digest, TokenPurpose.CHANGE_EMAIL, token.expires_at)
        spent = await uow.security.spend_token(digest, TokenPurpose.CHANGE_EMAIL, NOW + timedelta(minutes=1))
        again = await uow.security.spend_token(digest, TokenPurpose.CHANGE_EMAIL, NOW + timedelta(minutes=2))
        after = await uow.security.find_token(digest, TokenPurpose.CHANGE_EMAIL, NOW + timedelta(minutes=2))
        await uow.commit()
    assert found == token and found.data == {"new_email": "ada@example.com"}
    assert wrong_purpose is None and spent_wrong is None and at_expiry is None
    assert spent is not None and spent.id == token.id and spent.used_at == NOW + timedelta(minutes=1)
    assert again is None and after is None


async def test_an_expired_one_time_token_cannot_be_spent(uow_factory: Any, add_user: AddUser) -> None:
    user = await add_user()
    token, digest = a_token(user, TokenPurpose.VERIFY_EMAIL, minutes=5), f"exp-{uuid.uuid4().hex}"
    async with uow_factory() as uow:
        await uow.security.add_token(token, digest)
        assert await uow.security.spend_token(digest, TokenPurpose.VERIFY_EMAIL, token.expires_at) is None
        assert await uow.security.spend_token(digest, TokenPurpose.VERIFY_EMAIL, NOW) is not None


async def test_expiring_tokens_touches_only_the_users_unused_ones_of_that_purpose(
        uow_factory: Any, add_user: AddUser) -> None:
    user, other = await add_user(), await add_user()
    tokens = {name: (a_token(owner, purpose), f"{name}-{uuid.uuid4().hex}") for name, owner, purpose in [
        ("old", user, TokenPurpose.VERIFY_EMAIL), ("older", user, TokenPurpose.VERIFY_EMAIL),
        ("reset", user, TokenPurpose.RESET_PASSWORD), ("theirs", other, TokenPurpose.VERIFY_EMAIL)]}
    async with uow_factory() as uow:
        for token, digest in tokens.values():
            await uow.security.add_token(token, digest)
        await uow.commit()
    async with uow_factory() as uow:
        await uow.security.expire_tokens(user.id, TokenPurpose.VERIFY_EMAIL, NOW)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        usable = {name: await uow.security.find_token(digest, token.purpose, NOW) is not None
                  for name, (token, digest) in tokens.items()}
    assert usable == {"old": False, "older": False, "reset": True, "theirs": True}


async def test_recovery_codes_are_replaced_whole_and_each_spent_once(uow_factory: Any, add_user: AddUser) -> None:
    user, other = await add_user(), await add_user()
    async with uow_factory() as uow:
        await uow.security.replace_recovery_codes(user.id, ["c1", "c2", "c3"], NOW)
        await uow.security.replace_recovery_codes(other.id, ["c1"], NOW)
        await uow.commit()
    async with uow_factory() as uow:
        spent = await uow.security.spend_recovery_code(user.id, "c1", NOW)
        again = await uow.security.spend_recovery_code(user.id, "c1", NOW)
        unknown = await uow.security.spend_recovery_code(user.id, "c9", NOW)
        left = await uow.security.recovery_codes_left(user.id)
        await uow.commit()
    async with uow_factory() as uow:
        await uow.security.replace_recovery_codes(user.id, ["c1", "c4"], NOW)  # a new set; c1 is new again
        renewed = await uow.security.recovery_codes_left(user.id)
        old_gone = await uow.security.spend_recovery_code(user.id, "c2", NOW)
        await uow.security.replace_recovery_codes(other.id, [], NOW)  # two-step verification turned off
        none_left = await uow.security.recovery_codes_left(other.id)
        await uow.commit()
    assert (spent, again, unknown, left) == (True, False, False, 2)
    assert (renewed, old_gone, none_left) == (2, False, 0)
