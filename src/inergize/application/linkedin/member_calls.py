"""The one rule for calling LinkedIn as a member: refresh ahead of expiry and once on a 401; only a
confirmed 401 marks the connection broken, and the member hears about it."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Collection
from typing import TypeVar

import msgspec

from inergize.application.linkedin.deps import LinkedInDeps
from inergize.application.linkedin.tokens import member_auth, refresh_context, seal_tokens
from inergize.application.notifications.inbox import notify
from inergize.domain.linkedin.account import ConnectionStatus, LinkedInConnection
from inergize.domain.linkedin.auth import MemberAuth
from inergize.domain.linkedin.errors import LinkedInTokenRejected, LinkedInUnavailable
from inergize.domain.notifications import web_pages
from inergize.domain.platform.errors import NotFound

T = TypeVar("T")


async def get_connection(ports: LinkedInDeps, user_id: uuid.UUID) -> LinkedInConnection:
    async with ports.uow_factory(read_only=True) as uow:
        conn = await uow.linkedin.get_connection(user_id)
    if conn is None:
        raise NotFound("No LinkedIn account is connected.", code="linkedin_not_connected")
    return conn


async def refresh_connection(ports: LinkedInDeps, conn: LinkedInConnection) -> LinkedInConnection:
    """Refresh the access token. Transient failures change nothing but ``last_error`` and re-raise; a
    refused refresh token asks for re-consent (the access token may still work until it expires)."""
    assert conn.refresh_token_enc is not None
    refresh_token = ports.secret_box.decrypt(conn.refresh_token_enc, context=refresh_context(conn.user_id))
    now = ports.clock.now()
    try:
        tokens = await ports.gateway.refresh(refresh_token=refresh_token)
    except LinkedInUnavailable as exc:
        await record_connection_state(ports, conn.user_id, last_error=f"refresh failed for now: {exc.detail}")
        raise
    except LinkedInTokenRejected as exc:
        await record_connection_state(
            ports,
            conn.user_id,
            status=ConnectionStatus.RECONSENT_NEEDED,
            last_error=f"refresh refused: {exc.detail}",
            notify_reconsent=True,
        )
        raise
    async with ports.uow_factory() as uow:
        current = await uow.linkedin.get_connection(conn.user_id)
        if current is None:  # disconnected meanwhile: do not resurrect it
            raise NotFound("No LinkedIn account is connected.", code="linkedin_not_connected")
        updated = msgspec.structs.replace(
            seal_tokens(ports, current, tokens),
            status=ConnectionStatus.ACTIVE,
            last_refresh_at=now,
            last_error=None,
            updated_at=now,
        )
        await uow.linkedin.save_connection(updated)
        await uow.commit()
    return updated


async def record_connection_state(
    ports: LinkedInDeps,
    user_id: uuid.UUID,
    *,
    status: ConnectionStatus | None = None,
    last_error: str | None = None,
    notify_reconsent: bool = False,
) -> None:
    """Save what happened to a member's connection (its status, the last error) in a transaction of its
    own, telling the member when it broke or, once, when it needs re-consent soon."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        conn = await uow.linkedin.get_connection(user_id)
        if conn is None:
            return
        changes: dict[str, object] = {"last_error": last_error, "updated_at": now}
        if status is not None:
            changes["status"] = status
        if status is ConnectionStatus.BROKEN:
            await notify(
                uow,
                user_id,
                "linkedin.disconnected",
                "Reconnect your LinkedIn account",
                "LinkedIn no longer accepts InErgize's access to your account. Nothing will be published "
                "until you reconnect.",
                link=web_pages.LINKEDIN,
                now=now,
            )
        elif notify_reconsent and conn.reconsent_notified_at is None:
            changes["reconsent_notified_at"] = now
            await notify(
                uow,
                user_id,
                "linkedin.reconsent",
                "Reconnect LinkedIn soon",
                f"LinkedIn access expires on {conn.expires_at:%Y-%m-%d}. Reconnect before then so "
                "scheduled posts keep going out.",
                link=web_pages.LINKEDIN,
                now=now,
            )
        await uow.linkedin.save_connection(msgspec.structs.replace(conn, **changes))
        await uow.commit()


async def call_as_member(
    ports: LinkedInDeps,
    user_id: uuid.UUID,
    action: Callable[[MemberAuth], Awaitable[T]],
    *,
    preloaded: LinkedInConnection | None = None,
) -> T:
    """Run ``action`` with the user's LinkedIn credentials. Refreshes ahead of expiry; on a 401 refreshes
    once and retries; a 401 that survives the refresh (or is confirmed by userinfo when there is no refresh
    token) marks the connection broken. Transient errors never touch the connection.

    ``preloaded``: the connection as read moments ago for a whole batch; it is read again before any
    refresh, so a token another worker refreshed meanwhile is used rather than refreshed twice."""
    conn = preloaded or await get_connection(ports, user_id)
    if conn.status is ConnectionStatus.BROKEN:
        raise LinkedInTokenRejected("LinkedIn refused this connection; reconnect your LinkedIn account.")
    now = ports.clock.now()
    if conn.should_refresh(now) and preloaded is not None:
        conn = await get_connection(ports, user_id)  # another worker may have refreshed it meanwhile
    if conn.should_refresh(now):
        try:
            conn = await refresh_connection(ports, conn)
        except (LinkedInUnavailable, LinkedInTokenRejected):
            pass  # the current token still works for now; the periodic task tries again
    try:
        return await action(member_auth(ports, conn))
    except LinkedInTokenRejected as first:
        if preloaded is not None:
            conn = await get_connection(ports, user_id)
        if conn.can_refresh(now):
            try:
                conn = await refresh_connection(ports, conn)
            except LinkedInTokenRejected:
                await record_connection_state(ports, user_id, status=ConnectionStatus.BROKEN, last_error=first.detail)
                raise first from None
            try:
                return await action(member_auth(ports, conn))
            except LinkedInTokenRejected as second:
                await record_connection_state(ports, user_id, status=ConnectionStatus.BROKEN, last_error=second.detail)
                raise
        try:  # no refresh token: confirm the 401 before calling it broken
            await ports.gateway.userinfo(member_auth(ports, conn).access_token)
        except LinkedInTokenRejected:
            await record_connection_state(ports, user_id, status=ConnectionStatus.BROKEN, last_error=first.detail)
        except LinkedInUnavailable:
            pass
        raise


class MemberCalls:
    """``call_as_member`` for a batch of members (a publish job): their connections are read in one query
    by :meth:`prepare` instead of one per call. A member not prepared is read on its own."""

    def __init__(self, ports: LinkedInDeps) -> None:
        self._ports = ports
        self._connections: dict[uuid.UUID, LinkedInConnection] = {}

    async def prepare(self, user_ids: Collection[uuid.UUID]) -> None:
        async with self._ports.uow_factory(read_only=True) as uow:
            self._connections = await uow.linkedin.connections(set(user_ids))

    async def __call__(self, user_id: uuid.UUID, action: Callable[[MemberAuth], Awaitable[T]]) -> T:
        return await call_as_member(self._ports, user_id, action, preloaded=self._connections.get(user_id))
