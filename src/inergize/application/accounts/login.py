"""Signing in and out: password login, the MFA step, refresh-token rotation with reuse detection,
sessions and their revocation."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec

from inergize.application.accounts.audit import audit
from inergize.application.accounts.deps import AccountDeps
from inergize.application.accounts.mfa_check import check_second_factor
from inergize.application.accounts.one_time_tokens import issue_one_time_token
from inergize.application.accounts.passwords import hash_password, verify_password
from inergize.application.accounts.sessions import TokenPair, end_all_sessions, issue_pair, start_session
from inergize.application.accounts.throttling import refund, throttle
from inergize.application.notifications.inbox import notify
from inergize.domain.accounts.security import (
    AuthSession,
    ClientInfo,
    TokenPurpose,
    token_digest,
)
from inergize.domain.accounts.users import Principal, User, normalize_email
from inergize.domain.notifications import web_pages
from inergize.domain.platform.errors import Forbidden, NotFound, Unauthorized, ValidationFailed
from inergize.ports.unit_of_work import UnitOfWork

BAD_CREDENTIALS = "The email or password is not correct."


class LoginResult(msgspec.Struct, frozen=True, kw_only=True):
    """Either tokens, or (two-step verification on) a short-lived challenge for :func:`complete_mfa_login`."""

    tokens: TokenPair | None = None
    mfa_token: str | None = None


async def login(email: str, password: str, *, client: ClientInfo, ports: AccountDeps) -> LoginResult:
    """Check the password (throttled per account and per address; the same answer and the same work
    for an unknown address), rehash it if the parameters changed, then open a session or ask for the
    second factor."""
    now = ports.clock.now()
    try:
        address = normalize_email(email)
    except ValidationFailed:
        address = email.strip().lower()[:254]
    charged = await throttle(ports, "login", account=address, client=client, now=now)
    async with ports.uow_factory(read_only=True) as uow:
        user = await uow.users.get_by_email(address)
    ok = await verify_password(ports, user.password_hash if user else None, password)
    if user is None or not ok:
        async with ports.uow_factory() as uow:
            await audit(uow, "login.failed", user_id=user.id if user else None, now=now, client=client)
            await uow.commit()
        raise Unauthorized(BAD_CREDENTIALS, code="invalid_credentials")
    await refund(ports, charged, now)  # only failures count against the limits
    if not user.is_active:
        raise Forbidden("This account is disabled.", code="account_disabled")
    if user.email_verified_at is None:
        raise Forbidden(
            "Confirm your email address first; we can send the link again.", code="email_not_verified"
        )
    new_hash = (
        await hash_password(ports, password) if ports.hasher.needs_rehash(user.password_hash or "") else None
    )
    async with ports.uow_factory() as uow:
        user = await uow.users.get(user.id) or user
        if new_hash is not None:  # ASVS V2.4: stored hashes follow the current parameters
            user.password_hash = new_hash
            user.updated_at = now
            await uow.users.update(user)
        result = await session_or_challenge(uow, ports, user, client, now)
        await uow.commit()
    return result


async def session_or_challenge(
    uow: UnitOfWork, ports: AccountDeps, user: User, client: ClientInfo, now: datetime, *, via: str | None = None
) -> LoginResult:
    """Open a session, or (two-step verification on) issue the challenge for the second step, in ``uow``.
    ``via`` (a sign-in other than the password, e.g. ``linkedin``) is kept with the challenge and audited."""
    state = await uow.security.state(user.id)
    if state.mfa_enabled:
        origin: dict[str, Any] = {"via": via} if via else {}
        challenge = await issue_one_time_token(
            uow, user.id, TokenPurpose.MFA_CHALLENGE, now=now, ttl=ports.policy.mfa_challenge_ttl, data=origin
        )
        await audit(uow, "login.mfa_required", user_id=user.id, now=now, client=client, **origin)
        return LoginResult(mfa_token=challenge)
    return LoginResult(tokens=await start_session(uow, ports, user, client, now))


async def complete_mfa_login(
    mfa_token: str,
    *,
    code: str | None = None,
    recovery_code: str | None = None,
    client: ClientInfo,
    ports: AccountDeps,
) -> TokenPair:
    """The second step: a valid challenge plus a TOTP code or a recovery code opens the session. The
    challenge is spent on success; wrong codes are throttled like passwords."""
    now = ports.clock.now()
    digest = token_digest(mfa_token)
    async with ports.uow_factory(read_only=True) as uow:
        challenge = await uow.security.find_token(digest, TokenPurpose.MFA_CHALLENGE, now)
    if challenge is None:
        raise Unauthorized("The sign-in step has expired; sign in again.", code="invalid_mfa_token")
    charged = await throttle(ports, "mfa", account=str(challenge.user_id), client=client, now=now)
    async with ports.uow_factory() as uow:
        user = await uow.users.get(challenge.user_id)
        if user is None or not user.is_active:
            raise Unauthorized("The sign-in step has expired; sign in again.", code="invalid_mfa_token")
        state = await uow.security.state(user.id)
        try:
            used = await check_second_factor(
                uow, ports, state, code=code, recovery_code=recovery_code, now=now
            )
        except Unauthorized:
            await uow.rollback()
            await audit(uow, "login.mfa_failed", user_id=user.id, now=now, client=client)
            await uow.commit()
            raise
        if await uow.security.spend_token(digest, TokenPurpose.MFA_CHALLENGE, now) is None:
            raise Unauthorized("The sign-in step has expired; sign in again.", code="invalid_mfa_token")
        if used == "recovery_code":
            left = await uow.security.recovery_codes_left(user.id)
            await notify(
                uow,
                user.id,
                "security.recovery_code_used",
                "A recovery code was used",
                f"You signed in with a recovery code; {left} are left.",
                link=web_pages.SECURITY_SETTINGS,
                now=now,
            )
        pair = await start_session(uow, ports, user, client, now)
        await uow.commit()
    await refund(ports, charged, now)
    return pair


async def refresh(refresh_token: str, *, client: ClientInfo, ports: AccountDeps) -> TokenPair:
    """Trade a refresh token for a new pair. Each token works once; presenting a used one means it was
    stolen or replayed, so its whole session (family) is revoked (ASVS V3.5.? / V10.4.5)."""
    now = ports.clock.now()
    digest = token_digest(refresh_token)
    async with ports.uow_factory() as uow:
        session_id = await uow.sessions.spend_refresh_token(digest, now)
        if session_id is None:
            known = await uow.sessions.refresh_token_session(digest)
            if known is not None and known[2]:
                if await uow.sessions.revoke(known[0], now, "token_reuse"):
                    await notify(
                        uow,
                        known[1],
                        "security.token_reuse",
                        "A sign-in was ended to protect you",
                        "An old sign-in token was used again, so we signed that device out. If this "
                        "keeps happening, change your password.",
                        link=web_pages.SECURITY_SETTINGS,
                        now=now,
                    )
                await audit(
                    uow,
                    "token.reuse_detected",
                    user_id=known[1],
                    now=now,
                    client=client,
                    session_id=str(known[0]),
                )
                await uow.commit()
            raise Unauthorized("The refresh token is not valid; sign in again.", code="invalid_refresh_token")
        session = await uow.sessions.get(session_id)
        user = await uow.users.get(session.user_id) if session else None
        if (
            session is None
            or user is None
            or session.revoked_at is not None
            or session.expires_at <= now
            or not user.is_active
        ):
            raise Unauthorized("The refresh token is not valid; sign in again.", code="invalid_refresh_token")
        pair = await issue_pair(uow, ports, user, session, now)
        await uow.sessions.touch(session.id, now)
        await uow.commit()
    return pair


async def logout(
    *, principal: Principal, session_id: uuid.UUID | None, client: ClientInfo, ports: AccountDeps
) -> None:
    """End the session the access token belongs to (its refresh and access tokens stop working)."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        if session_id is None:
            await end_all_sessions(uow, principal.user_id, now, "logout")
        else:
            session = await uow.sessions.get(session_id)
            if session is not None and session.user_id == principal.user_id:
                await uow.sessions.revoke(session_id, now, "logout")
        await audit(uow, "logout", user_id=principal.user_id, now=now, client=client)
        await uow.commit()


async def logout_everywhere(*, principal: Principal, client: ClientInfo, ports: AccountDeps) -> None:
    """End every session and refuse every access token issued until now."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        await end_all_sessions(uow, principal.user_id, now, "logout_everywhere")
        await audit(uow, "logout.everywhere", user_id=principal.user_id, now=now, client=client)
        await uow.commit()


async def list_sessions(*, principal: Principal, ports: AccountDeps) -> list[AuthSession]:
    async with ports.uow_factory(read_only=True) as uow:
        return await uow.sessions.list_active(principal.user_id, ports.clock.now())


async def revoke_session(
    session_id: uuid.UUID, *, principal: Principal, client: ClientInfo, ports: AccountDeps
) -> None:
    """End one of the principal's sessions; someone else's is "not found"."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        session = await uow.sessions.get(session_id)
        if session is None or not principal.may_act_for(session.user_id) or session.revoked_at is not None:
            raise NotFound("No such session.")
        await uow.sessions.revoke(session_id, now, "revoked_by_user")
        await audit(
            uow,
            "session.revoked",
            user_id=principal.user_id,
            now=now,
            client=client,
            session_id=str(session_id),
        )
        await uow.commit()
