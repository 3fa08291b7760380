"""The security audit trail: who did what, when and from where, written in the caller's transaction."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from inergize.domain.accounts.security import (
    AuditEvent,
    ClientInfo,
)
from inergize.ports.unit_of_work import UnitOfWork


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
