"""Storage of LinkedIn connections, OAuth states, sign-in identities, profiles and direct posts
(``uow.linkedin``)."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime
from typing import Any, Protocol

from inergize.domain.linkedin.account import (
    LinkedInConnection,
    LinkedInIdentityLink,
    LinkedInProfile,
    OAuthState,
)
from inergize.domain.linkedin.direct_posts import DirectPost


class LinkedInRepository(Protocol):
    async def get_connection(self, user_id: uuid.UUID) -> LinkedInConnection | None: ...

    async def connections(self, user_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, LinkedInConnection]:
        """The connections of these users that exist, in one read (a publish batch's members)."""
        ...

    async def connection_by_sub(self, linkedin_sub: str) -> LinkedInConnection | None:
        """The connection of this LinkedIn member, whichever user holds it."""
        ...

    async def save_connection(self, connection: LinkedInConnection) -> None:
        """Insert or replace the user's one connection (by ``user_id``)."""
        ...

    async def delete_connection(self, user_id: uuid.UUID) -> bool:
        """Delete the connection and its tokens; False when there was none."""
        ...

    async def connections_expiring(self, before: datetime, *, limit: int) -> list[LinkedInConnection]:
        """Connections not broken whose token expires before ``before``, soonest first."""
        ...

    async def connections_page(self, *, after: uuid.UUID | None, limit: int) -> list[LinkedInConnection]:
        """All connections by id, for batch work (re-encryption)."""
        ...

    async def add_state(self, state: OAuthState) -> None: ...

    async def consume_state(self, state_hash: str, now: datetime) -> OAuthState | None:
        """Mark the state used and return it, once: None when unknown, expired or already used."""
        ...

    async def delete_expired_states(self, now: datetime) -> int: ...

    async def get_identity(self, sub: str) -> LinkedInIdentityLink | None: ...

    async def identity_for_user(self, user_id: uuid.UUID) -> LinkedInIdentityLink | None: ...

    async def save_identity(self, identity: LinkedInIdentityLink) -> None: ...

    async def get_profile(self, user_id: uuid.UUID) -> LinkedInProfile | None: ...

    async def save_profile(self, profile: LinkedInProfile, now: datetime) -> None: ...

    async def get_post(self, user_id: uuid.UUID, idempotency_key: str) -> DirectPost | None: ...

    async def post_by_id(self, user_id: uuid.UUID, post_id: uuid.UUID) -> DirectPost | None:
        """``user_id``'s direct-post record ``post_id`` (None when it is someone else's or unknown)."""
        ...

    async def add_post(self, post: DirectPost) -> bool:
        """Insert a direct-post record; False when the (user, idempotency key) already exists."""
        ...

    async def update_post(self, post_id: uuid.UUID, **values: Any) -> None:
        """Set these fields of ``DirectPost`` on the record (only these: concurrent steps of one post
        each write what they learned)."""
        ...

    async def add_analytics_events(
        self, user_id: uuid.UUID, events: list[dict[str, Any]], now: datetime
    ) -> int:
        """Insert analytics events (event_type, subject, value, occurred_at, payload, source, dedupe_key),
        skipping those whose dedupe key the user already has; returns how many were new."""
        ...

    async def list_posts(self, user_id: uuid.UUID, *, limit: int) -> list[DirectPost]:
        """The user's direct posts, newest first."""
        ...
