"""A user's own past posts, the material voice learning reads."""

from __future__ import annotations

import uuid
from typing import Protocol


class PastPosts(Protocol):
    async def texts(self, user_id: uuid.UUID, *, limit: int = 30) -> list[str]:
        """Up to ``limit`` texts the user wrote and published (or approved), newest first."""
        ...
