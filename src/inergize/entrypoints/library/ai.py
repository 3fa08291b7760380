"""The content engine for embedders: ``app.ai.posts(principal, GeneratePosts(topic=...))`` and friends,
the same use cases HTTP and the worker call."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from inergize.application.ai import (
    banners,
    carousels,
    profile,
)
from inergize.application.ai import (
    posts as ai_posts,
)
from inergize.application.ai.deps import AiDeps
from inergize.application.content import library
from inergize.domain.accounts.users import Principal
from inergize.domain.ai.generation import AiJob
from inergize.domain.content.library import ReadyVersion


class AiContent:
    def __init__(self, deps: Callable[[], AiDeps]) -> None:
        self._deps = deps  # asked at each call, so a port overridden after opening is seen

    async def posts(self, principal: Principal, cmd: ai_posts.GeneratePosts) -> ai_posts.GeneratedPosts:
        return await ai_posts.generate_posts(cmd, principal=principal, ports=self._deps())

    async def carousel(
        self, principal: Principal, cmd: carousels.GenerateCarousel, *, wait: bool = True
    ) -> AiJob:
        """Queue a carousel; with ``wait`` run it here and return the finished job (no worker needed)."""
        ports = self._deps()
        job = await carousels.request_carousel(cmd, principal=principal, ports=ports)
        if wait:
            await carousels.run_carousel_job(job.id, ports=ports)
            job = await carousels.get_job(job.id, principal=principal, ports=ports)
        return job

    async def banner(
        self, principal: Principal, cmd: banners.GenerateBanner
    ) -> banners.GeneratedBanner:
        return await banners.generate_banner(cmd, principal=principal, ports=self._deps())

    async def profile_suggestions(self, principal: Principal) -> profile.ProfileSuggestions:
        return await profile.suggest_profile(principal=principal, ports=self._deps())

    async def ready_version(self, principal: Principal, content_id: uuid.UUID) -> ReadyVersion:
        return await library.get_ready_version(
            content_id, principal=principal, uow_factory=self._deps().uow_factory
        )
