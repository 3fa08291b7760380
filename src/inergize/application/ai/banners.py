"""Profile banners: 1584×396 PNGs from templates in the brand colours, with a tagline the user gives or
the text chain writes, optionally over a generated background (DALL·E when configured, else the
offline renderer). Short enough to answer directly; rendering runs off the event loop."""

from __future__ import annotations

import uuid

import msgspec

from inergize.application.ai.context import writer_profile
from inergize.application.ai.deps import AiDeps
from inergize.application.ai.json_answers import parsed_or_draft
from inergize.application.ai.templates import WriterProfile, industries, task_request_parts
from inergize.application.ai.usage import ensure_within_budget, record_call, record_text_answer, timed_answer
from inergize.application.content import library
from inergize.application.content.moderation import moderate_content
from inergize.domain.accounts.users import Principal
from inergize.domain.ai.generation import Capability, ImageRequest
from inergize.domain.content.documents import BANNER_SIZE, BANNER_TEMPLATES, BannerSpec, Brand
from inergize.domain.content.library import ContentKind, ModerationIssue
from inergize.domain.platform.errors import ValidationFailed


class GenerateBanner(msgspec.Struct, frozen=True, kw_only=True):
    headline: str | None = None  # written by the text chain when omitted
    subline: str | None = None
    topic: str = ""
    template: str = "gradient"
    brand: Brand | None = None
    ai_background: bool = False


class GeneratedBanner(msgspec.Struct, frozen=True, kw_only=True):
    content_id: uuid.UUID
    blob_key: str
    width: int
    height: int
    headline: str
    subline: str
    state: str
    issues: tuple[ModerationIssue, ...]
    provider: str  # who wrote the tagline ("user" when given)
    background_provider: str | None
    offline: bool


def _valid(obj: dict[str, object]) -> bool:
    return isinstance(obj.get("headline"), str) and bool(str(obj["headline"]).strip())


async def generate_banner(cmd: GenerateBanner, *, principal: Principal, ports: AiDeps) -> GeneratedBanner:
    if cmd.template not in BANNER_TEMPLATES:
        raise ValidationFailed(f"template must be one of {', '.join(BANNER_TEMPLATES)}.", field="template")
    if cmd.headline is not None and not 1 <= len(cmd.headline.strip()) <= 80:
        raise ValidationFailed("A banner headline has 1–80 characters.", field="headline")
    user_id = principal.user_id
    async with ports.uow_factory(read_only=True) as uow:
        profile = await writer_profile(uow, user_id, ports.past_posts)
        prefs = await uow.content_preferences.get(user_id)
        paid = (ports.text.paid and cmd.headline is None) or (ports.images.paid and cmd.ai_background)
        await ensure_within_budget(
            uow, user_id, paid=paid, now=ports.clock.now(), monthly_budget_usd=ports.monthly_budget_usd
        )
    topic = cmd.topic.strip() or profile.role
    headline, subline, provider, answer, latency = cmd.headline, cmd.subline or "", "user", None, 0
    if headline is None:
        parts = task_request_parts("banner", profile, topic)
        ind = industries()[profile.industry]
        # A known role makes the headline; without one the topic does (a bare "Professional" says nothing).
        lead = profile.role if profile.role != WriterProfile().role else topic
        draft = {
            "headline": f"{lead[:1].upper()}{lead[1:]}"[:60],
            "subline": f"Helping {ind['audience']} with {topic}"[:90],
        }
        answer, latency = await timed_answer(ports.text, parts.text_request(
            "banner", draft, cache_scope=str(user_id), max_tokens=200
        ))
        obj, answer = parsed_or_draft(answer, draft, _valid)
        headline, subline = str(obj["headline"])[:80], cmd.subline or str(obj.get("subline", ""))[:120]
        provider = answer.provider
    brand = cmd.brand or (
        Brand(primary=prefs.brand_colors[0], background=prefs.brand_colors[1], text=prefs.brand_colors[2])
        if prefs and len(prefs.brand_colors) >= 3
        else Brand()
    )
    background, image = None, None
    if cmd.ai_background:
        parts = task_request_parts("banner_background", profile, topic, colors=f"{brand.primary} and white")
        image = await ports.images.generate(
            ImageRequest(
                prompt=parts.prompt, width=BANNER_SIZE[0], height=BANNER_SIZE[1], seed=parts.seed
            )
        )
        background = image.png
    png = await ports.banners.render(
        BannerSpec(headline=headline, subline=subline, template=cmd.template, brand=brand), background
    )
    content_id = uuid.uuid4()
    key = f"users/{user_id}/banners/{content_id}.png"
    await ports.blobs.put(key, png, content_type="image/png")
    data = {
        "headline": headline,
        "subline": subline,
        "template": cmd.template,
        "size": list(BANNER_SIZE),
        "brand": msgspec.to_builtins(brand),
    }
    async with ports.uow_factory() as uow:
        now = ports.clock.now()
        item = await library.add_content(
            uow,
            library.CreateContent(
                kind=ContentKind.BANNER,
                title=headline[:200],
                body="",
                data=data,
                media=(key,),
                provider=provider,
            ),
            principal=principal,
            clock=ports.clock,
        )
        verdict = await moderate_content(
            uow, user_id, ContentKind.BANNER, headline, "", data, moderator=ports.moderator
        )
        state = await library.record_moderation(uow, item, verdict.issues)
        if answer is not None:
            await record_text_answer(uow, user_id, answer, latency_ms=latency, now=now)
        if image is not None:
            await record_call(
                uow,
                user_id,
                Capability.IMAGE,
                provider=image.provider,
                model=image.model,
                tokens_in=0,
                tokens_out=0,
                latency_ms=0,
                now=now,
                attempts=image.attempts,
                images=1,
            )
        await uow.commit()
    return GeneratedBanner(
        content_id=item.id,
        blob_key=key,
        width=BANNER_SIZE[0],
        height=BANNER_SIZE[1],
        headline=headline,
        subline=subline,
        state=state.value,
        issues=verdict.issues,
        provider=provider,
        background_provider=image.provider if image else None,
        offline=provider == "offline" or (image is not None and image.provider == "offline"),
    )
