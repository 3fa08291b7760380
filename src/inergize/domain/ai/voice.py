"""A user's writing voice, learned from their own past posts: length, structure, emoji and hashtag
habits, vocabulary. Used in prompts (as instructions) and by the offline engine (as rules)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import msgspec

_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\u2705]")
_HASHTAG = re.compile(r"#(\w{2,50})", re.UNICODE)
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_STOP = frozenset(
    "that this with have from your they will what when just about there their been were more than "
    "into some like only also then them very much because would could should which while where".split()
)


class Voice(msgspec.Struct, frozen=True, kw_only=True):
    sample_size: int = 0
    avg_chars: int = 0
    avg_paragraphs: float = 0.0
    emoji_per_post: float = 0.0
    hashtags_per_post: float = 0.0
    question_rate: float = 0.0  # share of posts that ask the reader something
    favourite_hashtags: tuple[str, ...] = ()
    favourite_words: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return self.sample_size >= 3  # fewer posts say more about the topic than about the voice

    def instructions(self) -> str:
        """The voice as a sentence for a prompt ("" when too little is known)."""
        if not self.known:
            return ""
        emoji = "uses emoji sparingly" if self.emoji_per_post >= 0.5 else "does not use emoji"
        words = ", ".join(self.favourite_words[:8])
        return (
            f"Match the author's voice: posts of about {self.avg_chars} characters in about "
            f"{round(self.avg_paragraphs)} paragraphs; the author {emoji}"
            + (f" and often uses words like {words}" if words else "")
            + ". "
        )


def learn_voice(posts: Sequence[str]) -> Voice:
    """What ``posts`` (the user's own, newest first) say about how the user writes."""
    texts = [p.strip() for p in posts if p and p.strip()]
    if not texts:
        return Voice()
    n = len(texts)
    tags: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for text in texts:
        tags.update("#" + t for t in _HASHTAG.findall(text))
        words.update(w.lower() for w in _WORD.findall(_HASHTAG.sub("", text)) if w.lower() not in _STOP)
    return Voice(
        sample_size=n,
        avg_chars=round(sum(len(t) for t in texts) / n),
        avg_paragraphs=round(
            sum(len([p for p in re.split(r"\n\s*\n", t) if p.strip()]) for t in texts) / n, 1
        ),
        emoji_per_post=round(sum(len(_EMOJI.findall(t)) for t in texts) / n, 2),
        hashtags_per_post=round(sum(len(_HASHTAG.findall(t)) for t in texts) / n, 2),
        question_rate=round(sum("?" in t for t in texts) / n, 2),
        favourite_hashtags=tuple(t for t, _ in tags.most_common(5)),
        favourite_words=tuple(w for w, c in words.most_common(12) if c > 1),
    )
