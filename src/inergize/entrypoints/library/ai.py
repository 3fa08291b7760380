"""The content engine for embedders: ``app.ai.posts(principal, GeneratePosts(topic=...))`` and friends,
the same use cases HTTP and the worker call."""

from __future__ import annotations

import uuid
from typing import Any

from inergize.application import ai_banners, ai_carousels, ai_posts, ai_profile, content_library
from inergize.domain.ai import AiJob
from inergize.domain.content import ReadyVersion
from inergize.domain.users import Principal
from inergize.entrypoints.ai_ports import ai_ports


class AiContent:
    def __init__(self, container: Any) -> None:
        self._c = container

    async def posts(self, principal: Principal, cmd: ai_posts.GeneratePosts) -> ai_posts.GeneratedPosts:
        return await ai_posts.generate_posts(cmd, principal=principal, ports=ai_ports(self._c))

    async def carousel(
        self, principal: Principal, cmd: ai_carousels.GenerateCarousel, *, wait: bool = True
    ) -> AiJob:
        """Queue a carousel; with ``wait`` run it here and return the finished job (no worker needed)."""
        ports = ai_ports(self._c)
        job = await ai_carousels.request_carousel(cmd, principal=principal, ports=ports)
        if wait:
            await ai_carousels.run_carousel_job(job.id, ports=ports)
            job = await ai_carousels.get_job(job.id, principal=principal, ports=ports)
        return job

    async def banner(
        self, principal: Principal, cmd: ai_banners.GenerateBanner
    ) -> ai_banners.GeneratedBanner:
        return await ai_banners.generate_banner(cmd, principal=principal, ports=ai_ports(self._c))

    async def profile_suggestions(self, principal: Principal) -> ai_profile.ProfileSuggestions:
        return await ai_profile.suggest_profile(principal=principal, ports=ai_ports(self._c))

    async def ready_version(self, principal: Principal, content_id: uuid.UUID) -> ReadyVersion:
        return await content_library.get_ready_version(
            content_id, principal=principal, uow_factory=self._c.uow_factory()
        )
