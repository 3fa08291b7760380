"""A LinkedIn gateway double for the automation engine: records every member action, and can be told to
answer 429s, a restriction, or to lack capabilities (like the REST adapter)."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

from inergize.domain.linkedin.auth import Capabilities, LinkedInCapability, MemberAuth
from inergize.domain.linkedin.errors import LinkedInForbidden, LinkedInRateLimited
from inergize.domain.linkedin.network import NetworkMember, NetworkPage, ReactionType
from inergize.domain.platform.errors import CapabilityUnavailable

ALL = frozenset(LinkedInCapability)


class FakeAutomationGateway:
    def __init__(self, *, available: frozenset[LinkedInCapability] = ALL, latency: float = 0.0) -> None:
        self.available = available
        self.latency = latency
        self.calls: list[tuple[str, str, str | None]] = []  # (kind, target, text)
        self.failures: list[Exception] = []  # raised by the next calls, in order
        self.restricted = False
        self.connections: list[NetworkMember] = []
        self.suggestions = [NetworkMember(urn=f"urn:li:person:S{i}", name=f"Sam {i}", company="Initech",
                                          degree=2) for i in range(40)]
        self._ids = itertools.count(1)

    def capabilities(self) -> Capabilities:
        return Capabilities(adapter="fake", available=self.available,
                            unavailable={c.value: "not in this fake" for c in ALL - self.available})

    def answer_429s(self, n: int, retry_after: float = 60) -> None:
        self.failures += [LinkedInRateLimited("simulated 429", retry_after=retry_after) for _ in range(n)]

    async def _act(self, capability: LinkedInCapability, kind: str, target: str, text: str | None) -> str:
        if capability not in self.available:
            raise CapabilityUnavailable(f"{capability.value}: not available")
        if self.latency:
            await asyncio.sleep(self.latency)
        if self.failures:
            raise self.failures.pop(0)
        if self.restricted:
            raise LinkedInForbidden("simulated restriction")
        self.calls.append((kind, target, text))
        return f"{kind}-{next(self._ids)}"

    async def send_invitation(self, auth: MemberAuth, *, invitee_urn: str, message: str | None = None) -> str:
        return await self._act(LinkedInCapability.SEND_INVITATION, "invitation", invitee_urn, message)

    async def send_message(self, auth: MemberAuth, *, recipient_urn: str, text: str) -> str:
        return await self._act(LinkedInCapability.SEND_MESSAGE, "message", recipient_urn, text)

    async def withdraw_invitation(self, auth: MemberAuth, *, invitation_id: str) -> None:
        await self._act(LinkedInCapability.WITHDRAW_INVITATION, "withdraw", invitation_id, None)

    async def react(self, auth: MemberAuth, *, post_urn: str, reaction: ReactionType) -> None:
        await self._act(LinkedInCapability.REACT, "reaction", post_urn, reaction.value)

    async def comment(self, auth: MemberAuth, *, post_urn: str, text: str) -> str:
        return await self._act(LinkedInCapability.COMMENT, "comment", post_urn, text)

    async def list_connections(self, auth: MemberAuth, *, limit: int = 100,
                               cursor: str | None = None) -> NetworkPage:
        start = int(cursor or 0)
        items = self.connections[start:start + limit]
        more = start + limit < len(self.connections)
        return NetworkPage(items=items, next_cursor=str(start + limit) if more else None)

    async def suggested_members(self, auth: MemberAuth, *, limit: int = 20) -> NetworkPage:
        return NetworkPage(items=self.suggestions[:limit])


async def fake_auth(user_id: Any) -> MemberAuth:
    return MemberAuth(access_token="t", member_urn=f"urn:li:person:{user_id}")
