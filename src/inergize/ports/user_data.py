from __future__ import annotations

import uuid
from typing import Any, Protocol


class UserDataStore(Protocol):
    """Everything stored about one user, found through the registry of user-owned tables, so tables
    added later are covered without changing GDPR code."""

    async def export(self, user_id: uuid.UUID) -> dict[str, list[dict[str, Any]]]:
        """Table name → the user's rows as JSON-ready dicts (secrets such as hashes left out)."""
        ...

    async def erase(self, user_id: uuid.UUID) -> dict[str, int]:
        """Delete the user's rows from every table except those the audit must keep; return counts."""
        ...
