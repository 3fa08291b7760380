"""Carousels: a plan (title, content slides, closing, caption) from the text chain, rendered to a
LinkedIn-ready PDF (1080×1350 pages) off the event loop, stored in the BlobStore and the library.

It runs as a job through the outbox (``ai.render_carousel``): the request answers at once with a job the client
polls for progress; the job is idempotent (a finished job is not run again; a crashed one starts over
and overwrites the same blob key)."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec

from inergize.application.ai.context import writer_profile
from inergize.application.ai.deps import AiDeps
from inergize.application.ai.json_answers import parsed_or_draft
from inergize.application.ai.templates import WriterProfile, industries, pick_hashtags, task_request_parts
from inergize.application.ai.usage import ensure_within_budget, record_text_answer, timed_answer
from inergize.application.content import library as content_library
from inergize.application.content.moderation import moderate_content
from inergize.domain.accounts.users import Principal
from inergize.domain.ai.generation import AiJob, JobStatus
from inergize.domain.content.documents import Brand, CarouselDeck, Slide
from inergize.domain.content.library import ContentKind
from inergize.domain.platform.errors import InergizeError, NotFound, ValidationFailed

CAROUSEL_JOB = "ai.render_carousel"


class GenerateCarousel(msgspec.Struct, frozen=True, kw_only=True):
    topic: str
    slides: int = 5
    industry: str | None = None
    tone: str | None = None
    brand: Brand | None = None
    regenerate: bool = False


def offline_plan(profile: WriterProfile, topic: str, n: int, facts: dict[str, Any]) -> dict[str, Any]:
    """The template engine's carousel: a problem, steps drawn from the industry, a lesson, a call."""
    ind = industries()[profile.industry]
    steps = [
        ("The problem", f"Most {ind['audience']} know this one: {facts['pain']}."),
        ("Why it happens", "Too many priorities, too little feedback, and nobody owns the outcome."),
        ("Step 1: name one goal", "Write down the single result that matters and how you will measure it."),
        ("Step 2: start small", "Run a two-week experiment with one team before changing everything."),
        ("Step 3: review honestly", "Keep what worked, drop what did not, and write the decision down."),
        ("What changed", f"When we did this, {facts['win']}."),
        ("The lesson", str(facts["lesson"]).capitalize()),
        ("Common mistake", "Copying someone else's playbook without checking it fits your context."),
        ("Make it stick", "Turn the new way into the default: templates, checklists, calendar slots."),
        ("Measure again", "Check the number you chose after a month, and share it with the team."),
    ]
    slides = [{"title": t, "body": b} for t, b in (steps * 2)[:n]]
    tags = " ".join(pick_hashtags(topic, ind, profile.voice, 0))
    return {
        "title": f"{topic.strip()[:1].upper()}{topic.strip()[1:]}: a practical guide",
        "subtitle": f"For {ind['audience']}",
        "slides": slides,
        "closing": f"Found this useful? Share it with someone working on {topic.strip()}.",
        "caption": f"A short guide to {topic.strip()}, slide by slide.\n\nWhich step would you add?"
        f"\n\n{tags}",
    }


def _valid(obj: dict[str, Any]) -> bool:
    slides = obj.get("slides")
    return (
        isinstance(obj.get("title"), str)
        and isinstance(slides, list)
        and 1 <= len(slides) <= 12
        and all(isinstance(s, dict) and isinstance(s.get("title"), str) for s in slides)
    )


async def request_carousel(cmd: GenerateCarousel, *, principal: Principal, ports: AiDeps) -> AiJob:
    """Queue a carousel job for the principal; the client polls :func:`get_job`."""
    if not cmd.topic.strip() or len(cmd.topic) > 300:
        raise ValidationFailed("Give a topic of 1–300 characters.", field="topic")
    if not 3 <= cmd.slides <= 10:
        raise ValidationFailed("A carousel has 3–10 content slides.", field="slides")
    now = ports.clock.now()
    job = AiJob(
        id=uuid.uuid4(),
        user_id=principal.user_id,
        kind="carousel",
        params=msgspec.to_builtins(cmd),
        created_at=now,
        updated_at=now,
    )
    async with ports.uow_factory() as uow:
        await ensure_within_budget(
            uow, principal.user_id, paid=ports.text.paid, now=now, monthly_budget_usd=ports.monthly_budget_usd
        )
        await uow.ai_jobs.add(job)
        uow.jobs.enqueue(CAROUSEL_JOB, job_id=str(job.id))
        await uow.commit()
    return job


