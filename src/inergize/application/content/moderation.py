"""The moderation pipeline every text passes before it is stored as ready or scheduled.

Local rules first (LinkedIn limits, profanity, personal data, links, the user's banned phrases), then
the provider's moderation when one is configured. A provider that cannot answer blocks (fail closed):
nothing unchecked is published; the user can try again."""

from __future__ import annotations

import uuid
from functools import cache
from importlib import resources

from inergize.domain.content.library import ContentKind, ModerationIssue
from inergize.domain.content.moderation import ModerationVerdict, TextField, check_text, merge
from inergize.domain.platform.errors import ComplianceBlocked, ProviderUnavailable
from inergize.ports.moderator import Moderator
from inergize.ports.unit_of_work import UnitOfWork


@cache
def profanity_words() -> tuple[str, ...]:
    """The shipped profanity list (``application/data/profanity.txt``)."""
    raw = resources.files("inergize.application").joinpath("data/profanity.txt").read_text("utf-8")
    return tuple(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


async def moderate(
    text: str, field: TextField, *, banned_phrases: tuple[str, ...] = (), moderator: Moderator | None = None
) -> ModerationVerdict:
    """Every reason ``text`` may not be published as ``field``; ``ModerationVerdict.allowed`` when there is none."""
    local = check_text(text, field, profanity=profanity_words(), banned_phrases=banned_phrases)
    if moderator is None or not text.strip():
        return local
    try:
        remote = await moderator.check(text)
    except ProviderUnavailable as exc:
        remote = ModerationVerdict(
            issues=(
                ModerationIssue(
                    code="moderation_unavailable",
                    detail=(
                        f"The {moderator.name} moderation check could not run ({exc.detail}); "
                        "try again later."
                    ),
                ),
            ),
            checked_by=(moderator.name,),
        )
    return merge(local, remote)


async def banned_phrases_of(uow: UnitOfWork, user_id: uuid.UUID) -> tuple[str, ...]:
    prefs = await uow.content_preferences.get(user_id)
    return prefs.banned_phrases if prefs else ()


async def moderate_for_user(
    uow: UnitOfWork, user_id: uuid.UUID, text: str, field: TextField, *, moderator: Moderator | None
) -> ModerationVerdict:
    """:func:`moderate` with ``user_id``'s banned phrases (read in ``uow``)."""
    return await moderate(
        text, field, banned_phrases=await banned_phrases_of(uow, user_id), moderator=moderator
    )


def texts_of(
    kind: ContentKind, title: str, body: str, data: dict[str, object]
) -> list[tuple[str, TextField]]:
    """The published texts of a content item and the limit each one falls under."""
    if kind is ContentKind.POST:
        return [(body, TextField.POST)]
    texts: list[tuple[str, TextField]] = []
    if body.strip():
        texts.append((body, TextField.POST))  # the commentary posted with a document or image
    if kind is ContentKind.CAROUSEL:
        slides = data.get("slides") or []
        for slide in slides if isinstance(slides, list) else []:
            if isinstance(slide, dict):
                joined = "\n".join(str(slide.get(k, "")) for k in ("title", "body") if slide.get(k))
                if joined:
                    texts.append((joined, TextField.SLIDE))
    if kind is ContentKind.BANNER:
        for key in ("headline", "subline"):
            if data.get(key):
                texts.append((str(data[key]), TextField.BANNER))
    return texts or [(title, TextField.BANNER)]


async def moderate_content(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    kind: ContentKind,
    title: str,
    body: str,
    data: dict[str, object],
    *,
    moderator: Moderator | None,
) -> ModerationVerdict:
    """One verdict over every published text of a content item."""
    phrases = await banned_phrases_of(uow, user_id)
    verdicts = [
        await moderate(text, field, banned_phrases=phrases, moderator=moderator)
        for text, field in texts_of(kind, title, body, data)
    ]
    return merge(*verdicts) if verdicts else ModerationVerdict()


def raise_if_blocked(verdict: ModerationVerdict) -> None:
    """``ComplianceBlocked`` (code ``moderation_blocked``) listing every issue, unless ``verdict`` allows."""
    if not verdict.allowed:
        raise ComplianceBlocked(
            f"Blocked by moderation: {verdict.reason()}",
            code="moderation_blocked",
            issues=[{"code": i.code, "detail": i.detail} for i in verdict.issues],
        )
