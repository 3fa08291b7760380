"""Sign-up, verification, login, refresh rotation with reuse detection, logout and sessions, through
the use cases on the fakes (tests/support/memory_accounts.py); two refreshes racing are on both databases
in test_refresh_race.py."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from inergize.application.accounts import guard, login, registration
from inergize.domain.platform.errors import Forbidden, Unauthorized, ValidationFailed
from tests.fakes.clock import FakeClock
from tests.support.accounts import CLIENT, PASSWORD, link_token, logged_in
from tests.support.memory_accounts import MemoryAccounts, memory_accounts


@pytest.fixture
def accounts() -> MemoryAccounts:
    return memory_accounts(FakeClock())


@pytest.fixture
def ports(accounts: MemoryAccounts) -> Any:
    return accounts.ports


@pytest.fixture
def emails(accounts: MemoryAccounts) -> Any:
    return accounts.emails


@pytest.fixture
def clock(accounts: MemoryAccounts) -> FakeClock:
    return accounts.clock


def _email() -> str:
    return f"ada{uuid.uuid4().hex[:10]}@Example.COM"


async def _signed_in(accounts: MemoryAccounts, ports: Any) -> Any:
    """The token pair of a new account's first sign-in."""
    address = _email().lower()
    await accounts.signed_up(address)
    return await logged_in(ports, address)


async def test_register_verify_login(accounts: MemoryAccounts, ports: Any, emails: Any) -> None:
    raw = _email()
    address = raw.lower()
    await registration.register(raw, PASSWORD, display_name="Ada", client=CLIENT, ports=ports)
    with pytest.raises(Forbidden) as info:
        await login.login(address, PASSWORD, client=CLIENT, ports=ports)
    assert info.value.code == "email_not_verified"
    await accounts.run_jobs()
    (mail,) = emails.to(address)
    token = link_token(mail.text, "verify-email")
    await registration.verify_email(token, client=CLIENT, ports=ports)
    with pytest.raises(ValidationFailed):  # single use
        await registration.verify_email(token, client=CLIENT, ports=ports)
    pair = await logged_in(ports, address)
    principal, session_id = await guard.authenticate(pair.access_token, ports=ports)
    assert session_id == pair.session_id and principal.role.value == "member"
    async with ports.uow_factory(read_only=True) as uow:
        user = await uow.users.get_by_email(address)
    assert user.password_hash.startswith("$argon2id$") and user.display_name == "Ada"


