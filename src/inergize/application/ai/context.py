"""What the AI use cases need, bundled once per request or job: ports and a few settings."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from inergize.application.ai.templates import WriterProfile, industry_key
from inergize.domain.ai.voice import learn_voice
from inergize.domain.linkedin.account import LinkedInProfile
from inergize.domain.platform.errors import NotFound
from inergize.ports.ai import ImageGenerator, TextGenerator
from inergize.ports.blob_store import BlobStore
from inergize.ports.clock import Clock
from inergize.ports.moderator import Moderator
from inergize.ports.past_posts import PastPosts
from inergize.ports.renderers import BannerRenderer, CarouselRenderer
from inergize.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True, kw_only=True)
class AiPorts:
    uow_factory: UnitOfWorkFactory
    clock: Clock
    text: TextGenerator
    images: ImageGenerator
    moderator: Moderator | None
    past_posts: PastPosts
    blobs: BlobStore
    carousels: CarouselRenderer
    banners: BannerRenderer
    monthly_budget_usd: float = 5.0


async def linkedin_profile(uow: UnitOfWork, user_id: uuid.UUID) -> LinkedInProfile | None:
    """The synced LinkedIn profile, or None when the user has not connected or imported one."""
    return await uow.linkedin.get_profile(user_id)


async def writer_profile(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    past_posts: PastPosts,
    *,
    industry: str | None = None,
    tone: str | None = None,
) -> WriterProfile:
    """The author: name, role, industry and tone from the account (request values win), the synced
    LinkedIn profile when there is one, and the voice learned from past posts."""
    user = await uow.users.get(user_id)
    if user is None:
        raise NotFound("No such user.")
    profile = await linkedin_profile(uow, user_id)
    headline = profile.headline if profile else ""
    role = user.job_role or headline.split("|")[0].strip() or "professional"
    raw_industry = industry or user.industry or (profile.industry if profile else None)
    voice = learn_voice(await past_posts.texts(user_id, limit=30))
    return WriterProfile(
        name=user.display_name or (profile.full_name if profile else "") or "the author",
        role=role[:100],
        industry=industry_key(raw_industry),
        tone=tone or user.tone or WriterProfile().tone,
        voice=voice,
    )
