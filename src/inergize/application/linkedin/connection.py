"""Connecting a LinkedIn account: a single-use ``state`` bound to the user (≤ 10 min), the callback that
exchanges the code and stores encrypted tokens, status, disconnect, upkeep and key rotation."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from typing import Any

import msgspec

from inergize.application.linkedin.deps import LinkedInDeps
from inergize.application.linkedin.member_calls import record_connection_state, refresh_connection
from inergize.application.linkedin.tokens import access_context, refresh_context, seal_tokens
from inergize.domain.accounts.users import Principal
from inergize.domain.linkedin.account import (
    RECONSENT_BEFORE_EXPIRY,
    REFRESH_AHEAD,
    STATE_TTL,
    ConnectionState,
    ConnectionStatus,
    ConnectionSummary,
    LinkedInConnection,
    LinkedInProfile,
    OAuthState,
    StatePurpose,
    TokenReencryption,
)
from inergize.domain.linkedin.auth import SELF_SERVE_SCOPES, LinkedInIdentity
from inergize.domain.linkedin.errors import LinkedInTokenRejected, LinkedInUnavailable
from inergize.domain.platform.errors import Conflict, NotFound, ValidationFailed
from inergize.domain.platform.secrets import SecretUnreadable


def state_digest(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


class AuthorizationStart(msgspec.Struct, frozen=True, kw_only=True):
    authorization_url: str
    state: str
    expires_at: Any


async def begin_authorization(
    ports: LinkedInDeps,
    *,
    purpose: StatePurpose,
    user_id: uuid.UUID | None,
    redirect_uri: str,
    scopes: tuple[str, ...],
    login_hint: str | None,
    data: dict[str, Any] | None = None,
) -> AuthorizationStart:
    """Store a fresh single-use state (hashed) and build the authorization URL that carries it."""
    now = ports.clock.now()
    state = secrets.token_urlsafe(32)
    record = OAuthState(
        id=uuid.uuid4(),
        state_hash=state_digest(state),
        user_id=user_id,
        purpose=purpose,
        redirect_uri=redirect_uri,
        data=data or {},
        created_at=now,
        expires_at=now + STATE_TTL,
    )
    async with ports.uow_factory() as uow:
        await uow.linkedin.delete_expired_states(now)
        await uow.linkedin.add_state(record)
        await uow.commit()
    url = ports.gateway.authorization_url(
        state=state, redirect_uri=redirect_uri, scopes=scopes, login_hint=login_hint
    )
    return AuthorizationStart(authorization_url=url, state=state, expires_at=record.expires_at)


async def consume(ports: LinkedInDeps, state: str, purpose: StatePurpose) -> OAuthState:
    """The state's record, spent now; ``ValidationFailed`` when unknown, expired, used or for another flow."""
    async with ports.uow_factory() as uow:
        record = await uow.linkedin.consume_state(state_digest(state), ports.clock.now())
        await uow.commit()
    if record is None or record.purpose is not purpose:
        raise ValidationFailed(
            "The LinkedIn sign-in link has expired or was already used; start again.",
            code="invalid_oauth_state",
            field="state",
        )
    return record


async def start_connect(*, principal: Principal, ports: LinkedInDeps) -> AuthorizationStart:
    return await begin_authorization(
        ports,
        purpose=StatePurpose.CONNECT,
        user_id=principal.user_id,
        redirect_uri=ports.redirect_uri,
        scopes=SELF_SERVE_SCOPES,
        login_hint=f"user:{principal.user_id}",
    )


async def complete_connect(
    *, code: str | None, state: str, error: str | None = None, ports: LinkedInDeps
) -> ConnectionSummary:
    """The callback: the state names the user (the browser redirect carries no session). Exchanges the
    code, reads who the member is and stores the connection with encrypted tokens."""
    record = await consume(ports, state, StatePurpose.CONNECT)
    assert record.user_id is not None
    if error or not code:
        raise ValidationFailed(
            f"LinkedIn did not grant access ({error or 'no code'}).", code="linkedin_denied"
        )
    tokens = await ports.gateway.exchange_code(code=code, redirect_uri=record.redirect_uri)
    identity = await ports.gateway.userinfo(tokens.access_token)
    return await store_connection(ports, record.user_id, tokens, identity)


