"""Request and response bodies of /v1/ai."""

from __future__ import annotations

import uuid
from typing import Any

from inergize.application.ai.banners import GeneratedBanner
from inergize.entrypoints.http.routes.content.schemas import IssueOut
from inergize.entrypoints.http.schemas import RequestBody, ResponseBody


class BrandIn(RequestBody, kw_only=True):
    primary: str = "#0A66C2"
    background: str = "#FFFFFF"
    text: str = "#1D2226"


class PostsIn(RequestBody, kw_only=True):
    topic: str
    post_type: str = "story"
    variants: int = 1
    regenerate: bool = False
    industry: str | None = None
    tone: str | None = None
    save: bool = True


class CarouselIn(RequestBody, kw_only=True):
    topic: str
    slides: int = 5
    industry: str | None = None
    tone: str | None = None
    brand: BrandIn | None = None
    regenerate: bool = False


class BannerIn(RequestBody, kw_only=True):
    headline: str | None = None
    subline: str | None = None
    topic: str = ""
    template: str = "gradient"
    brand: BrandIn | None = None
    ai_background: bool = False


class ProfileIn(RequestBody, kw_only=True):
    regenerate: bool = False


class PreferencesIn(RequestBody, kw_only=True):
    banned_phrases: list[str] = []
    brand: BrandIn | None = None


class JobOut(ResponseBody, kw_only=True):
    id: uuid.UUID
    kind: str
    status: str
    progress: int
    result: dict[str, Any]
    error: str | None
    links: dict[str, str]


class CriterionOut(ResponseBody, kw_only=True):
    name: str
    points: int
    max_points: int
    explanation: str


class QualityOut(ResponseBody, kw_only=True):
    score: int
    criteria: list[CriterionOut]


class PostVariantOut(ResponseBody, kw_only=True):
    text: str
    hook: str
    hashtags: list[str]
    quality: QualityOut
    issues: list[IssueOut]
    provider: str
    model: str
    offline: bool
    cached: bool
    attempts: list[str]
    content_id: uuid.UUID | None = None
    state: str | None = None


class GeneratedPostsOut(ResponseBody, kw_only=True):
    variants: list[PostVariantOut]
    template_version: str
    notice: str | None = None


class BannerLinksOut(ResponseBody, kw_only=True):
    content: str
    file: str


class BannerOut(ResponseBody, kw_only=True):
    content_id: uuid.UUID
    blob_key: str
    width: int
    height: int
    headline: str
    subline: str
    state: str
    issues: list[IssueOut]
    provider: str
    background_provider: str | None
    offline: bool
    links: BannerLinksOut


def banner_out(banner: GeneratedBanner) -> BannerOut:
    """The banner with links to its library item and its file."""
    return BannerOut(
        content_id=banner.content_id, blob_key=banner.blob_key, width=banner.width, height=banner.height,
        headline=banner.headline, subline=banner.subline, state=banner.state,
        issues=[IssueOut(code=i.code, detail=i.detail) for i in banner.issues], provider=banner.provider,
        background_provider=banner.background_provider, offline=banner.offline,
        links=BannerLinksOut(content=f"/v1/content/{banner.content_id}",
                             file=f"/v1/content/{banner.content_id}/file"),
    )


class RoadmapStepOut(ResponseBody, kw_only=True):
    key: str
    label: str
    gain: int
    action: str


class ProfileSuggestionsOut(ResponseBody, kw_only=True):
    headline: str
    about: str
    skills: list[str]
    issues: list[IssueOut]
    completeness: int | None
    roadmap: list[RoadmapStepOut]
    based_on: str
    provider: str
    offline: bool
    attempts: list[str]


class TemplateOptionOut(ResponseBody, kw_only=True):
    key: str
    label: str
    description: str = ""


class TextLimitsOut(ResponseBody, kw_only=True):
    """LinkedIn's limits in characters (Unicode code points), as moderation applies them."""

    post: int
    headline: int
    about: int
    skills: int
    banner: int


class TemplatesOut(ResponseBody, kw_only=True):
    version: str
    post_types: list[TemplateOptionOut]
    industries: list[TemplateOptionOut]
    banner_templates: list[str]
    limits: TextLimitsOut
    your_industry: str


class UsageLineOut(ResponseBody, kw_only=True):
    provider: str
    model: str
    calls: int
    tokens_in: int
    tokens_out: int
    cost_usd: float


class UsageOut(ResponseBody, kw_only=True):
    """This month's AI spend (``month`` is YYYY-MM) against the budget, by provider and model."""

    month: str
    cost_usd: float
    budget_usd: float
    remaining_usd: float
    lines: list[UsageLineOut]
    cache_hit_rate: float | None  # share of this month's text answers the response cache gave


class PreferencesOut(ResponseBody, kw_only=True):
    """Phrases moderation blocks for you, and brand colours (primary, background, text) for documents."""

    user_id: uuid.UUID
    banned_phrases: list[str]
    brand_colors: list[str]