async def get_job(job_id: uuid.UUID, *, principal: Principal, ports: AiDeps) -> AiJob:
    async with ports.uow_factory(read_only=True) as uow:
        job = await uow.ai_jobs.get(job_id)
    if job is None or not principal.may_act_for(job.user_id):
        raise NotFound("No such job.")
    return job


async def _progress(ports: AiDeps, job: AiJob, **changes: Any) -> AiJob:
    job = msgspec.structs.replace(job, updated_at=ports.clock.now(), **changes)
    async with ports.uow_factory() as uow:
        await uow.ai_jobs.update(job)
        await uow.commit()
    return job


async def run_carousel_job(job_id: uuid.UUID, *, ports: AiDeps) -> None:
    """Plan, moderate, render and store the carousel of job ``job_id``; a no-op once it finished."""
    async with ports.uow_factory(read_only=True) as uow:
        job = await uow.ai_jobs.get(job_id)
    if job is None or job.status in (JobStatus.DONE, JobStatus.FAILED):
        return
    cmd = msgspec.convert(job.params, GenerateCarousel)
    principal = Principal(job.user_id)
    job = await _progress(ports, job, status=JobStatus.RUNNING, progress=10)
    try:
        await _run(job, cmd, principal, ports)
    except InergizeError as exc:  # a definite answer (budget, no provider, invalid plan): tell the client
        await _progress(ports, job, status=JobStatus.FAILED, error=exc.detail)


async def _run(job: AiJob, cmd: GenerateCarousel, principal: Principal, ports: AiDeps) -> None:
    async with ports.uow_factory(read_only=True) as uow:
        profile = await writer_profile(
            uow, job.user_id, ports.past_posts, industry=cmd.industry, tone=cmd.tone
        )
        prefs = await uow.content_preferences.get(job.user_id)
    parts = task_request_parts("carousel", profile, cmd.topic, slides=cmd.slides)
    draft = offline_plan(profile, cmd.topic, cmd.slides, parts.facts)
    answer, latency = await timed_answer(ports.text, parts.text_request(
        "carousel", draft, cache_scope=str(job.user_id), max_tokens=1800, temperature=0.6, fresh=cmd.regenerate
    ))
    plan, answer = parsed_or_draft(answer, draft, _valid)
    job = await _progress(ports, job, progress=50)
    brand = cmd.brand or (
        Brand(primary=prefs.brand_colors[0], background=prefs.brand_colors[1], text=prefs.brand_colors[2])
        if prefs and len(prefs.brand_colors) >= 3
        else Brand()
    )
    slides = tuple(
        Slide(title=str(s.get("title", ""))[:120], body=str(s.get("body", ""))[:600]) for s in plan["slides"]
    )
    deck = CarouselDeck(
        title=str(plan["title"])[:160],
        subtitle=str(plan.get("subtitle", ""))[:200],
        slides=slides,
        closing=str(plan.get("closing", ""))[:200],
        author=profile.name,
        brand=brand,
    )
    pdf = await ports.carousels.render(deck)
    key = f"users/{job.user_id}/carousels/{job.id}.pdf"
    await ports.blobs.put(key, pdf, content_type="application/pdf")
    job = await _progress(ports, job, progress=80)
    data = {
        "topic": cmd.topic,
        "slides": [msgspec.to_builtins(s) for s in slides],
        "closing": deck.closing,
        "subtitle": deck.subtitle,
        "pages": deck.page_count,
        "brand": msgspec.to_builtins(brand),
        "jobId": str(job.id),
    }
    caption = str(plan.get("caption", ""))[:3000]
    async with ports.uow_factory() as uow:
        item = await content_library.add_content(
            uow,
            content_library.CreateContent(
                kind=ContentKind.CAROUSEL,
                title=deck.title,
                body=caption,
                data=data,
                media=(key,),
                provider=answer.provider,
            ),
            principal=principal,
            clock=ports.clock,
        )
        verdict = await moderate_content(
            uow, job.user_id, ContentKind.CAROUSEL, deck.title, caption, data, moderator=ports.moderator
        )
        state = await content_library.record_moderation(uow, item, verdict.issues)
        await record_text_answer(uow, job.user_id, answer, latency_ms=latency, now=ports.clock.now())
        await uow.ai_jobs.update(
            msgspec.structs.replace(
                job,
                status=JobStatus.DONE,
                progress=100,
                updated_at=ports.clock.now(),
                result={
                    "contentId": str(item.id),
                    "blobKey": key,
                    "pages": deck.page_count,
                    "state": state.value,
                    "provider": answer.provider,
                    "offline": answer.offline,
                    "attempts": list(answer.attempts),
                    "issues": [msgspec.to_builtins(i) for i in verdict.issues],
                },
            )
        )
        await uow.commit()