async def store_connection(
    ports: LinkedInDeps, user_id: uuid.UUID, tokens: Any, identity: LinkedInIdentity
) -> ConnectionSummary:
    now = ports.clock.now()
    adapter = ports.gateway.capabilities().adapter
    async with ports.uow_factory() as uow:
        other = await uow.linkedin.connection_by_sub(identity.sub)
        if other is not None and other.user_id != user_id:
            raise Conflict(
                "This LinkedIn account is already connected to another InErgize account.",
                code="linkedin_already_connected",
            )
        current = await uow.linkedin.get_connection(user_id)
        if current is not None and current.linkedin_sub != identity.sub:
            current = None  # another member: the old member's tokens must not be kept
        base = current or LinkedInConnection(
            id=uuid.uuid4(),
            user_id=user_id,
            adapter=adapter,
            linkedin_sub=identity.sub,
            member_urn=identity.urn,
            status=ConnectionStatus.ACTIVE,
            access_token_enc="",
            refresh_token_enc=None,
            expires_at=now,
            refresh_expires_at=None,
            scopes=[],
            connected_at=now,
            created_at=now,
            updated_at=now,
        )
        conn = msgspec.structs.replace(
            seal_tokens(ports, base, tokens),
            adapter=adapter,
            status=ConnectionStatus.ACTIVE,
            last_error=None,
            reconsent_notified_at=None,
            connected_at=now,
            updated_at=now,
        )
        await uow.linkedin.save_connection(conn)
        profile = await uow.linkedin.get_profile(user_id) or LinkedInProfile(user_id=user_id)
        profile.linkedin_sub, profile.full_name = identity.sub, identity.name or profile.full_name
        profile.photo_url = identity.picture or profile.photo_url
        await uow.linkedin.save_profile(profile, now)
        await uow.commit()
    return conn.public(now)


async def connection_status(*, principal: Principal, ports: LinkedInDeps) -> ConnectionState:
    now = ports.clock.now()
    async with ports.uow_factory(read_only=True) as uow:
        conn = await uow.linkedin.get_connection(principal.user_id)
    caps = ports.gateway.capabilities()
    return ConnectionState(connected=conn is not None, connection=conn.public(now) if conn else None,
                           capabilities=sorted(c.value for c in caps.available),
                           unavailable=dict(caps.unavailable), adapter=caps.adapter)


async def disconnect(*, principal: Principal, ports: LinkedInDeps) -> None:
    """Forget the connection: its tokens are deleted (not just flagged)."""
    async with ports.uow_factory() as uow:
        if not await uow.linkedin.delete_connection(principal.user_id):
            raise NotFound("No LinkedIn account is connected.", code="linkedin_not_connected")
        await uow.commit()


async def maintain_connections(ports: LinkedInDeps, *, batch: int = 200) -> dict[str, int]:
    """Periodic upkeep: refresh tokens ahead of expiry; without a refresh token, ask for re-consent from
    day 50. Transient failures leave the connection as it is (the next run tries again)."""
    now = ports.clock.now()
    horizon = now + max(REFRESH_AHEAD, RECONSENT_BEFORE_EXPIRY)
    async with ports.uow_factory(read_only=True) as uow:
        due = await uow.linkedin.connections_expiring(horizon, limit=batch)
    counts = {"refreshed": 0, "reconsent": 0, "failed": 0}
    for conn in due:
        if conn.should_refresh(now):
            try:
                await refresh_connection(ports, conn)
                counts["refreshed"] += 1
            except (LinkedInUnavailable, LinkedInTokenRejected):
                counts["failed"] += 1
        elif conn.reconsent_due(now) and conn.reconsent_notified_at is None:
            await record_connection_state(
                ports,
                conn.user_id,
                status=ConnectionStatus.RECONSENT_NEEDED,
                last_error=conn.last_error,
                notify_reconsent=True,
            )
            counts["reconsent"] += 1
    return counts


async def reencrypt_tokens(ports: LinkedInDeps, *, batch: int = 200) -> TokenReencryption:
    """Re-encrypt every stored token with the primary key (after adding a new key). Safe to re-run;
    old keys can be removed once it reports nothing changed and nothing unreadable. One unreadable
    connection does not stop the others from moving."""
    box, after, changed, unreadable = ports.secret_box, None, 0, 0
    while True:
        async with ports.uow_factory() as uow:
            page = await uow.linkedin.connections_page(after=after, limit=batch)
            for conn in page:
                try:
                    stale = box.key_id_of(conn.access_token_enc) != box.primary_key_id or (
                        conn.refresh_token_enc is not None
                        and box.key_id_of(conn.refresh_token_enc) != box.primary_key_id
                    )
                    if not stale:
                        continue
                    access = box.decrypt(conn.access_token_enc, context=access_context(conn.user_id))
                    refresh = (
                        box.decrypt(conn.refresh_token_enc, context=refresh_context(conn.user_id))
                        if conn.refresh_token_enc
                        else None
                    )
                except SecretUnreadable:
                    unreadable += 1
                    continue
                await uow.linkedin.save_connection(
                    msgspec.structs.replace(
                        conn,
                        access_token_enc=box.encrypt(access, context=access_context(conn.user_id)),
                        refresh_token_enc=box.encrypt(refresh, context=refresh_context(conn.user_id))
                        if refresh
                        else None,
                    )
                )
                changed += 1
            await uow.commit()
        if len(page) < batch:
            return TokenReencryption(changed=changed, unreadable=unreadable)
        after = page[-1].id
