from __future__ import annotations

from typing import Protocol


class HealthCheck(Protocol):
    """A dependency ``/ready`` asks: the database, the cache, the broker…"""

    name: str

    async def check(self) -> None:
        """Return when the dependency answers; raise any exception when it does not."""
        ...
