"""What every account use case shares: password hashing off the event
loop, login throttling, sessions and audit records."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

import msgspec

from inergize.application.accounts.deps import AccountDeps
from inergize.application.notifications.inbox import notify
from inergize.domain.accounts.security import (
    AuditEvent,
    AuthSession,
    ClientInfo,
    SecurityState,
    new_secret_token,
    token_digest,
)
from inergize.domain.accounts.users import Principal, User
from inergize.domain.notifications import web_pages
from inergize.domain.platform.errors import RateLimited, Unauthorized
from inergize.ports.rate_budget import BudgetWindow
from inergize.ports.unit_of_work import UnitOfWork

MAX_KNOWN_DEVICES = 20


def totp_context(user_id: uuid.UUID) -> str:
    """What a TOTP secret's ciphertext is bound to: it decrypts only for its own user."""
    return f"mfa:totp:{user_id}"


class TokenPair(msgspec.Struct, frozen=True, kw_only=True):
    access_token: str
    refresh_token: str
    expires_in: int
    session_id: uuid.UUID


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords (package data), loaded once."""
    text = resources.files("inergize.application").joinpath("data/common_passwords.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


_dummy_hashes: dict[int, str] = {}


async def hash_password(ports: AccountDeps, password: str) -> str:
    # argon2 takes tens of milliseconds of CPU: in a thread, so other requests keep being served.
    return await asyncio.to_thread(ports.hasher.hash, password)


async def verify_password(ports: AccountDeps, password_hash: str | None, password: str) -> bool:
    """Check ``password``; with no hash (unknown account) verify against a dummy hash anyway, so the
    answer takes as long as for a real account (no user enumeration by timing)."""
    if password_hash is None:
        key = id(ports.hasher)
        if key not in _dummy_hashes:
            _dummy_hashes[key] = await asyncio.to_thread(ports.hasher.hash, new_secret_token())
        await asyncio.to_thread(ports.hasher.verify, _dummy_hashes[key], password)
        return False
    return await asyncio.to_thread(ports.hasher.verify, password_hash, password)


async def audit(
    uow: UnitOfWork,
    action: str,
    *,
    user_id: uuid.UUID | None,
    now: datetime,
    actor_id: uuid.UUID | None = None,
    client: ClientInfo | None = None,
    **detail: Any,
) -> None:
    """Append a security event (who, what, when, from where) in the caller's transaction."""
    client = client or ClientInfo()
    await uow.audit.add(
        AuditEvent(
            id=uuid.uuid4(),
            user_id=user_id,
            actor_id=actor_id if actor_id is not None else user_id,
            action=action,
            detail=detail,
            ip=client.ip,
            user_agent=(client.user_agent or "")[:300] or None,
            created_at=now,
        )
    )


def _window(ports: AccountDeps, limit: int) -> list[BudgetWindow]:
    return [
        BudgetWindow(name="attempts", limit=limit, seconds=ports.policy.login_window_seconds, rolling=True)
    ]


async def throttle(
    ports: AccountDeps, scope: str, *, account: str | None, client: ClientInfo, now: datetime
) -> list[tuple[str, list[BudgetWindow]]]:
    """Charge one attempt to the account and to the client address (ASVS V2.2.1); ``RateLimited`` when
    either is spent. Returns what was charged, so a success can be refunded."""
    charged: list[tuple[str, list[BudgetWindow]]] = []
    keys = [(f"{scope}:addr:{client.ip or 'unknown'}", ports.policy.login_attempts_per_address)]
    if account is not None:
        keys.append((f"{scope}:acct:{token_digest(account)[:32]}", ports.policy.login_attempts_per_account))
    for key, limit in keys:
        windows = _window(ports, limit)
        decision = await ports.budgets.spend(key, windows, now=now)
        if not decision.allowed:
            for done_key, done_windows in charged:
                await ports.budgets.refund(done_key, done_windows, now=now)
            raise RateLimited(
                "Too many attempts; wait before trying again.",
                retry_after=decision.retry_after,
                code="too_many_attempts",
            )
        charged.append((key, windows))
    return charged


async def refund(ports: AccountDeps, charged: list[tuple[str, list[BudgetWindow]]], now: datetime) -> None:
    for key, windows in charged:
        await ports.budgets.refund(key, windows, now=now)


async def start_session(
    uow: UnitOfWork, ports: AccountDeps, user: User, client: ClientInfo, now: datetime
) -> TokenPair:
    """Open a session (a refresh-token family) and issue its first token pair. Tells the user about a
    sign-in from a device not seen before (ASVS V2.2.3)."""
    session = AuthSession(
        id=uuid.uuid4(),
        user_id=user.id,
        created_at=now,
        last_used_at=now,
        expires_at=now + timedelta(days=ports.policy.refresh_ttl_days),
        ip=client.ip,
        user_agent=(client.user_agent or "")[:300] or None,
    )
    await uow.sessions.add(session)
    pair = await issue_pair(uow, ports, user, session, now)
    state = await uow.security.state(user.id)
    device = client.device_fingerprint()
    if device not in state.known_devices:
        if state.known_devices:
            await notify(
                uow,
                user.id,
                "security.new_device",
                "New sign-in to your account",
                f"Someone signed in from a new device ({client.user_agent or 'unknown browser'}, "
                f"{client.ip or 'unknown address'}). If it was not you, change your password and "
                "sign out everywhere.",
                link=web_pages.SECURITY_SETTINGS,
                now=now,
            )
        state.known_devices = [*state.known_devices, device][-MAX_KNOWN_DEVICES:]
        await uow.security.save(state, now)
    await audit(uow, "login.succeeded", user_id=user.id, now=now, client=client, session_id=str(session.id))
    return pair


async def issue_pair(
    uow: UnitOfWork, ports: AccountDeps, user: User, session: AuthSession, now: datetime
) -> TokenPair:
    refresh = new_secret_token()
    await uow.sessions.add_refresh_token(
        uuid.uuid4(), session.id, user.id, token_digest(refresh), now, session.expires_at
    )
    access = ports.tokens.issue_access(Principal(user.id, user.role), now=now, session_id=str(session.id))
    return TokenPair(
        access_token=access,
        refresh_token=refresh,
        expires_in=ports.policy.access_ttl_seconds,
        session_id=session.id,
    )


async def end_all_sessions(
    uow: UnitOfWork, user_id: uuid.UUID, now: datetime, reason: str, keep: uuid.UUID | None = None
) -> SecurityState:
    """Revoke every session (but ``keep``); without ``keep`` also refuse every access token issued so far."""
    await uow.sessions.revoke_all(user_id, now, reason, keep=keep)
    state = await uow.security.state(user_id)
    if keep is None:
        state.not_before = now
        await uow.security.save(state, now)
    return state


async def reauthenticate(uow: UnitOfWork, ports: AccountDeps, user: User, password: str) -> None:
    """ASVS V2.1.5 / V3.7.1: sensitive changes need the current password."""
    if not await verify_password(ports, user.password_hash, password):
        raise Unauthorized("The current password is not correct.", code="invalid_credentials")
