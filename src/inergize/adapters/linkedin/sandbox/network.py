"""The sandbox's network: connections, second-degree members, invitations and messages (capabilities an
ordinary LinkedIn app does not get; the sandbox simulates them)."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy import and_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from inergize.adapters.persistence.tables.linkedin import sandbox_interactions, sandbox_members
from inergize.domain.linkedin.auth import MemberAuth
from inergize.domain.linkedin.errors import ContentRejected
from inergize.domain.linkedin.network import NetworkMember, NetworkPage
from inergize.domain.platform.errors import Conflict, NotFound
from inergize.ports.clock import Clock

T = TypeVar("T")


class SandboxNetwork:
    """Mixed into the sandbox gateway, which provides ``_engine``, ``_clock``, ``_call`` and ``_write``
    (a write counted in the transaction that performs it: a refused target costs nothing)."""

    _engine: AsyncEngine
    _clock: Clock

    async def _call(self, auth: Any, *, write: bool = False) -> tuple[str, dict[str, Any]]:
        raise NotImplementedError

    async def _write(self, auth: MemberAuth, act: Callable[[AsyncConnection, str], Awaitable[T]]) -> T:
        raise NotImplementedError

    # --- network (only the sandbox offers these)
    async def _interaction(
        self, auth: MemberAuth, kind: str, target: str, text: str | None, state: str
    ) -> str:
        now = self._clock.now()
        ident = f"{kind[:3]}-{secrets.token_hex(8)}"

        async def record(conn: AsyncConnection, sub: str) -> None:
            known = (
                await conn.execute(
                    select(sandbox_members.c.urn).where(
                        sandbox_members.c.account_sub == sub, sandbox_members.c.urn == target
                    )
                )
            ).first()
            if known is None:
                raise NotFound("No such member in this simulated network.")
            await conn.execute(
                sandbox_interactions.insert().values(
                    id=ident,
                    account_sub=sub,
                    kind=kind,
                    target_urn=target,
                    text=text,
                    state=state,
                    created_at=now,
                    updated_at=now,
                )
            )

        await self._write(auth, record)
        return ident

    async def send_invitation(self, auth: MemberAuth, *, invitee_urn: str, message: str | None = None) -> str:
        if message is not None and len(message) > 300:
            raise ContentRejected("An invitation note has at most 300 characters.", field="message")
        return await self._interaction(auth, "invitation", invitee_urn, message, "pending")

    async def withdraw_invitation(self, auth: MemberAuth, *, invitation_id: str) -> None:
        async def withdraw(conn: AsyncConnection, sub: str) -> None:
            mine = and_(
                sandbox_interactions.c.id == invitation_id,
                sandbox_interactions.c.account_sub == sub,
                sandbox_interactions.c.kind == "invitation",
            )
            result = await conn.execute(
                update(sandbox_interactions)
                .where(mine, sandbox_interactions.c.state == "pending")
                .values(state="withdrawn", updated_at=self._clock.now())
            )
            if result.rowcount == 1:
                return
            if (await conn.execute(select(sandbox_interactions.c.id).where(mine))).first() is None:
                raise NotFound("No such invitation.")
            raise Conflict("This invitation is no longer pending.", code="invitation_not_pending")

        await self._write(auth, withdraw)

    async def send_message(self, auth: MemberAuth, *, recipient_urn: str, text: str) -> str:
        if not text.strip() or len(text) > 8000:
            raise ContentRejected("A message has 1 to 8,000 characters.", field="text")
        return await self._interaction(auth, "message", recipient_urn, text, "sent")

    async def _members(self, auth: MemberAuth, degree: int, limit: int, offset: int) -> NetworkPage:
        sub, _ = await self._call(auth)
        limit = max(1, min(limit, 500))
        async with self._engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(sandbox_members)
                    .where(sandbox_members.c.account_sub == sub, sandbox_members.c.degree == degree)
                    .order_by(sandbox_members.c.urn)
                    .offset(offset)
                    .limit(limit + 1)
                )
            ).all()
        items = [
            NetworkMember(
                urn=r.urn,
                name=r.name,
                headline=r.headline,
                company=r.company,
                connected_at=r.connected_at,
                degree=r.degree,
            )
            for r in rows[:limit]
        ]
        return NetworkPage(items=items, next_cursor=str(offset + limit) if len(rows) > limit else None)

    async def list_connections(
        self, auth: MemberAuth, *, limit: int = 100, cursor: str | None = None
    ) -> NetworkPage:
        offset = int(cursor) if cursor and cursor.isdigit() else 0
        return await self._members(auth, 1, limit, offset)

    async def suggested_members(self, auth: MemberAuth, *, limit: int = 20) -> NetworkPage:
        return await self._members(auth, 2, limit, 0)
