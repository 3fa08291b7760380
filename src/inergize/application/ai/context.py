"""Who the AI writes for: the author's profile and voice, read from the account and LinkedIn."""

from __future__ import annotations

import uuid

from inergize.application.ai.templates import WriterProfile, industry_key
from inergize.domain.ai.voice import learn_voice
from inergize.domain.linkedin.account import LinkedInProfile
from inergize.domain.platform.errors import NotFound
from inergize.ports.past_posts import PastPosts
from inergize.ports.unit_of_work import UnitOfWork


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
