"""Cached reads kept in scopes, each scope with a generation (a user's access state, a user's content
list). Every write to what a scope caches bumps its generation after commit; entries stored under an
older generation are never read again, so a read cannot be served stale data once the write returned."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Protocol


class ReadCache(Protocol):
    """Entries grouped by scope; :meth:`bump` makes every entry of a scope unreachable at once."""

    async def read(self, scope: str, key: str) -> tuple[str, bytes | None]:
        """The scope's current generation (a new one when it has none) and the value stored under it
        for ``key``, if any. Store what you then compute under *this* generation: if a write bumps the
        scope meanwhile, your value lands under an old generation nobody reads."""
        ...

    async def store(self, scope: str, generation: str, key: str, value: bytes, *, ttl_seconds: float) -> None:
        """Keep ``value`` for ``key`` under ``generation`` of ``scope`` for at most ``ttl_seconds``."""
        ...

    async def bump(self, scopes: Collection[str]) -> None:
        """Start a new generation for each of ``scopes`` (called after a write to them commits)."""
        ...


ACCESS_SCOPES = "access:"  # what every access scope starts with


def access_scope(user_id: uuid.UUID) -> str:
    """The scope of a user's access state: status, role, not-before and session revocations."""
    return f"{ACCESS_SCOPES}{user_id}"


def content_scope(user_id: uuid.UUID) -> str:
    """The scope of a user's content library pages."""
    return f"content:{user_id}"
