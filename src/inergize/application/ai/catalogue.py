"""What the generators offer, for a client to build its forms from: the post templates, the industries,
the banner layouts, LinkedIn's length limits, and the industry that fits the caller's account."""

from __future__ import annotations

import msgspec

from inergize.application.ai.context import linkedin_profile
from inergize.application.ai.profile import MAX_SKILLS
from inergize.application.ai.templates import industries, industry_key, load, template_version
from inergize.domain.accounts.users import Principal
from inergize.domain.content.documents import BANNER_TEMPLATES
from inergize.domain.content.moderation import LIMITS, TextField
from inergize.ports.unit_of_work import UnitOfWorkFactory


class TemplateOption(msgspec.Struct, frozen=True, kw_only=True):
    key: str
    label: str
    description: str = ""


class TextLimits(msgspec.Struct, frozen=True, kw_only=True):
    post: int
    headline: int
    about: int
    skills: int  # the most skills one suggestion proposes
    banner: int


class Catalogue(msgspec.Struct, frozen=True, kw_only=True):
    version: str
    post_types: tuple[TemplateOption, ...]
    industries: tuple[TemplateOption, ...]
    banner_templates: tuple[str, ...]
    limits: TextLimits
    your_industry: str  # the key that fits the caller's account (or synced profile)


def _sentence(label: str) -> str:
    return label[:1].upper() + label[1:]


async def catalogue(*, principal: Principal, uow_factory: UnitOfWorkFactory) -> Catalogue:
    """The template catalogue, with the industry the caller's account or LinkedIn profile names."""
    async with uow_factory(read_only=True) as uow:
        user = await uow.users.get(principal.user_id)
        profile = await linkedin_profile(uow, principal.user_id)
    raw = (user.industry if user else None) or (profile.industry if profile else None)
    types = load("post_types")["types"]
    return Catalogue(
        version=template_version(),
        post_types=tuple(
            TemplateOption(key=k, label=_sentence(str(v["label"])), description=str(v.get("instructions", "")))
            for k, v in types.items()
        ),
        industries=tuple(TemplateOption(key=k, label=_sentence(str(v["label"]))) for k, v in industries().items()),
        banner_templates=tuple(BANNER_TEMPLATES),
        limits=TextLimits(
            post=LIMITS[TextField.POST],
            headline=LIMITS[TextField.HEADLINE],
            about=LIMITS[TextField.ABOUT],
            skills=MAX_SKILLS,
            banner=LIMITS[TextField.BANNER],
        ),
        your_industry=industry_key(raw),
    )
