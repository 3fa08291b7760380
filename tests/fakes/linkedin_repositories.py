"""In-memory ``LinkedInRepository`` over the fake database's tables: connections, OAuth states, sign-in
identities, profiles, direct posts and analytics events, as the SQL repository keeps them."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING, Any

import msgspec

from inergize.domain.linkedin.account import (
    ConnectionStatus,
    LinkedInConnection,
    LinkedInIdentityLink,
    LinkedInProfile,
    OAuthState,
)
from inergize.domain.linkedin.direct_posts import DirectPost

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import Tables


class MemoryLinkedInRepository:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    # --- connections (one per user)
    async def get_connection(self, user_id: uuid.UUID) -> LinkedInConnection | None:
        return copy.deepcopy(self._tables.linkedin_connections.get(user_id))

    async def connections(self, user_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, LinkedInConnection]:
        rows = self._tables.linkedin_connections
        return {u: copy.deepcopy(rows[u]) for u in user_ids if u in rows}

    async def connection_by_sub(self, linkedin_sub: str) -> LinkedInConnection | None:
        return next((copy.deepcopy(c) for c in self._tables.linkedin_connections.values()
                     if c.linkedin_sub == linkedin_sub), None)

    async def save_connection(self, connection: LinkedInConnection) -> None:
        stored = self._tables.linkedin_connections.get(connection.user_id)
        if stored is not None:  # an update by user keeps the row's id, as the SQL update does
            connection = msgspec.structs.replace(connection, id=stored.id)
        self._tables.linkedin_connections[connection.user_id] = copy.deepcopy(connection)

    async def delete_connection(self, user_id: uuid.UUID) -> bool:
        return self._tables.linkedin_connections.pop(user_id, None) is not None

    async def connections_expiring(self, before: datetime, *, limit: int) -> list[LinkedInConnection]:
        due = [c for c in self._tables.linkedin_connections.values()
               if c.expires_at < before and c.status is not ConnectionStatus.BROKEN]
        return [copy.deepcopy(c) for c in sorted(due, key=lambda c: c.expires_at)[:limit]]

    async def connections_page(self, *, after: uuid.UUID | None, limit: int) -> list[LinkedInConnection]:
        ordered = sorted(self._tables.linkedin_connections.values(), key=lambda c: c.id)
        return [copy.deepcopy(c) for c in ordered if after is None or c.id > after][:limit]

    # --- OAuth states (single use)
    async def add_state(self, state: OAuthState) -> None:
        if state.state_hash in self._tables.linkedin_states:
            raise ValueError("this state exists")  # the unique index
        self._tables.linkedin_states[state.state_hash] = copy.deepcopy(state)

    async def consume_state(self, state_hash: str, now: datetime) -> OAuthState | None:
        state = self._tables.linkedin_states.get(state_hash)
        if state is None or state.used_at is not None or state.expires_at <= now:
            return None
        state.used_at = now
        return copy.deepcopy(state)

    async def delete_expired_states(self, now: datetime) -> int:
        expired = [h for h, s in self._tables.linkedin_states.items() if s.expires_at < now]
        for state_hash in expired:
            del self._tables.linkedin_states[state_hash]
        return len(expired)

    # --- sign-in identities (by OpenID sub)
    async def get_identity(self, sub: str) -> LinkedInIdentityLink | None:
        return copy.deepcopy(self._tables.linkedin_identities.get(sub))

    async def identity_for_user(self, user_id: uuid.UUID) -> LinkedInIdentityLink | None:
        return next((copy.deepcopy(i) for i in self._tables.linkedin_identities.values()
                     if i.user_id == user_id), None)

    async def save_identity(self, identity: LinkedInIdentityLink) -> None:
        self._tables.linkedin_identities[identity.sub] = copy.deepcopy(identity)

    # --- profiles (one per user)
    async def get_profile(self, user_id: uuid.UUID) -> LinkedInProfile | None:
        return copy.deepcopy(self._tables.linkedin_profiles.get(user_id))

    async def save_profile(self, profile: LinkedInProfile, now: datetime) -> None:
        self._tables.linkedin_profiles[profile.user_id] = copy.deepcopy(profile)

    # --- direct posts (one per user and idempotency key)
    async def get_post(self, user_id: uuid.UUID, idempotency_key: str) -> DirectPost | None:
        return next((p for p in self._tables.linkedin_posts.values()
                     if p.user_id == user_id and p.idempotency_key == idempotency_key), None)

    async def post_by_id(self, user_id: uuid.UUID, post_id: uuid.UUID) -> DirectPost | None:
        post = self._tables.linkedin_posts.get(post_id)
        return post if post is not None and post.user_id == user_id else None

    async def add_post(self, post: DirectPost) -> bool:
        if post.id in self._tables.linkedin_posts or await self.get_post(post.user_id, post.idempotency_key):
            return False
        self._tables.linkedin_posts[post.id] = post
        return True

    async def update_post(self, post_id: uuid.UUID, **values: Any) -> None:
        post = self._tables.linkedin_posts.get(post_id)
        if post is not None:  # through builtins, as through the columns: lists come back as tuples
            row = msgspec.to_builtins(post) | msgspec.to_builtins(values)
            self._tables.linkedin_posts[post_id] = msgspec.convert(row, DirectPost)

    async def add_analytics_events(self, user_id: uuid.UUID, events: list[dict[str, Any]], now: datetime) -> int:
        stored = self._tables.analytics_events
        added = 0
        for event in events:
            key = event.get("dedupe_key")
            # the unique (user, dedupe key) index: a key without a value never conflicts
            if key is not None and any(e["user_id"] == user_id and e.get("dedupe_key") == key for e in stored):
                continue
            stored.append({"id": uuid.uuid4(), "user_id": user_id, "created_at": now, **copy.deepcopy(event)})
            added += 1
        return added

    async def list_posts(self, user_id: uuid.UUID, *, limit: int) -> list[DirectPost]:
        mine = [p for p in self._tables.linkedin_posts.values() if p.user_id == user_id]
        return sorted(mine, key=lambda p: p.created_at, reverse=True)[:limit]
