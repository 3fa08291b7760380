"""What the automation use cases need, bundled once by the composition root."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from inergize.application.compliance.gate import ComplianceGate
from inergize.application.linkedin.common import (
    LinkedInPorts,
    get_connection,
    member_auth,
    refresh_connection,
)
from inergize.domain.linkedin.auth import MemberAuth
from inergize.ports.clock import Clock
from inergize.ports.linkedin import LinkedInGateway
from inergize.ports.moderator import Moderator
from inergize.ports.unit_of_work import UnitOfWorkFactory

AuthFor = Callable[[uuid.UUID], Awaitable[MemberAuth]]


@dataclass(frozen=True, slots=True)
class AutomationPorts:
    uow_factory: UnitOfWorkFactory
    clock: Clock
    gate: ComplianceGate
    gateway: LinkedInGateway
    auth_for: AuthFor  # the member's current credentials (refreshed by the LinkedIn capability)
    moderator: Moderator | None = None


REFRESH_MARGIN = timedelta(minutes=5)


def linkedin_auth(linkedin_ports: LinkedInPorts) -> AuthFor:
    """Credentials from the member's stored LinkedIn connection, refreshed when about to expire."""

    async def auth_for(user_id: uuid.UUID) -> MemberAuth:
        conn = await get_connection(linkedin_ports, user_id)
        if conn.refresh_token_enc and conn.expires_at <= linkedin_ports.clock.now() + REFRESH_MARGIN:
            conn = await refresh_connection(linkedin_ports, conn)
        return member_auth(linkedin_ports, conn)

    return auth_for
