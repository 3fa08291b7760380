"""Repositories of the content engine: versions of content, AI calls, AI jobs, content preferences."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol

from inergize.domain.ai.generation import AiCall, AiJob, ContentPreferences
from inergize.domain.content.library import ContentVersion


class ContentVersionRepository(Protocol):
    async def add(self, version: ContentVersion) -> None: ...

    async def latest(self, content_id: uuid.UUID) -> ContentVersion | None:
        """The current (highest-numbered) version of a content item."""
        ...

    async def get(self, version_id: uuid.UUID) -> ContentVersion | None: ...

    async def update(self, version: ContentVersion) -> None:
        """Store a changed state / moderation outcome of an existing version."""
        ...

    async def list_for_content(self, content_id: uuid.UUID) -> list[ContentVersion]:
        """Every version, newest first."""
        ...


class AiCallRepository(Protocol):
    async def add(self, call: AiCall) -> None: ...

    async def month_total_micros(self, user_id: uuid.UUID, since: datetime) -> int:
        """What ``user_id``'s calls since ``since`` cost, in micro-dollars."""
        ...

    async def month_summary(
        self, user_id: uuid.UUID, since: datetime
    ) -> list[tuple[str, str, int, int, int, int]]:
        """(provider, model, calls, tokens_in, tokens_out, cost_micros) per provider and model, of the
        calls made to providers (answers from the response cache are not calls)."""
        ...

    async def cache_counts(self, user_id: uuid.UUID, since: datetime) -> tuple[int, int]:
        """(answers from the response cache, text answers in all) of ``user_id`` since ``since``."""
        ...


class AiJobRepository(Protocol):
    async def add(self, job: AiJob) -> None: ...

    async def get(self, job_id: uuid.UUID) -> AiJob | None: ...

    async def update(self, job: AiJob) -> None: ...


class ContentPreferencesRepository(Protocol):
    async def get(self, user_id: uuid.UUID) -> ContentPreferences | None: ...

    async def put(self, prefs: ContentPreferences, now: datetime) -> None: ...
