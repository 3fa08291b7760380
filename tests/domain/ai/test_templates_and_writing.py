"""Templates as data (≥ 8 industries × 5 post types), the offline engine's posts, the quality score,
voice learning, and the documents' emoji policy with non-Latin text."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from inergize.adapters.rendering.carousel_pdf import render_pdf
from inergize.adapters.rendering.fonts import drawable
from inergize.application.ai.templates import (
    POST_TYPES,
    WriterProfile,
    industries,
    industry_key,
    load,
    post_request_parts,
    template_version,
)
from inergize.domain.ai.post_quality import HOOK_CHARS, hashtags_of, score_post
from inergize.domain.ai.voice import learn_voice
from inergize.domain.content.documents import Brand, CarouselDeck, Slide
from inergize.domain.platform.errors import ValidationFailed

INDUSTRIES = sorted(industries())


def test_at_least_eight_industries_with_every_post_type_and_versions() -> None:
    assert len([k for k in INDUSTRIES if k != "general"]) >= 8
    for key in INDUSTRIES:
        assert set(industries()[key]["angles"]) == set(POST_TYPES)
    assert set(load("post_types")["types"]) == set(POST_TYPES)
    assert all(load(n)["version"] for n in ("prompts", "post_types", "industries"))
    assert template_version().count("/") == 2


@pytest.mark.parametrize("industry", INDUSTRIES)
@pytest.mark.parametrize("post_type", POST_TYPES)
def test_every_offline_post_has_a_hook_hashtags_and_a_call_to_action(industry: str, post_type: str) -> None:
    parts = post_request_parts(
        WriterProfile(industry=industry, role="lead"), "customer onboarding", post_type, 0
    )
    draft = parts.draft
    assert "{" not in draft and "}" not in draft  # every placeholder filled
    first_line = draft.split("\n", 1)[0]
    assert len(first_line) <= HOOK_CHARS
    assert 3 <= len(hashtags_of(draft)) <= 5
    score = score_post(draft)
    assert {c.name: c.points for c in score.criteria}["call_to_action"] == 10
    assert "[templates " in parts.system and "customer onboarding" in parts.prompt


def test_the_same_request_renders_the_same_prompt_and_variants_differ() -> None:
    p = WriterProfile(industry="sales")
    assert post_request_parts(p, "cold calls", "story", 0) == post_request_parts(p, "cold calls", "story", 0)
    drafts = {post_request_parts(p, "cold calls", "story", i).draft for i in range(3)}
    assert len(drafts) == 3


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Computer Software", "software"),
        ("Hospital & Health Care", "healthcare"),
        ("Staffing and Recruiting", "hr"),
        (None, "general"),
        ("Zoology", "general"),
    ],
)
def test_free_text_industries_map_to_templates(raw: str | None, key: str) -> None:
    assert industry_key(raw) == key


def test_the_quality_score_explains_itself() -> None:
    weak = score_post(
        "We had a meeting today and talked about many different things for a long time without end"
    )
    strong = score_post(
        "3 lessons from 100 code reviews:\n\n"
        + "Short sentence here. " * 30
        + "\n\nAnother paragraph.\n\nWhat would you add?\n\n#a #bb #cc"
    )
    assert strong.score > weak.score
    names = [c.name for c in weak.criteria]
    assert names == ["hook", "length", "readability", "hashtags", "line_breaks", "call_to_action"]
    assert all(c.explanation and 0 <= c.points <= c.max_points for c in weak.criteria)
    assert "hashtags" in next(c.explanation for c in weak.criteria if c.name == "hashtags")


@given(st.text(max_size=4000))
def test_scores_stay_within_0_and_100(text: str) -> None:
    assert 0 <= score_post(text).score <= 100


def test_voice_is_learned_from_past_posts() -> None:
    posts = [
        "Shipping beats perfect 🚀\n\nWhat did you ship?\n\n#Engineering #Startups",
        "Small teams move fast 🚀🔥\n\nAgree?\n\n#Engineering",
        "Deploy on Fridays? 😅\n\nShipping is a habit.\n\n#Engineering #DevOps",
    ]
    voice = learn_voice(posts)
    assert voice.known and voice.sample_size == 3 and voice.favourite_hashtags[0] == "#Engineering"
    assert voice.emoji_per_post >= 1 and voice.question_rate == 1.0 and "shipping" in voice.favourite_words
    assert "emoji" in voice.instructions()
    draft = post_request_parts(WriterProfile(voice=voice), "deploys", "story", 0).draft
    assert draft.startswith("💡") and "#Engineering" in draft  # the offline engine follows the voice
    assert not learn_voice(["one post"]).known and learn_voice([]).instructions() == ""


def test_emoji_policy_drops_what_the_font_cannot_draw_and_keeps_non_latin() -> None:
    assert drawable("Ship it 🚀 — Привет, Ελλάδα ✓") == "Ship it — Привет, Ελλάδα ✓"


def test_a_carousel_in_cyrillic_and_greek_renders_every_page_at_1080x1350() -> None:
    deck = CarouselDeck(
        title="Привет, команда 👋",
        subtitle="Ελληνικά",
        slides=tuple(Slide(title=f"Шаг {i}", body="Αλφα βήτα γάμμα " * 20) for i in range(1, 6)),
        closing="Спасибо!",
        author="Ада",
        brand=Brand(primary="#123456"),
    )
    reader = PdfReader(io.BytesIO(render_pdf(deck)))
    assert len(reader.pages) == 7
    assert {(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages} == {(1080.0, 1350.0)}
    first = " ".join(reader.pages[0].extract_text().split())  # the title may wrap
    assert "Привет, команда" in first and "Ελληνικά" in first and "Шаг 3" in reader.pages[3].extract_text()
    assert "👋" not in reader.pages[0].extract_text()


def test_decks_and_brands_validate_themselves() -> None:
    with pytest.raises(ValidationFailed):
        CarouselDeck(title="t", slides=())
    with pytest.raises(ValidationFailed):
        Brand(primary="blue")
