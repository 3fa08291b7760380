"""A post's quality score that explains itself: hook, length, readability, hashtags, line breaks and a
call to action, each with points and the reason for them."""

from __future__ import annotations

import re

import msgspec

HOOK_CHARS = 210  # what LinkedIn shows before "… see more"
_HASHTAG = re.compile(r"(?<!\w)#\w{2,50}", re.UNICODE)
_SENTENCE = re.compile(r"[.!?…]+[\s\n]+|\n+")
_CTA = re.compile(
    r"\?|\b(comments?|share|tell me|let me know|follow|dm|message me|join|sign up|save this|"
    r"what do you think|agree|thoughts|change my mind|reach out)\b",
    re.IGNORECASE,
)


class Criterion(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    points: int
    max_points: int
    explanation: str


class QualityScore(msgspec.Struct, frozen=True, kw_only=True):
    score: int  # 0–100
    criteria: tuple[Criterion, ...]


def hashtags_of(text: str) -> list[str]:
    return _HASHTAG.findall(text)


def hook_of(text: str) -> str:
    """The part of the post a reader sees before expanding it: the first paragraph, at most 210 chars."""
    first = text.strip().split("\n\n", 1)[0].strip()
    return first[:HOOK_CHARS]


def _hook(text: str) -> Criterion:
    first_line = text.strip().split("\n", 1)[0].strip()
    if not first_line:
        return Criterion(name="hook", points=0, max_points=25, explanation="There is no opening line.")
    if len(first_line) > HOOK_CHARS:
        return Criterion(
            name="hook",
            points=8,
            max_points=25,
            explanation=(
                f"The first line has {len(first_line)} characters; LinkedIn cuts it at about {HOOK_CHARS}."
            ),
        )
    strong = bool(re.search(r"\d|\?|:$|^(how|why|what|stop|unpopular|the day|nobody)\b", first_line, re.I))
    if strong:
        return Criterion(
            name="hook",
            points=25,
            max_points=25,
            explanation=(
                "The first line is short and makes a promise, asks or surprises: readers will expand it."
            ),
        )
    return Criterion(
        name="hook",
        points=18,
        max_points=25,
        explanation=(
            'The first line fits before "see more"; a number, a question or a bold claim '
            "would make it stronger."
        ),
    )


def _length(text: str) -> Criterion:
    n = len(text)
    if 600 <= n <= 1900:
        return Criterion(
            name="length", points=20, max_points=20, explanation=f"{n} characters: in the sweet spot."
        )
    if n < 600:
        pts = max(4, round(20 * n / 600))
        return Criterion(
            name="length",
            points=pts,
            max_points=20,
            explanation=(
                f"{n} characters: short posts often lack the substance that earns comments "
                "(aim for 600–1,900)."
            ),
        )
    pts = 12 if n <= 3000 else 0
    return Criterion(
        name="length",
        points=pts,
        max_points=20,
        explanation=(
            f"{n} characters: long posts lose readers (aim for 600–1,900; LinkedIn's limit is 3,000)."
        ),
    )


def _readability(text: str) -> Criterion:
    body = _HASHTAG.sub("", text)
    sentences = [s for s in _SENTENCE.split(body) if s.strip()]
    words = body.split()
    if not sentences or not words:
        return Criterion(name="readability", points=0, max_points=20, explanation="There are no sentences.")
    avg = len(words) / len(sentences)
    if avg <= 16:
        return Criterion(
            name="readability",
            points=20,
            max_points=20,
            explanation=(f"Sentences average {avg:.0f} words: easy to read on a phone."),
        )
    pts = max(5, round(20 - (avg - 16)))
    return Criterion(
        name="readability",
        points=pts,
        max_points=20,
        explanation=(f"Sentences average {avg:.0f} words; under 16 reads easier on a phone."),
    )


def _hashtags(text: str) -> Criterion:
    n = len(hashtags_of(text))
    if 3 <= n <= 5:
        return Criterion(
            name="hashtags", points=10, max_points=10, explanation=f"{n} hashtags: enough to be found."
        )
    return Criterion(
        name="hashtags",
        points=5 if n else 0,
        max_points=10,
        explanation=(f"{n} hashtags; 3–5 relevant ones help the post be found without looking like spam."),
    )


def _line_breaks(text: str) -> Criterion:
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    longest = max((len(p) for p in paragraphs), default=0)
    if len(paragraphs) >= 3 and longest <= 400:
        return Criterion(
            name="line_breaks",
            points=15,
            max_points=15,
            explanation=(f"{len(paragraphs)} short paragraphs: the post is easy to skim."),
        )
    return Criterion(
        name="line_breaks",
        points=5,
        max_points=15,
        explanation=("Break the text into short paragraphs (1–3 lines) separated by blank lines."),
    )


def _cta(text: str) -> Criterion:
    tail = _HASHTAG.sub("", text).strip()[-300:]
    if _CTA.search(tail):
        return Criterion(
            name="call_to_action",
            points=10,
            max_points=10,
            explanation=("It ends by inviting the reader to respond."),
        )
    return Criterion(
        name="call_to_action",
        points=0,
        max_points=10,
        explanation=("End with a question or an invitation to comment: it drives the first interactions."),
    )


def score_post(text: str) -> QualityScore:
    """Score ``text`` out of 100 with one explained criterion per rule."""
    criteria = (
        _hook(text),
        _length(text),
        _readability(text),
        _hashtags(text),
        _line_breaks(text),
        _cta(text),
    )
    return QualityScore(score=sum(c.points for c in criteria), criteria=criteria)
