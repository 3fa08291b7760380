"""Local moderation rules: LinkedIn's length limits, profanity, personal data, links, banned phrases.

Pure functions over text; the word lists come in as arguments (they ship as data files and per-user
settings). The provider's own moderation is layered on top by ``application.moderation``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum

import msgspec

from inergize.domain.content.library import ModerationIssue


class TextField(StrEnum):
    """Where a text goes; each has LinkedIn's own length limit."""

    POST = "post"
    HEADLINE = "headline"
    ABOUT = "about"
    SLIDE = "slide"
    BANNER = "banner"


LIMITS: dict[TextField, int] = {
    TextField.POST: 3000,
    TextField.HEADLINE: 220,
    TextField.ABOUT: 2600,
    TextField.SLIDE: 3000,
    TextField.BANNER: 200,
}
MAX_LINKS = 3  # more than this reads as spam and LinkedIn demotes it

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# A phone number: 8+ digits, optionally grouped with spaces, dots, dashes or parentheses, optional +.
_PHONE = re.compile(r"(?<![\w/])(?:\+?\d[\s().-]{0,2}){8,15}(?![\w/])")
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_WORD = re.compile(r"\w+", re.UNICODE)


class ModerationVerdict(msgspec.Struct, frozen=True, kw_only=True):
    """The outcome of moderation: ``allowed`` iff there are no issues."""

    issues: tuple[ModerationIssue, ...] = ()
    checked_by: tuple[str, ...] = ("local",)

    @property
    def allowed(self) -> bool:
        return not self.issues

    def reason(self) -> str:
        return "; ".join(i.detail for i in self.issues)


def _fold(text: str) -> str:
    # Case- and accent-insensitive matching, so "Ëxample" matches "example".
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _looks_like_phone(candidate: str) -> bool:
    digits = sum(ch.isdigit() for ch in candidate)
    # Years, amounts and percentages are short; dates like 2024-01-02 have exactly 8 digits in 3 groups.
    if digits < 9 and not candidate.lstrip().startswith("+"):
        return False
    return not re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", candidate)


def check_text(
    text: str,
    field: TextField,
    *,
    profanity: Iterable[str] = (),
    banned_phrases: Iterable[str] = (),
    max_links: int = MAX_LINKS,
) -> ModerationVerdict:
    """Every local rule ``text`` breaks for ``field``, each with a reason a user can act on."""
    issues: list[ModerationIssue] = []
    limit = LIMITS[field]
    if len(text) > limit:
        issues.append(
            ModerationIssue(
                code="too_long",
                detail=(f"The {field.value} has {len(text):,} characters; LinkedIn allows {limit:,}."),
            )
        )
    if not text.strip():
        issues.append(ModerationIssue(code="empty", detail=f"The {field.value} is empty."))
    if _EMAIL.search(text):
        issues.append(
            ModerationIssue(code="pii_email", detail="It contains an email address (personal data).")
        )
    if any(_looks_like_phone(m.group(0)) for m in _PHONE.finditer(text)):
        issues.append(ModerationIssue(code="pii_phone", detail="It contains a phone number (personal data)."))
    links = len(_LINK.findall(text))
    if links > max_links:
        issues.append(
            ModerationIssue(
                code="too_many_links", detail=(f"It has {links} links; keep it to {max_links} or fewer.")
            )
        )
    words = {_fold(w) for w in _WORD.findall(text)}
    bad = sorted({w for w in (_fold(p) for p in profanity) if w and w in words})
    if bad:
        issues.append(ModerationIssue(code="profanity", detail=f"It contains profanity ({', '.join(bad)})."))
    folded = _fold(text)
    phrases = sorted({p.strip() for p in banned_phrases if p.strip() and _fold(p.strip()) in folded})
    if phrases:
        issues.append(
            ModerationIssue(
                code="banned_phrase",
                detail=(f"It uses a phrase you banned ({', '.join(repr(p) for p in phrases)})."),
            )
        )
    return ModerationVerdict(issues=tuple(issues))


def merge(*verdicts: ModerationVerdict) -> ModerationVerdict:
    """One verdict with every issue and every checker of ``verdicts``."""
    return ModerationVerdict(
        issues=tuple(i for v in verdicts for i in v.issues),
        checked_by=tuple(dict.fromkeys(c for v in verdicts for c in v.checked_by)),
    )
