"""LinkedIn's "little text" format for ``commentary`` and comment texts.

LinkedIn silently cuts a post at the first unescaped reserved character, so every one of
``\\ | { } @ [ ] ( ) < > # * _ ~`` is backslash-escaped, except:
- mentions written ``@[Name](urn:li:person:…)`` (or ``urn:li:organization:…``), kept verbatim;
- a ``#`` that starts a word of letters (``#python``, ``#Überblick``): a hashtag the user meant, kept.
  ``C#`` (inside a word), ``#1`` (not a letter) and a lone ``#`` are escaped.
The 3,000-character limit applies to the text as the user wrote it, before escaping.
"""

from __future__ import annotations

import re

from inergize.domain.platform.errors import ValidationFailed

MAX_COMMENTARY_LENGTH = 3_000
MAX_COMMENT_LENGTH = 1_250
FOLD_AFTER = 210  # the feed shows about this much before "…see more"
RESERVED = frozenset("\\|{}@[]()<>#*_~")

# A mention's name may not contain brackets, parentheses or backslashes (they would end it early).
_MENTION = re.compile(r"@\[([^\[\]()\\\n]{1,200})\]\((urn:li:(?:person|organization):[A-Za-z0-9_-]{1,100})\)")


def _is_hashtag_start(text: str, i: int) -> bool:
    """``text[i] == '#'`` begins a hashtag: at a word start and followed by a letter."""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if not nxt.isalpha():
        return False
    if i == 0:
        return True
    prev = text[i - 1]
    return not (prev.isalnum() or prev in "_#\\")


def escape_little_text(text: str) -> str:
    """The text in little-text format: reserved characters escaped, mentions and hashtags kept."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "@":
            m = _MENTION.match(text, i)
            if m:
                out.append(m.group(0))
                i = m.end()
                continue
        if ch == "#" and _is_hashtag_start(text, i):
            out.append(ch)
        elif ch in RESERVED:
            out.append("\\" + ch)
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def unescape_little_text(text: str) -> str:
    """Inverse of :func:`escape_little_text`: drops the backslash before each escaped reserved char."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in RESERVED:
            out.append(text[i + 1])
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def mentions(text: str) -> list[tuple[str, str]]:
    """The ``(name, urn)`` of every mention in a raw text."""
    return [(m.group(1), m.group(2)) for m in _MENTION.finditer(text)]


def hashtags(text: str) -> list[str]:
    """The hashtags (without ``#``) a raw text would publish, in order."""
    tags: list[str] = []
    for i, ch in enumerate(text):
        if ch == "#" and _is_hashtag_start(text, i):
            j = i + 1
            while j < len(text) and (text[j].isalnum() or text[j] == "_"):
                j += 1
            tags.append(text[i + 1:j])
    return tags


def check_commentary(text: str, *, limit: int = MAX_COMMENTARY_LENGTH, field: str = "commentary") -> None:
    """``ValidationFailed`` when the raw text is longer than ``limit`` characters (counted before
    escaping, as LinkedIn counts what the member sees)."""
    if len(text) > limit:
        raise ValidationFailed(f"The text has {len(text)} characters; LinkedIn allows {limit}.",
                               field=field, length=len(text), limit=limit)
