"""The ports the automation use cases are handed, bundled once by the composition root."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from inergize.application.compliance.gate import ComplianceGate
from inergize.application.linkedin.deps import LinkedInDeps
from inergize.application.linkedin.member_calls import get_connection, refresh_connection
from inergize.application.linkedin.tokens import member_auth
from inergize.domain.linkedin.auth import MemberAuth
from inergize.ports.clock import Clock
from inergize.ports.linkedin import LinkedInGateway
from inergize.ports.moderator import Moderator
from inergize.ports.unit_of_work import UnitOfWorkFactory

AuthFor = Callable[[uuid.UUID], Awaitable[MemberAuth]]


@dataclass(frozen=True, slots=True, kw_only=True)
class ComplianceDeps:
    """Storage and time, the gate every automated action passes (budgets, duplicates), LinkedIn, the
    member's credentials and the provider moderator (None: only the local rules run)."""

    uow_factory: UnitOfWorkFactory
    clock: Clock
    gate: ComplianceGate
    gateway: LinkedInGateway
    auth_for: AuthFor  # the member's current credentials (refreshed by the LinkedIn capability)
    moderator: Moderator | None = None


REFRESH_MARGIN = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class LinkedInCredentials:
    """Credentials from the member's stored LinkedIn connection, refreshed when about to expire. A value
    (equal when built from the same LinkedIn bundle), so the compliance bundle is built once."""

    linkedin: LinkedInDeps

    async def __call__(self, user_id: uuid.UUID) -> MemberAuth:
        conn = await get_connection(self.linkedin, user_id)
        if conn.refresh_token_enc and conn.expires_at <= self.linkedin.clock.now() + REFRESH_MARGIN:
            conn = await refresh_connection(self.linkedin, conn)
        return member_auth(self.linkedin, conn)
