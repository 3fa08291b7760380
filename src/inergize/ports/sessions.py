from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol

from inergize.domain.accounts.security import AuthSession


class SessionRepository(Protocol):
    """Sign-in sessions and their refresh tokens (stored as digests)."""

    async def add(self, session: AuthSession) -> None: ...

    async def get(self, session_id: uuid.UUID) -> AuthSession | None: ...

    async def list_active(self, user_id: uuid.UUID, now: datetime) -> list[AuthSession]: ...

    async def add_refresh_token(
        self,
        token_id: uuid.UUID,
        session_id: uuid.UUID,
        user_id: uuid.UUID,
        digest: str,
        now: datetime,
        expires_at: datetime,
    ) -> None: ...

    async def spend_refresh_token(self, digest: str, now: datetime) -> uuid.UUID | None:
        """Mark the token used if it is unused and unexpired (one conditional update, so two
        concurrent refreshes cannot both win); return its session id, or None."""
        ...

    async def refresh_token_session(self, digest: str) -> tuple[uuid.UUID, uuid.UUID, bool] | None:
        """(session id, user id, already used) of a token whatever its state; None if unknown."""
        ...

    async def touch(self, session_id: uuid.UUID, now: datetime) -> None: ...

    async def revoke(self, session_id: uuid.UUID, now: datetime, reason: str) -> bool:
        """Revoke one session (its tokens stop working); False when it was already revoked."""
        ...

    async def revoke_all(
        self, user_id: uuid.UUID, now: datetime, reason: str, keep: uuid.UUID | None = None
    ) -> int:
        """Revoke every live session of the user except ``keep``; return how many."""
        ...
