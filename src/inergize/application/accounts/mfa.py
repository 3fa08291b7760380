"""Two-step verification with TOTP: enrol (URI and QR code), confirm with a first code (which turns it
on and hands out 10 single-use recovery codes), regenerate the codes, disable with re-authentication."""

from __future__ import annotations

from datetime import datetime

import msgspec

from inergize.application.accounts.audit import audit
from inergize.application.accounts.deps import AccountDeps
from inergize.application.accounts.mfa_check import check_second_factor, totp_context
from inergize.application.accounts.passwords import reauthenticate
from inergize.application.notifications.inbox import notify
from inergize.domain.accounts.security import (
    RECOVERY_CODES,
    ClientInfo,
    SecurityState,
    new_recovery_code,
    normalize_recovery_code,
    token_digest,
)
from inergize.domain.accounts.users import Principal, User
from inergize.domain.notifications import web_pages
from inergize.domain.platform.errors import Conflict, NotFound, Unauthorized
from inergize.ports.unit_of_work import UnitOfWork


class Enrolment(msgspec.Struct, frozen=True, kw_only=True):
    secret: str
    otpauth_uri: str
    qr_png: bytes


class MfaStatus(msgspec.Struct, frozen=True, kw_only=True):
    enabled: bool
    pending: bool
    recovery_codes_left: int


async def _user(uow: UnitOfWork, principal: Principal) -> User:
    user = await uow.users.get(principal.user_id)
    if user is None:
        raise NotFound("No such account.")
    return user


async def status(*, principal: Principal, ports: AccountDeps) -> MfaStatus:
    async with ports.uow_factory(read_only=True) as uow:
        state = await uow.security.state(principal.user_id)
        left = await uow.security.recovery_codes_left(principal.user_id) if state.mfa_enabled else 0
    return MfaStatus(
        enabled=state.mfa_enabled, pending=state.mfa_pending_secret is not None, recovery_codes_left=left
    )


async def enrol(*, principal: Principal, ports: AccountDeps) -> Enrolment:
    """Start enrolment with a new secret (kept pending until a code confirms it)."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        user = await _user(uow, principal)
        state = await uow.security.state(principal.user_id)
        if state.mfa_enabled:
            raise Conflict("Two-step verification is already on; turn it off first.", code="mfa_enabled")
        secret = ports.totp.new_secret()
        state.mfa_pending_secret = ports.box.encrypt(secret, context=totp_context(principal.user_id))
        await uow.security.save(state, now)
        await uow.commit()
    uri = ports.totp.provisioning_uri(secret, account=user.email, issuer=ports.policy.issuer)
    return Enrolment(secret=secret, otpauth_uri=uri, qr_png=ports.totp.qr_png(uri))


async def enrolment_qr(*, principal: Principal, ports: AccountDeps) -> bytes:
    """The QR code (PNG) of the pending enrolment."""
    async with ports.uow_factory(read_only=True) as uow:
        user = await _user(uow, principal)
        state = await uow.security.state(principal.user_id)
    if state.mfa_pending_secret is None:
        raise NotFound("No enrolment is in progress.")
    secret = ports.box.decrypt(state.mfa_pending_secret, context=totp_context(principal.user_id))
    uri = ports.totp.provisioning_uri(secret, account=user.email, issuer=ports.policy.issuer)
    return ports.totp.qr_png(uri)


async def _new_codes(uow: UnitOfWork, principal: Principal, now: datetime) -> list[str]:
    codes = [new_recovery_code() for _ in range(RECOVERY_CODES)]
    await uow.security.replace_recovery_codes(
        principal.user_id, [token_digest(normalize_recovery_code(c)) for c in codes], now
    )
    return codes


async def confirm(code: str, *, principal: Principal, client: ClientInfo, ports: AccountDeps) -> list[str]:
    """Turn two-step verification on with a first valid code; return the recovery codes (shown once)."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        state = await uow.security.state(principal.user_id)
        if state.mfa_enabled:
            raise Conflict("Two-step verification is already on.", code="mfa_enabled")
        if state.mfa_pending_secret is None:
            raise NotFound("Start enrolment first.")
        pending = ports.box.decrypt(state.mfa_pending_secret, context=totp_context(principal.user_id))
        step = ports.totp.matching_step(pending, code, now=now)
        if step is None:
            raise Unauthorized("The authentication code is not valid.", code="invalid_mfa_code")
        state.mfa_secret, state.mfa_pending_secret, state.mfa_enabled_at = state.mfa_pending_secret, None, now
        state.mfa_last_step = step  # this code is now spent
        await uow.security.save(state, now)
        codes = await _new_codes(uow, principal, now)
        await notify(
            uow,
            principal.user_id,
            "security.mfa_enabled",
            "Two-step verification is on",
            "Two-step verification was turned on for your account.",
            link=web_pages.SECURITY_SETTINGS,
            now=now,
        )
        await audit(uow, "mfa.enabled", user_id=principal.user_id, now=now, client=client)
        await uow.commit()
    return codes


async def _confirmed_again(
    uow: UnitOfWork, ports: AccountDeps, principal: Principal, password: str, code: str | None,
    recovery_code: str | None, *, now: datetime, when_off: str,
) -> SecurityState:
    """The user proved it is them again (password and a second factor) for a change to two-step
    verification, which must be on; answers the security state read."""
    user = await _user(uow, principal)
    await reauthenticate(uow, ports, user, password)
    state = await uow.security.state(principal.user_id)
    if not state.mfa_enabled:
        raise Conflict(when_off, code="mfa_disabled")
    await check_second_factor(uow, ports, state, code=code, recovery_code=recovery_code, now=now)
    return state


async def regenerate_recovery_codes(
    password: str, code: str | None, *, principal: Principal, client: ClientInfo, ports: AccountDeps
) -> list[str]:
    """Replace the recovery codes (re-authentication: password and a current code)."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        await _confirmed_again(uow, ports, principal, password, code, None, now=now,
                               when_off="Two-step verification is off.")
        codes = await _new_codes(uow, principal, now)
        await audit(uow, "mfa.recovery_codes_regenerated", user_id=principal.user_id, now=now, client=client)
        await uow.commit()
    return codes


async def disable(
    password: str,
    *,
    code: str | None = None,
    recovery_code: str | None = None,
    principal: Principal,
    client: ClientInfo,
    ports: AccountDeps,
) -> None:
    """Turn two-step verification off: needs the password and a current code (or a recovery code)."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        state = await _confirmed_again(uow, ports, principal, password, code, recovery_code, now=now,
                                       when_off="Two-step verification is already off.")
        state.mfa_secret = state.mfa_pending_secret = state.mfa_enabled_at = None
        await uow.security.save(state, now)
        await uow.security.replace_recovery_codes(principal.user_id, [], now)
        await notify(
            uow,
            principal.user_id,
            "security.mfa_disabled",
            "Two-step verification is off",
            "Two-step verification was turned off for your account. If it was not you, change your "
            "password now.",
            link=web_pages.SECURITY_SETTINGS,
            now=now,
        )
        await audit(uow, "mfa.disabled", user_id=principal.user_id, now=now, client=client)
        await uow.commit()
