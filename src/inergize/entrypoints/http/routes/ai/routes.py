"""/v1/ai: generate posts, carousels (as jobs), banners and profile suggestions; usage and preferences."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Request, Response, get, post, put

from inergize.application.ai import (
    banners as ai_banners,
)
from inergize.application.ai import (
    carousels as ai_carousels,
)
from inergize.application.ai import (
    posts as ai_posts,
)
from inergize.application.ai import (
    profile as ai_profile,
)
from inergize.application.ai import (
    usage as ai_usage,
)
from inergize.application.ai.catalogue import catalogue
from inergize.application.content import preferences as prefs_uc
from inergize.domain.accounts.users import Principal
from inergize.domain.ai.generation import AiJob
from inergize.domain.content.documents import Brand
from inergize.entrypoints.http.auth import USER
from inergize.entrypoints.http.conventions import IDEMPOTENT, idempotent
from inergize.entrypoints.http.deps import AiDeps
from inergize.entrypoints.http.routes.ai.schemas import (
    BannerIn,
    BannerOut,
    BrandIn,
    CarouselIn,
    GeneratedPostsOut,
    JobOut,
    PostsIn,
    PreferencesIn,
    PreferencesOut,
    ProfileIn,
    ProfileSuggestionsOut,
    TemplatesOut,
    UsageOut,
    banner_out,
)
from inergize.entrypoints.http.schemas import body_of, command_of


def _brand(b: BrandIn | None) -> Brand | None:
    return Brand(primary=b.primary, background=b.background, text=b.text) if b else None


def job_out(job: AiJob) -> JobOut:
    links = {"self": f"/v1/ai/jobs/{job.id}"}
    if job.result.get("contentId"):
        links["content"] = f"/v1/content/{job.result['contentId']}"
        links["file"] = f"/v1/content/{job.result['contentId']}/file"
    return JobOut(
        id=job.id,
        kind=job.kind,
        status=job.status.value,
        progress=job.progress,
        result=job.result,
        error=job.error,
        links=links,
    )


@get("/v1/ai/templates", opt=USER)
async def templates(ai: AiDeps, principal: Principal) -> TemplatesOut:
    """The post templates, industries and banner layouts the generators take, LinkedIn's length limits,
    and the industry that fits your account."""
    result = await catalogue(principal=principal, uow_factory=ai.uow_factory)
    return body_of(result, TemplatesOut)


@post("/v1/ai/posts", opt=USER | IDEMPOTENT, status_code=200)
async def generate_posts(
    request: Request[Any, Any, Any], ai: AiDeps, data: PostsIn, principal: Principal
) -> Response[GeneratedPostsOut]:
    """Post variants with quality scores and moderation; ``provider`` says who wrote each one."""

    async def create() -> tuple[int, Any, dict[str, str]]:
        result = await ai_posts.generate_posts(
            command_of(data, ai_posts.GeneratePosts), principal=principal, ports=ai
        )
        return 200, body_of(result, GeneratedPostsOut), {}

    return await idempotent(request, principal, create)


@post("/v1/ai/carousels", opt=USER | IDEMPOTENT, status_code=202)
async def generate_carousel(
    request: Request[Any, Any, Any], ai: AiDeps, data: CarouselIn, principal: Principal
) -> Response[JobOut]:
    """Queue a carousel PDF; 202 with the job to poll (``Location``)."""

    async def create() -> tuple[int, Any, dict[str, str]]:
        job = await ai_carousels.request_carousel(
            command_of(data, ai_carousels.GenerateCarousel), principal=principal, ports=ai
        )
        return 202, job_out(job), {"Location": f"/v1/ai/jobs/{job.id}"}

    return await idempotent(request, principal, create)


@get("/v1/ai/jobs/{job_id:uuid}", opt=USER)
async def get_job(ai: AiDeps, job_id: uuid.UUID, principal: Principal) -> JobOut:
    job = await ai_carousels.get_job(job_id, principal=principal, ports=ai)
    return job_out(job)


@post("/v1/ai/banners", opt=USER | IDEMPOTENT)
async def generate_banner(
    request: Request[Any, Any, Any], ai: AiDeps, data: BannerIn, principal: Principal
) -> Response[BannerOut]:
    """A 1584×396 PNG banner, stored in the library (``Location``) with its file at ``…/file``."""

    async def create() -> tuple[int, Any, dict[str, str]]:
        banner = await ai_banners.generate_banner(
            command_of(data, ai_banners.GenerateBanner), principal=principal, ports=ai
        )
        return 201, banner_out(banner), {"Location": f"/v1/content/{banner.content_id}"}

    return await idempotent(request, principal, create)


@post("/v1/ai/profile-suggestions", opt=USER, status_code=200)
async def suggest_profile(ai: AiDeps, data: ProfileIn, principal: Principal) -> ProfileSuggestionsOut:
    """A headline, an About text and skills within LinkedIn's limits, from your profile and its gaps."""
    result = await ai_profile.suggest_profile(principal=principal, ports=ai, regenerate=data.regenerate)
    return body_of(result, ProfileSuggestionsOut)


@get("/v1/ai/usage", opt=USER)
async def usage(ai: AiDeps, principal: Principal) -> UsageOut:
    """This month's AI spend by provider and model, the budget left, and your response-cache hit rate."""
    result = await ai_usage.monthly_usage(
        principal=principal,
        uow_factory=ai.uow_factory,
        clock=ai.clock,
        monthly_budget_usd=ai.monthly_budget_usd,
    )
    return body_of(result, UsageOut)


@get("/v1/ai/preferences", opt=USER)
async def get_preferences(ai: AiDeps, principal: Principal) -> PreferencesOut:
    prefs = await prefs_uc.get_preferences(principal=principal, uow_factory=ai.uow_factory)
    return body_of(prefs, PreferencesOut)


@put("/v1/ai/preferences", opt=USER)
async def put_preferences(ai: AiDeps, data: PreferencesIn, principal: Principal) -> PreferencesOut:
    prefs = await prefs_uc.set_preferences(
        prefs_uc.SetPreferences(banned_phrases=tuple(data.banned_phrases), brand=_brand(data.brand)),
        principal=principal,
        uow_factory=ai.uow_factory,
        clock=ai.clock,
    )
    return body_of(prefs, PreferencesOut)


ROUTES = [
    templates,
    generate_posts,
    generate_carousel,
    get_job,
    generate_banner,
    suggest_profile,
    usage,
    get_preferences,
    put_preferences,
]
