"""Repositories the unit of work hands out. They take and return domain Structs, never ORM rows."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol

from inergize.domain.accounts.users import User
from inergize.domain.content.library import Content, ContentFilter
from inergize.domain.platform.idempotency import StoredResponse
from inergize.domain.platform.pagination import Page


class UserRepository(Protocol):
    async def add(self, user: User) -> None: ...

    async def get(self, user_id: uuid.UUID) -> User | None: ...

    async def get_by_email(self, email: str) -> User | None: ...

    async def update(self, user: User) -> None:
        """Store ``user``; raise ``PreconditionFailed`` when its version is no longer current."""
        ...

    async def list(self, *, limit: int, cursor: str | None, words: tuple[str, ...] = ()) -> Page[User]:
        """Users oldest first; with ``words``, those whose email or name holds every word (any case)."""
        ...


class ContentRepository(Protocol):
    async def add(self, content: Content) -> None: ...

    async def get(self, content_id: uuid.UUID) -> Content | None: ...

    async def update(self, content: Content, *, expected_version: int) -> Content:
        """Store the edit and bump the version; ``PreconditionFailed`` if someone else changed it."""
        ...

    async def delete(self, content_id: uuid.UUID) -> bool: ...

    async def list_for_user(self, user_id: uuid.UUID, *, limit: int, cursor: str | None,
                            only: ContentFilter | None = None) -> Page[Content]:
        """The user's content, newest first; ``only`` narrows it by words, kind and state."""
        ...


class IdempotencyRepository(Protocol):
    """Responses remembered under an ``Idempotency-Key``: reserve, then complete or release."""

    async def get(self, owner: str, key: str) -> StoredResponse | None:
        """The stored response; ``status_code`` 0 means the first request is still running."""
        ...

    async def reserve(self, owner: str, key: str, request_hash: str, now: datetime) -> bool:
        """Claim the key for one request; False when it is already claimed."""
        ...

    async def complete(self, owner: str, key: str, status_code: int, body: bytes) -> None: ...

    async def release(self, owner: str, key: str) -> None:
        """Forget an unfinished claim (the request failed; a retry may run it again)."""
        ...
