"""Sessions: opening one (a refresh-token family) with its first token pair, issuing pairs, ending them all."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import msgspec

from inergize.application.accounts.audit import audit
from inergize.application.accounts.deps import AccountDeps
from inergize.application.notifications.inbox import notify
from inergize.domain.accounts.security import (
    AuthSession,
    ClientInfo,
    SecurityState,
    new_secret_token,
    token_digest,
)
from inergize.domain.accounts.users import Principal, User
from inergize.domain.notifications import web_pages
from inergize.ports.unit_of_work import UnitOfWork

MAX_KNOWN_DEVICES = 20


class TokenPair(msgspec.Struct, frozen=True, kw_only=True):
    access_token: str
    refresh_token: str
    expires_in: int
    session_id: uuid.UUID


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
