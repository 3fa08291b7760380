from __future__ import annotations

import uuid
from typing import Protocol

from inergize.domain.accounts.security import AuditEvent
from inergize.domain.platform.pagination import Page


class AuditLog(Protocol):
    """Security events: appended, never changed; kept when an account is deleted."""

    async def add(self, event: AuditEvent) -> None: ...

    async def list(self, *, user_id: uuid.UUID | None, limit: int, cursor: str | None) -> Page[AuditEvent]:
        """Newest first; ``user_id=None`` lists everyone's (admins)."""
        ...
