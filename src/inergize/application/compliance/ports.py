"""What the automation use cases need, bundled once by the composition root."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from inergize.application.compliance.gate import ComplianceGate
from inergize.domain.linkedin import MemberAuth
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
