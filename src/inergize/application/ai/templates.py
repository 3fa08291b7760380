"""Prompt and industry templates: versioned data files in ``application/data/templates``, filled from
the user's profile and preferences (tone, industry, role) and voice.

Every rendered request carries the template versions in its system prompt, so a template change never
serves an answer cached for the old one. The same templates drive the offline engine: the request's
``context["draft"]`` is the deterministic template-and-rule text the offline provider answers with."""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from importlib import resources
from typing import Any

import msgspec

from inergize.domain.ai.generation import TextRequest
from inergize.domain.ai.post_quality import hashtags_of
from inergize.domain.ai.voice import Voice

POST_TYPES = ("story", "how_to", "listicle", "contrarian", "announcement")


class WriterProfile(msgspec.Struct, frozen=True, kw_only=True):
    """Who the text is written for and as."""

    name: str = "the author"
    role: str = "professional"
    industry: str = "general"  # a key of industries.json (see :func:`industry_key`)
    tone: str = "friendly, confident and practical"
    voice: Voice = msgspec.field(default_factory=Voice)


class _Safe(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@cache
def load(name: str) -> dict[str, Any]:
    """A template file (``prompts``, ``post_types``, ``industries``) as parsed JSON."""
    raw = resources.files("inergize.application").joinpath(f"data/templates/{name}.json").read_text("utf-8")
    return dict(json.loads(raw))


def industries() -> dict[str, dict[str, Any]]:
    return dict(load("industries")["industries"])


def industry_key(free_text: str | None) -> str:
    """The template industry closest to a user's free-text industry ("Computer Software" → software)."""
    if not free_text:
        return str(load("industries")["default"])
    wanted = free_text.strip().lower().replace("-", " ")
    table = industries()
    if wanted.replace(" ", "_") in table:
        return wanted.replace(" ", "_")
    given = set(re.findall(r"\w+", wanted))
    for key, spec in table.items():
        if given & set(spec.get("keywords", ())):
            return key
    return str(load("industries")["default"])


def template_version() -> str:
    return "/".join(str(load(n)["version"]) for n in ("prompts", "post_types", "industries"))


def _seed(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256("|".join(map(str, parts)).encode()).digest()[:4], "big")


def _pick(options: list[str], seed: int, offset: int = 0) -> str:
    return options[(seed + offset) % len(options)]


def topic_hashtag(topic: str) -> str:
    words = [w for w in re.findall(r"[^\W_]+", topic) if len(w) > 2][:3]
    return "#" + "".join(w[:1].upper() + w[1:] for w in words) if words else ""


def pick_hashtags(topic: str, industry: dict[str, Any], voice: Voice, seed: int) -> list[str]:
    """3–5 hashtags: the topic's own, the user's favourites, then the industry's."""
    pool = [topic_hashtag(topic), *voice.favourite_hashtags[:2], *industry["hashtags"]]
    chosen: list[str] = []
    for tag in pool:
        if tag and tag.lower() not in {t.lower() for t in chosen}:
            chosen.append(tag)
    return chosen[: 3 + seed % 3]


def _facts(profile: WriterProfile, topic: str, seed: int) -> dict[str, Any]:
    ind = industries()[profile.industry]
    return {
        "topic": topic.strip(),
        "audience": ind["audience"],
        "industry_label": ind["label"],
        "role": profile.role,
        "name": profile.name,
        "tone": profile.tone,
        "pain": _pick(ind["pains"], seed),
        "win": _pick(ind["wins"], seed, 1),
        "lesson": _pick(ind["lessons"], seed),
        "years": 2 + seed % 9,
    }


def system_prompt(profile: WriterProfile, facts: dict[str, Any]) -> str:
    text = load("prompts")["system"].format_map(_Safe(facts, voice=profile.voice.instructions()))
    return f"{text}\n[templates {template_version()}]"


def offline_post(profile: WriterProfile, post_type: str, facts: dict[str, Any], seed: int) -> str:
    """The deterministic post the offline engine answers with: hook, body, call to action, hashtags."""
    spec = load("post_types")["types"][post_type]
    fill = _Safe(facts)
    hook = _pick(spec["hooks"], seed).format_map(fill)
    if profile.voice.known and profile.voice.emoji_per_post >= 0.5:
        hook = "💡 " + hook  # the user's own habit; the offline engine adds no emoji otherwise
    body = [line.format_map(fill) for line in spec["body"]]
    if profile.voice.known and profile.voice.avg_chars and profile.voice.avg_chars < 500:
        body = body[:2]  # a writer of short posts gets a short post
    tags = pick_hashtags(facts["topic"], industries()[profile.industry], profile.voice, seed)
    cta = _pick(spec["ctas"], seed).format_map(fill)
    return "\n\n".join(
        [hook, "\n\n".join(body) if post_type != "listicle" else "\n".join(body), cta, " ".join(tags)]
    )


class PostPrompt(msgspec.Struct, frozen=True, kw_only=True):
    """What a writer is asked for one post variant, and the template engine's own draft of it."""

    system: str
    prompt: str
    seed: int
    draft: str
    version: int  # of the prompt template


class TaskPrompt(msgspec.Struct, frozen=True, kw_only=True):
    """What a writer is asked for a JSON task, with the facts the offline draft is built from."""

    system: str
    prompt: str
    seed: int
    facts: dict[str, Any]
    version: int  # of the prompt template

    def text_request(self, task: str, draft: Any, *, cache_scope: str, max_tokens: int, temperature: float = 0.7,
                     fresh: bool = False) -> TextRequest:
        """The request to the text chain for ``task``, carrying the offline ``draft`` (as JSON) that the
        offline writer answers with and a malformed answer falls back to."""
        return TextRequest(
            system=self.system, prompt=self.prompt, seed=self.seed, max_tokens=max_tokens, temperature=temperature,
            cache_scope=cache_scope, fresh=fresh,
            context={"task": task, "draft": json.dumps(draft), "template_version": self.version},
        )


def post_request_parts(profile: WriterProfile, topic: str, post_type: str, variant: int) -> PostPrompt:
    """System prompt, user prompt and offline draft of one post variant."""
    if post_type not in POST_TYPES:
        raise KeyError(post_type)
    # Consecutive seeds pick consecutive options, so variants of one request differ from each other.
    seed = _seed(topic.strip().lower(), post_type, profile.industry) + variant
    facts = _facts(profile, topic, seed)
    ind = industries()[profile.industry]
    spec = load("post_types")["types"][post_type]
    task = load("prompts")["tasks"]["post"]
    voice = profile.voice
    min_chars, max_chars = (400, 1300) if voice.known and voice.avg_chars < 700 else (700, 1800)
    prompt = task["template"].format_map(
        _Safe(
            facts,
            post_type_label=spec["label"],
            angle=ind["angles"][post_type],
            instructions=spec["instructions"],
            min_chars=min_chars,
            max_chars=max_chars,
            hashtags=" ".join(pick_hashtags(topic, ind, voice, seed)),
            extra=(
                f"This is alternative number {variant + 1}: take a different angle from the obvious one.\n"
                if variant
                else ""
            ),
        )
    )
    return PostPrompt(system=system_prompt(profile, facts), prompt=prompt, seed=seed,
                      draft=offline_post(profile, post_type, facts, seed), version=int(task["version"]))


def task_request_parts(task: str, profile: WriterProfile, topic: str, **fields: Any) -> TaskPrompt:
    """System and user prompt of a JSON task (``carousel``, ``profile``, ``banner``, …)."""
    seed = _seed(task, topic.strip().lower(), profile.industry)
    facts = _facts(profile, topic, seed)
    spec = load("prompts")["tasks"][task]
    prompt = spec["template"].format_map(_Safe(facts, **fields))
    return TaskPrompt(system=system_prompt(profile, facts), prompt=prompt, seed=seed, facts=facts,
                      version=int(spec["version"]))


__all__ = [
    "POST_TYPES",
    "WriterProfile",
    "hashtags_of",
    "industry_key",
    "load",
    "post_request_parts",
    "task_request_parts",
    "template_version",
]
