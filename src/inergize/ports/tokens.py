from __future__ import annotations

from datetime import datetime
from typing import Protocol

from inergize.domain.accounts.users import Principal


class TokenService(Protocol):
    """Signs and verifies short-lived access tokens (asymmetric, with a key id)."""

    def issue_access(self, principal: Principal, *, now: datetime, session_id: str | None = None) -> str: ...

    def verify_access(self, token: str, *, now: datetime) -> tuple[Principal, datetime, str | None]:
        """Return the principal, the token's issue time and its session id; ``Unauthorized`` if invalid."""
        ...

    def public_jwks(self) -> dict[str, object]: ...
