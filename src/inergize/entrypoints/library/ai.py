"""The content engine for embedders: ``app.ai.posts(principal, GeneratePosts(topic=...))`` and friends,
the same use cases HTTP and the worker call."""

from __future__ import annotations

import uuid
from typing import Any

from inergize.application.ai import (
    banners,
    carousels,
    profile,
)
from inergize.application.ai import (
    posts as ai_posts,
)
from inergize.application.content import library
from inergize.bootstrap.ai import ai_ports
from inergize.domain.accounts.users import Principal
from inergize.domain.ai.generation import AiJob
from inergize.domain.content.library import ReadyVersion


class AiContent:
    def __init__(self, container: Any) -> None:
        self._c = container

    async def posts(self, principal: Principal, cmd: ai_posts.GeneratePosts) -> ai_posts.GeneratedPosts:
        return await ai_posts.generate_posts(cmd, principal=principal, ports=ai_ports(self._c))

    async def carousel(
        self, principal: Principal, cmd: carousels.GenerateCarousel, *, wait: bool = True
    ) -> AiJob:
        """Queue a carousel; with ``wait`` run it here and return the finished job (no worker needed)."""
        ports = ai_ports(self._c)
        job = await carousels.request_carousel(cmd, principal=principal, ports=ports)
        if wait:
            await carousels.run_carousel_job(job.id, ports=ports)
            job = await carousels.get_job(job.id, principal=principal, ports=ports)
        return job

    async def banner(
        self, principal: Principal, cmd: banners.GenerateBanner
    ) -> banners.GeneratedBanner:
        return await banners.generate_banner(cmd, principal=principal, ports=ai_ports(self._c))

    async def profile_suggestions(self, principal: Principal) -> profile.ProfileSuggestions:
        return await profile.suggest_profile(principal=principal, ports=ai_ports(self._c))

    async def ready_version(self, principal: Principal, content_id: uuid.UUID) -> ReadyVersion:
        return await library.get_ready_version(
            content_id, principal=principal, uow_factory=self._c.uow_factory()
        )
