"""Local moderation rules: limits per field, personal data, links, profanity, banned phrases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inergize.application.content.moderation import moderate, profanity_words
from inergize.domain.content.moderation import LIMITS, TextField, check_text


def codes(text: str, field: TextField = TextField.POST, **kw: object) -> set[str]:
    return {i.code for i in check_text(text, field, **kw).issues}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "limit"), [(TextField.POST, 3000), (TextField.HEADLINE, 220), (TextField.ABOUT, 2600)]
)
def test_linkedin_limits(field: TextField, limit: int) -> None:
    assert LIMITS[field] == limit
    assert "too_long" not in codes("a" * limit, field)
    assert "too_long" in codes("a" * (limit + 1), field)


@pytest.mark.parametrize(
    "phone",
    [
        "+1 415 555 0132",
        "(415) 555-0132 ext",
        "020 7946 0958",
        "+44 20 7946 0958",
        "0612345678",
        "+33 6 12 34 56 78",
    ],
)
def test_phone_numbers_are_personal_data(phone: str) -> None:
    assert "pii_phone" in codes(f"Call me at {phone} today")


@pytest.mark.parametrize(
    "text",
    [
        "We grew 1,250,000 users in 2024",
        "Q3 2025: revenue up 35%",
        "Released on 2024-01-02",
        "Version 3.14.15 is out",
        "See https://x.com/a/12345678901",
    ],
)
def test_numbers_that_are_not_phones_pass(text: str) -> None:
    assert "pii_phone" not in codes(text)


def test_links_emails_profanity_and_banned_phrases() -> None:
    text = (
        "Mail ada@example.com " + " ".join(f"https://e.com/{i}" for i in range(4)) + " this is SHIT. Synergy!"
    )
    found = codes(text, profanity=profanity_words(), banned_phrases=("synergy",))
    assert found == {"pii_email", "too_many_links", "profanity", "banned_phrase"}


def test_profanity_matches_whole_words_only() -> None:
    assert "profanity" not in codes("Scunthorpe is a classic assessment", profanity=profanity_words())


@given(st.text(alphabet=st.characters(whitelist_categories=("L", "Zs")), min_size=1, max_size=400))
def test_plain_words_within_the_limit_pass(text: str) -> None:
    found = codes(text, profanity=(), banned_phrases=())
    assert found <= {"empty"}
    assert ("empty" in found) == (not text.strip())


@given(st.integers(min_value=3001, max_value=6000))
def test_anything_over_the_post_limit_is_blocked_with_its_length(n: int) -> None:
    verdict = check_text("a" * n, TextField.POST)
    assert not verdict.allowed and f"{n:,}" in verdict.reason()


async def test_provider_moderation_failure_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    from inergize.domain.ai.generation import ProviderFailed

    class Down:
        name = "openai"

        async def check(self, text: str) -> object:
            raise ProviderFailed("openai", "timeout", "timed out", retryable=True)

    verdict = await moderate("Fine text", TextField.POST, moderator=Down())  # type: ignore[arg-type]
    assert [i.code for i in verdict.issues] == ["moderation_unavailable"]
