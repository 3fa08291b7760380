"""Profile suggestions: headline, About and skills proposals within LinkedIn's limits, from the synced
profile and its completeness roadmap. Without a synced profile they start from the account (role,
industry) and say so."""

from __future__ import annotations

import msgspec

from inergize.application.ai.context import linkedin_profile, writer_profile
from inergize.application.ai.deps import AiDeps
from inergize.application.ai.json_answers import parsed_or_draft
from inergize.application.ai.templates import WriterProfile, industries, task_request_parts
from inergize.application.ai.usage import ensure_text_within_budget, record_text_answer, timed_answer
from inergize.application.content.moderation import banned_phrases_of, moderate
from inergize.domain.accounts.users import Principal
from inergize.domain.content.library import ModerationIssue
from inergize.domain.content.moderation import LIMITS, TextField
from inergize.domain.linkedin.profile_score import score_profile

MAX_SKILLS = 15


class RoadmapStep(msgspec.Struct, frozen=True, kw_only=True):
    key: str
    label: str
    gain: int
    action: str


class ProfileSuggestions(msgspec.Struct, frozen=True, kw_only=True):
    headline: str
    about: str
    skills: tuple[str, ...]
    issues: tuple[ModerationIssue, ...]
    completeness: int | None  # the synced profile's score; None without a synced profile
    roadmap: tuple[RoadmapStep, ...]
    based_on: str  # "linkedin_profile" | "account"
    provider: str
    offline: bool
    attempts: tuple[str, ...]


def offline_proposal(profile: WriterProfile, current_skills: list[str]) -> dict[str, object]:
    """The template engine's proposal from the role and industry."""
    ind = industries()[profile.industry]
    role = profile.role[:1].upper() + profile.role[1:]
    headline = f"{role} | Helping {ind['audience']} turn {ind['pains'][0]} into results"
    about = "\n\n".join(
        [
            f"I'm a {profile.role} in {ind['label']}. I help {ind['audience']} move past {ind['pains'][0]} "
            f"and {ind['pains'][1]}.",
            f"What I bring: a practical approach where {ind['lessons'][0]} "
            f"Recent work: {ind['wins'][0]}, and {ind['wins'][1]}.",
            f"What I believe: {ind['lessons'][1][:1].upper()}{ind['lessons'][1][1:]}",
            "If that resonates, send me a message here on LinkedIn; I'm always happy to compare notes.",
        ]
    )
    suggested = [t.lstrip("#") for t in ind["hashtags"]]
    skills = list(
        dict.fromkeys([*current_skills, *suggested, "Communication", "Leadership", "Problem Solving"])
    )
    return {"headline": headline, "about": about, "skills": skills[:MAX_SKILLS]}


def _valid(obj: dict[str, object]) -> bool:
    return (
        isinstance(obj.get("headline"), str)
        and isinstance(obj.get("about"), str)
        and isinstance(obj.get("skills"), list)
    )


def _clip(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut at a word boundary."""
    text = text.strip()
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:|-")


async def suggest_profile(
    *, principal: Principal, ports: AiDeps, regenerate: bool = False
) -> ProfileSuggestions:
    user_id = principal.user_id
    async with ports.uow_factory(read_only=True) as uow:
        profile = await writer_profile(uow, user_id, ports.past_posts)
        synced = await linkedin_profile(uow, user_id)
        phrases = await banned_phrases_of(uow, user_id)
        await ensure_text_within_budget(uow, user_id, ports)
    score = score_profile(synced) if synced is not None else None
    roadmap = tuple(
        RoadmapStep(key=c.key, label=c.label, gain=c.weight, action=c.action)
        for c in (score.roadmap if score else ())
    )
    current_skills = list(synced.skills) if synced else []
    parts = task_request_parts(
        "profile",
        profile,
        profile.role,
        headline=(synced.headline if synced else "") or "(none)",
        about=((synced.summary if synced else "") or "(none)")[:2600],
        skills=", ".join(current_skills) or "(none)",
        gaps="; ".join(f"{s.label}: {s.action}" for s in roadmap[:5]) or "unknown (no synced profile)",
    )
    draft = offline_proposal(profile, current_skills)
    answer, latency = await timed_answer(ports.text, parts.text_request(
        "profile", draft, cache_scope=str(user_id), max_tokens=1400, temperature=0.6, fresh=regenerate
    ))
    obj, answer = parsed_or_draft(answer, draft, _valid)
    headline = _clip(str(obj["headline"]), LIMITS[TextField.HEADLINE])
    about = _clip(str(obj["about"]), LIMITS[TextField.ABOUT])
    skills = tuple(dict.fromkeys(str(s).strip()[:80] for s in obj["skills"] if str(s).strip()))[:MAX_SKILLS]
    issues = (
        *(
            await moderate(headline, TextField.HEADLINE, banned_phrases=phrases, moderator=ports.moderator)
        ).issues,
        *(await moderate(about, TextField.ABOUT, banned_phrases=phrases, moderator=ports.moderator)).issues,
    )
    async with ports.uow_factory() as uow:
        await record_text_answer(uow, user_id, answer, latency_ms=latency, now=ports.clock.now())
        await uow.commit()
    return ProfileSuggestions(
        headline=headline,
        about=about,
        skills=skills,
        issues=issues,
        completeness=score.score if score else None,
        roadmap=roadmap,
        based_on="linkedin_profile" if synced is not None else "account",
        provider=answer.provider,
        offline=answer.offline,
        attempts=answer.attempts,
    )
