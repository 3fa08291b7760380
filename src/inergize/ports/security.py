from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol

from inergize.domain.accounts.security import OneTimeToken, SecurityState, TokenPurpose
from inergize.domain.accounts.users import Role, UserStatus


class AccessState(Protocol):
    """What the access guard needs to know on every request."""

    status: UserStatus
    role: Role
    not_before: datetime | None
    session_revoked: bool


class SecurityRepository(Protocol):
    """Per-user authentication state, one-time tokens and MFA recovery codes."""

    async def state(self, user_id: uuid.UUID) -> SecurityState:
        """The user's state (defaults when nothing is stored yet)."""
        ...

    async def save(self, state: SecurityState, now: datetime) -> None: ...

    async def access_state(self, user_id: uuid.UUID, session_id: uuid.UUID | None) -> AccessState | None:
        """One query: the user's status, role, not-before and whether ``session_id`` is revoked."""
        ...

    async def spend_totp_step(self, user_id: uuid.UUID, step: int) -> bool:
        """Record ``step`` as used if it is later than the last one used (a conditional update):
        False means the code was already used."""
        ...

    async def add_token(self, token: OneTimeToken, digest: str) -> None: ...

    async def find_token(self, digest: str, purpose: TokenPurpose, now: datetime) -> OneTimeToken | None:
        """The token if it is unused, unexpired and for ``purpose`` (without spending it)."""
        ...

    async def spend_token(self, digest: str, purpose: TokenPurpose, now: datetime) -> OneTimeToken | None:
        """Mark the token used if it is unused, unexpired and for ``purpose``; return it, or None."""
        ...

    async def expire_tokens(self, user_id: uuid.UUID, purpose: TokenPurpose, now: datetime) -> None:
        """Make every unused token of ``purpose`` unusable (a new one replaces them)."""
        ...

    async def replace_recovery_codes(self, user_id: uuid.UUID, digests: list[str], now: datetime) -> None: ...

    async def spend_recovery_code(self, user_id: uuid.UUID, digest: str, now: datetime) -> bool: ...

    async def recovery_codes_left(self, user_id: uuid.UUID) -> int: ...