async def test_verification_link_expires(accounts: MemoryAccounts, ports: Any, emails: Any, clock: Any) -> None:
    address = _email().lower()
    await registration.register(address, PASSWORD, client=CLIENT, ports=ports)
    await accounts.run_jobs()
    token = link_token(emails.to(address)[0].text, "verify-email")
    clock.advance(hours=24, seconds=1)
    with pytest.raises(ValidationFailed):
        await registration.verify_email(token, client=CLIENT, ports=ports)


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("short-pass", "password_too_short"),
        ("x" * 129 + "yz!", "password_too_long"),
        ("password1234", "password_common"),
        ("qwertyuiop!!", "password_common"),
        ("aaaaaaaaaaaaaaa", "password_common"),
    ],
)
async def test_password_policy(ports: Any, password: str, code: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        await registration.register(_email(), password, client=CLIENT, ports=ports)
    assert info.value.code == code


async def test_password_may_not_contain_the_email(ports: Any) -> None:
    with pytest.raises(ValidationFailed) as info:
        await registration.register(
            "grace.hopper@example.com", "my grace.hopper pass", client=CLIENT, ports=ports
        )
    assert info.value.code == "password_contains_email"


async def test_registration_does_not_reveal_existing_accounts(
    accounts: MemoryAccounts, ports: Any, emails: Any
) -> None:
    address = _email().lower()
    await accounts.signed_up(address)
    before = len(emails.to(address))
    assert await registration.register(address, "another-long-password-9", client=CLIENT, ports=ports) is None
    await accounts.run_jobs()
    notices = emails.to(address)[before:]
    assert [m.subject for m in notices] == ["Someone tried to sign up with your address"]
    await logged_in(ports, address)  # the original password still works


async def test_refresh_rotates_and_reuse_revokes_the_family(accounts: MemoryAccounts, ports: Any, emails: Any) -> None:
    address = _email().lower()
    await accounts.signed_up(address)
    first = await logged_in(ports, address)
    other = await logged_in(ports, address)
    second = await login.refresh(first.refresh_token, client=CLIENT, ports=ports)
    assert second.session_id == first.session_id and second.refresh_token != first.refresh_token
    third = await login.refresh(second.refresh_token, client=CLIENT, ports=ports)
    # Replaying a used token revokes the whole family, including the newest token and its access token.
    with pytest.raises(Unauthorized):
        await login.refresh(first.refresh_token, client=CLIENT, ports=ports)
    with pytest.raises(Unauthorized):
        await login.refresh(third.refresh_token, client=CLIENT, ports=ports)
    with pytest.raises(Unauthorized) as info:
        await guard.authenticate(third.access_token, ports=ports)
    assert info.value.code == "session_revoked"
    # The other session is untouched.
    await guard.authenticate(other.access_token, ports=ports)
    await login.refresh(other.refresh_token, client=CLIENT, ports=ports)
    await accounts.run_jobs()
    assert any(m.subject == "A sign-in was ended to protect you" for m in emails.to(address))


async def test_refresh_token_expires_with_its_session(
    accounts: MemoryAccounts, ports: Any, emails: Any, clock: Any
) -> None:
    pair = await _signed_in(accounts, ports)
    clock.advance(days=30, seconds=1)
    with pytest.raises(Unauthorized):
        await login.refresh(pair.refresh_token, client=CLIENT, ports=ports)


async def test_access_token_expires_within_15_minutes(
    accounts: MemoryAccounts, ports: Any, emails: Any, clock: Any
) -> None:
    pair = await _signed_in(accounts, ports)
    assert pair.expires_in <= 900
    clock.advance(seconds=901)
    with pytest.raises(Unauthorized):
        await guard.authenticate(pair.access_token, ports=ports)


async def test_logout_logout_everywhere_and_sessions(
    accounts: MemoryAccounts, ports: Any, emails: Any, clock: Any
) -> None:
    address = _email().lower()
    user = await accounts.signed_up(address)
    a = await logged_in(ports, address)
    b = await logged_in(ports, address)
    c = await logged_in(ports, address)
    principal, sid = await guard.authenticate(a.access_token, ports=ports)
    sessions = await login.list_sessions(principal=principal, ports=ports)
    assert {s.id for s in sessions} == {a.session_id, b.session_id, c.session_id}
    await login.logout(principal=principal, session_id=sid, client=CLIENT, ports=ports)
    with pytest.raises(Unauthorized):
        await guard.authenticate(a.access_token, ports=ports)
    with pytest.raises(Unauthorized):
        await login.refresh(a.refresh_token, client=CLIENT, ports=ports)
    pb, _ = await guard.authenticate(b.access_token, ports=ports)
    await login.revoke_session(c.session_id, principal=pb, client=CLIENT, ports=ports)
    with pytest.raises(Unauthorized):
        await guard.authenticate(c.access_token, ports=ports)
    clock.advance(seconds=2)
    await login.logout_everywhere(principal=pb, client=CLIENT, ports=ports)
    with pytest.raises(Unauthorized):
        await guard.authenticate(b.access_token, ports=ports)
    assert await login.list_sessions(principal=pb, ports=ports) == []
    fresh = await logged_in(ports, address)  # a new sign-in works right away
    assert (await guard.authenticate(fresh.access_token, ports=ports))[0].user_id == user.id


async def test_unknown_and_wrong_password_answer_alike(accounts: MemoryAccounts, ports: Any, emails: Any) -> None:
    address = _email().lower()
    await accounts.signed_up(address)
    calls: list[str] = []
    real = ports.hasher

    class Spy:
        def hash(self, p: str) -> str:
            return real.hash(p)

        def verify(self, h: str, p: str) -> bool:
            calls.append("verify")
            return real.verify(h, p)

        def needs_rehash(self, h: str) -> bool:
            return real.needs_rehash(h)

    import dataclasses

    spy_ports = dataclasses.replace(ports, hasher=Spy())
    answers = []
    for email in (address, "nobody-" + address):
        with pytest.raises(Unauthorized) as info:
            await login.login(email, "wrong-password-123", client=CLIENT, ports=spy_ports)
        answers.append((info.value.code, info.value.detail))
    assert answers[0] == answers[1] and calls == ["verify", "verify"]


async def test_login_is_throttled_per_account_and_per_address(
    accounts: MemoryAccounts, ports: Any, emails: Any, clock: Any
) -> None:
    from inergize.domain.accounts.security import ClientInfo
    from inergize.domain.platform.errors import RateLimited

    address = _email().lower()
    await accounts.signed_up(address)
    for i in range(10):
        with pytest.raises(Unauthorized):
            await login.login(
                address, "wrong-password-123", client=ClientInfo(ip=f"198.51.100.{i}"), ports=ports
            )
    with pytest.raises(RateLimited) as info:  # the right password too: the account is throttled
        await login.login(address, PASSWORD, client=ClientInfo(ip="198.51.100.99"), ports=ports)
    assert info.value.retry_after > 0
    clock.advance(seconds=901)
    await logged_in(ports, address)
