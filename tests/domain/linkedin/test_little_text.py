"""Little-text escaping: exact documented output, and properties over arbitrary text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inergize.domain.linkedin.little_text import (
    MAX_COMMENTARY_LENGTH,
    RESERVED,
    check_commentary,
    escape_little_text,
    hashtags,
    mentions,
    unescape_little_text,
)
from inergize.domain.platform.errors import ValidationFailed

MENTION = "@[Ada Lovelace](urn:li:person:abc123)"


def test_every_reserved_character_is_escaped() -> None:
    assert escape_little_text("\\|{}@[]()<>#*_~") == "\\\\\\|\\{\\}\\@\\[\\]\\(\\)\\<\\>\\#\\*\\_\\~"


def test_mention_and_hashtag_are_kept_the_rest_escaped() -> None:
    raw = f"Thanks {MENTION}! C# and #1 and # alone, #python (x_y) <3 ~ok~ *bold* a|b {{}} [x] \\ #Überblick"
    assert escape_little_text(raw) == (
        f"Thanks {MENTION}! C\\# and \\#1 and \\# alone, #python \\(x\\_y\\) \\<3 \\~ok\\~ \\*bold\\* a\\|b "
        "\\{\\} \\[x\\] \\\\ #Überblick"
    )


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("#tag", "#tag"),
        ("(#tag)", "\\(#tag\\)"),
        ("C#", "C\\#"),
        ("#1", "\\#1"),
        ("#", "\\#"),
        ("##tag", "\\#\\#tag"),
        ("a#b", "a\\#b"),
        ("@someone", "\\@someone"),
        ("@[x](http://a)", "\\@\\[x\\]\\(http://a\\)"),
        ("@[Org](urn:li:organization:42)", "@[Org](urn:li:organization:42)"),
    ],
)
def test_examples(raw: str, escaped: str) -> None:
    assert escape_little_text(raw) == escaped


def test_mentions_and_hashtags_are_found() -> None:
    text = f"Hi {MENTION} #ai and C# #2"
    assert mentions(text) == [("Ada Lovelace", "urn:li:person:abc123")]
    assert hashtags(text) == ["ai"]


def test_limit_is_counted_before_escaping() -> None:
    raw = "#" * MAX_COMMENTARY_LENGTH  # 6,000 characters once escaped, still allowed
    check_commentary(raw)
    assert len(escape_little_text(raw)) > MAX_COMMENTARY_LENGTH
    with pytest.raises(ValidationFailed):
        check_commentary("a" * (MAX_COMMENTARY_LENGTH + 1))


texts = st.text(alphabet=st.sampled_from(sorted(RESERVED) + list("aZ1 é\n.:")), max_size=80)


@given(st.lists(st.one_of(texts, st.just(MENTION), st.just("#tag")), max_size=6).map("".join))
def test_unescape_inverts_escape(raw: str) -> None:
    assert unescape_little_text(escape_little_text(raw)) == raw


@given(texts)
def test_no_reserved_character_is_left_bare_except_hashtags(raw: str) -> None:
    out = escape_little_text(raw)
    i = 0
    while i < len(out):
        ch = out[i]
        if ch == "\\":
            assert i + 1 < len(out) and out[i + 1] in RESERVED
            i += 2
            continue
        if ch in RESERVED:
            # the only bare reserved char outside mentions is a hashtag's '#' followed by a letter
            assert ch == "#" and out[i + 1].isalpha()
        i += 1


@given(texts)
def test_escaping_only_adds_backslashes(raw: str) -> None:
    out = escape_little_text(raw)
    assert out.replace("\\", "") == raw.replace("\\", "")
    assert len(out) <= 2 * len(raw)
