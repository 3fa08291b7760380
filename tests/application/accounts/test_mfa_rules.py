"""Two-step verification's rules on the fakes (the HTTP walk on both databases is
tests/http/accounts/test_account_flows.py): enrolment is confirmed by a code, each code and each recovery
code works once, and a sign-in with two-step verification on needs the second step."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from inergize.application.accounts import login, mfa
from inergize.domain.accounts.users import Principal
from inergize.domain.platform.errors import Unauthorized, ValidationFailed
from tests.fakes.clock import FakeClock
from tests.fakes.totp import PNG_URI_KEY, FakeTotp
from tests.support.accounts import CLIENT, PASSWORD
from tests.support.memory_accounts import MemoryAccounts, memory_accounts

ADDRESS = "ada@example.com"


@pytest.fixture
async def accounts() -> MemoryAccounts:
    accounts = memory_accounts(FakeClock())
    await accounts.signed_up(ADDRESS)
    return accounts


def code_now(accounts: MemoryAccounts, secret: str) -> str:
    totp = accounts.ports.totp
    assert isinstance(totp, FakeTotp)
    return totp.code(secret, at=accounts.clock.now())


async def member(accounts: MemoryAccounts) -> Principal:
    async with accounts.ports.uow_factory(read_only=True) as uow:
        user = await uow.users.get_by_email(ADDRESS)
    assert user is not None
    return Principal(user.id, user.role)


async def turned_on(accounts: MemoryAccounts) -> tuple[str, str, list[str]]:
    """Turn two-step verification on: the secret, the code that confirmed it, the recovery codes."""
    principal = await member(accounts)
    enrolment = await mfa.enrol(principal=principal, ports=accounts.ports)
    confirming = code_now(accounts, enrolment.secret)
    codes = await mfa.confirm(confirming, principal=principal, client=CLIENT, ports=accounts.ports)
    return enrolment.secret, confirming, codes


async def test_enrolment_shows_the_uri_and_is_confirmed_only_by_a_valid_code(accounts: MemoryAccounts) -> None:
    principal = await member(accounts)
    enrolment = await mfa.enrol(principal=principal, ports=accounts.ports)
    assert ADDRESS.replace("@", "%40") in enrolment.otpauth_uri and enrolment.secret in enrolment.otpauth_uri
    assert Image.open(io.BytesIO(enrolment.qr_png)).text[PNG_URI_KEY] == enrolment.otpauth_uri  # type: ignore[attr-defined]
    wrong = f"{(int(code_now(accounts, enrolment.secret)) + 1) % 1_000_000:06d}"
    with pytest.raises(Unauthorized):
        await mfa.confirm(wrong, principal=principal, client=CLIENT, ports=accounts.ports)
    assert not (await mfa.status(principal=principal, ports=accounts.ports)).enabled
    codes = await mfa.confirm(code_now(accounts, enrolment.secret), principal=principal, client=CLIENT,
                              ports=accounts.ports)
    status = await mfa.status(principal=principal, ports=accounts.ports)
    assert len(codes) == len(set(codes)) == 10 and status.enabled and status.recovery_codes_left == 10


async def test_a_sign_in_needs_the_second_step_and_each_code_works_once(accounts: MemoryAccounts) -> None:
    secret, confirming, _ = await turned_on(accounts)
    first = await login.login(ADDRESS, PASSWORD, client=CLIENT, ports=accounts.ports)
    assert first.tokens is None and first.mfa_token is not None
    with pytest.raises(ValidationFailed):  # neither a code nor a recovery code
        await login.complete_mfa_login(first.mfa_token, client=CLIENT, ports=accounts.ports)
    with pytest.raises(Unauthorized):  # the code that confirmed the enrolment is spent
        await login.complete_mfa_login(first.mfa_token, code=confirming, client=CLIENT, ports=accounts.ports)
    accounts.clock.advance(seconds=30)
    fresh = code_now(accounts, secret)
    pair = await login.complete_mfa_login(first.mfa_token, code=fresh, client=CLIENT, ports=accounts.ports)
    assert pair.session_id is not None
    with pytest.raises(Unauthorized):  # the challenge is spent with the sign-in
        await login.complete_mfa_login(first.mfa_token, code=fresh, client=CLIENT, ports=accounts.ports)
    second = await login.login(ADDRESS, PASSWORD, client=CLIENT, ports=accounts.ports)
    assert second.mfa_token is not None
    with pytest.raises(Unauthorized):  # the same code again, within its window
        await login.complete_mfa_login(second.mfa_token, code=fresh, client=CLIENT, ports=accounts.ports)


async def test_a_recovery_code_works_once_and_the_user_is_told(accounts: MemoryAccounts) -> None:
    _, _, codes = await turned_on(accounts)
    challenge = (await login.login(ADDRESS, PASSWORD, client=CLIENT, ports=accounts.ports)).mfa_token
    assert challenge is not None
    await login.complete_mfa_login(challenge, recovery_code=codes[0].upper(), client=CLIENT, ports=accounts.ports)
    again = (await login.login(ADDRESS, PASSWORD, client=CLIENT, ports=accounts.ports)).mfa_token
    assert again is not None
    with pytest.raises(Unauthorized):
        await login.complete_mfa_login(again, recovery_code=codes[0], client=CLIENT, ports=accounts.ports)
    assert (await mfa.status(principal=await member(accounts), ports=accounts.ports)).recovery_codes_left == 9
    await accounts.run_jobs()
    assert any(m.subject == "A recovery code was used" and "9 are left" in m.text
               for m in accounts.emails.to(ADDRESS))


async def test_a_challenge_expires(accounts: MemoryAccounts) -> None:
    secret, _, _ = await turned_on(accounts)
    challenge = (await login.login(ADDRESS, PASSWORD, client=CLIENT, ports=accounts.ports)).mfa_token
    assert challenge is not None
    accounts.clock.advance(seconds=accounts.ports.policy.mfa_challenge_ttl.total_seconds())
    with pytest.raises(Unauthorized) as expired:
        await login.complete_mfa_login(challenge, code=code_now(accounts, secret), client=CLIENT, ports=accounts.ports)
    assert expired.value.code == "invalid_mfa_token"
