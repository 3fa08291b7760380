"""Generate LinkedIn posts: several variants, each with a hook in the first ~210 characters, 3–5
hashtags, a call to action, a quality score that explains itself, and a moderation verdict; saved to
the library (ready when moderation passes, a draft saying why otherwise)."""

from __future__ import annotations

import asyncio
import uuid

import msgspec

from inergize.application.ai.context import writer_profile
from inergize.application.ai.deps import AiDeps
from inergize.application.ai.templates import POST_TYPES, post_request_parts, template_version
from inergize.application.ai.usage import ensure_text_within_budget, record_text_answer, timed_answer
from inergize.application.content import library as content_library
from inergize.application.content.moderation import banned_phrases_of, moderate
from inergize.domain.accounts.users import Principal
from inergize.domain.ai.generation import TextRequest
from inergize.domain.ai.post_quality import QualityScore, hashtags_of, hook_of, score_post
from inergize.domain.content.library import ContentKind, ModerationIssue, VersionState
from inergize.domain.content.moderation import TextField
from inergize.domain.platform.errors import ValidationFailed

MAX_VARIANTS = 5
OFFLINE_NOTICE = "Written by the offline template engine: no AI provider is configured or reachable."


class GeneratePosts(msgspec.Struct, frozen=True, kw_only=True):
    topic: str
    post_type: str = "story"
    variants: int = 1
    regenerate: bool = False  # skip the cache: a new answer for the same request
    industry: str | None = None
    tone: str | None = None
    save: bool = True


class PostVariant(msgspec.Struct, frozen=True, kw_only=True):
    text: str
    hook: str
    hashtags: tuple[str, ...]
    quality: QualityScore
    issues: tuple[ModerationIssue, ...]
    provider: str
    model: str
    offline: bool
    cached: bool
    attempts: tuple[str, ...]
    content_id: uuid.UUID | None = None
    state: str | None = None


class GeneratedPosts(msgspec.Struct, frozen=True, kw_only=True):
    variants: tuple[PostVariant, ...]
    template_version: str
    notice: str | None = None


def _check(cmd: GeneratePosts) -> None:
    if not cmd.topic.strip() or len(cmd.topic) > 300:
        raise ValidationFailed("Give a topic of 1–300 characters.", field="topic")
    if cmd.post_type not in POST_TYPES:
        raise ValidationFailed(f"post_type must be one of {', '.join(POST_TYPES)}.", field="postType")
    if not 1 <= cmd.variants <= MAX_VARIANTS:
        raise ValidationFailed(f"Ask for 1–{MAX_VARIANTS} variants.", field="variants")


async def generate_posts(cmd: GeneratePosts, *, principal: Principal, ports: AiDeps) -> GeneratedPosts:
    """Variants of a post on ``cmd.topic``. The first variant may come from the cache (unless
    ``regenerate``); extra variants are always fresh. Paid providers count against the budget."""
    _check(cmd)
    user_id = principal.user_id
    async with ports.uow_factory(read_only=True) as uow:
        profile = await writer_profile(uow, user_id, ports.past_posts, industry=cmd.industry, tone=cmd.tone)
        await ensure_text_within_budget(uow, user_id, ports)
        phrases = await banned_phrases_of(uow, user_id)
    requests = []
    for i in range(cmd.variants):
        parts = post_request_parts(profile, cmd.topic, cmd.post_type, i)
        requests.append(
            TextRequest(
                system=parts.system,
                prompt=parts.prompt,
                seed=parts.seed,
                max_tokens=900,
                temperature=0.7 if i == 0 else 0.9,
                cache_scope=str(user_id),
                fresh=cmd.regenerate or i > 0,
                context={"task": "post", "draft": parts.draft, "template_version": template_version()},
            )
        )
    answers = await asyncio.gather(*(timed_answer(ports.text, r) for r in requests))
    verdicts = [
        await moderate(a.text, TextField.POST, banned_phrases=phrases, moderator=ports.moderator)
        for a, _ in answers
    ]
    variants: list[PostVariant] = []
    async with ports.uow_factory() as uow:
        now = ports.clock.now()
        for (answer, latency), verdict in zip(answers, verdicts, strict=True):
            await record_text_answer(uow, user_id, answer, latency_ms=latency, now=now)
            content_id, state = None, None
            if cmd.save:
                hook = hook_of(answer.text)
                item = await content_library.add_content(
                    uow,
                    content_library.CreateContent(
                        kind=ContentKind.POST,
                        title=(hook[:117] + "…") if len(hook) > 120 else hook or cmd.topic,
                        body=answer.text,
                        data={"topic": cmd.topic, "postType": cmd.post_type},
                        provider=answer.provider,
                    ),
                    principal=principal,
                    clock=ports.clock,
                )
                state = await content_library.record_moderation(uow, item, verdict.issues)
                content_id = item.id
            variants.append(
                PostVariant(
                    text=answer.text,
                    hook=hook_of(answer.text),
                    hashtags=tuple(hashtags_of(answer.text)),
                    quality=score_post(answer.text),
                    issues=verdict.issues,
                    provider=answer.provider,
                    model=answer.model,
                    offline=answer.offline,
                    cached=answer.cached,
                    attempts=answer.attempts,
                    content_id=content_id,
                    state=state.value if isinstance(state, VersionState) else None,
                )
            )
        await uow.commit()
    notice = OFFLINE_NOTICE if any(v.offline for v in variants) else None
    return GeneratedPosts(variants=tuple(variants), template_version=template_version(), notice=notice)
