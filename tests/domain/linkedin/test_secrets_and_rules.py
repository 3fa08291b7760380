"""SecretBox (AES-256-GCM with key ids and rotation), the version-retirement rule and the score rules."""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inergize.adapters.secrets.box import AesGcmSecretBox
from inergize.domain.linkedin.account import Education, LinkedInProfile, Position
from inergize.domain.linkedin.profile_score import CHECKS, score_profile
from inergize.domain.linkedin.version import ApiVersionState, version_status
from inergize.domain.platform.errors import ConfigurationError
from inergize.domain.platform.secrets import SecretUnreadable


def test_secret_box_round_trip_binds_context_and_names_its_key() -> None:
    box = AesGcmSecretBox({"k1": os.urandom(32)})
    sealed = box.encrypt("AQVtoken", context="linkedin:access:u1")
    assert sealed.startswith("v1.k1.") and "AQVtoken" not in sealed
    assert box.encrypt("AQVtoken", context="linkedin:access:u1") != sealed  # fresh nonce each time
    assert box.decrypt(sealed, context="linkedin:access:u1") == "AQVtoken"
    with pytest.raises(SecretUnreadable):
        box.decrypt(sealed, context="linkedin:access:u2")  # moved to another row
    tampered = sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1]
    with pytest.raises(SecretUnreadable):
        box.decrypt(tampered, context="linkedin:access:u1")
    with pytest.raises(SecretUnreadable):
        box.decrypt(sealed.replace("v1.k1.", "v1.k9."), context="linkedin:access:u1")


def test_rotation_new_key_encrypts_old_key_still_decrypts() -> None:
    old, new = os.urandom(32), os.urandom(32)
    sealed = AesGcmSecretBox({"old": old}).encrypt("secret", context="c")
    rotated = AesGcmSecretBox({"new": new, "old": old})
    assert rotated.decrypt(sealed, context="c") == "secret" and rotated.key_id_of(sealed) == "old"
    assert rotated.key_id_of(rotated.encrypt("secret", context="c")) == "new"
    with pytest.raises(SecretUnreadable):
        AesGcmSecretBox({"new": new}).decrypt(sealed, context="c")
    with pytest.raises(ConfigurationError):
        AesGcmSecretBox({"short": b"x" * 16})


@pytest.mark.parametrize(
    ("version", "today", "state"),
    [
        ("202610", date(2026, 11, 24), ApiVersionState.CURRENT),
        ("202601", date(2026, 11, 24), ApiVersionState.NEAR_RETIREMENT),
        ("202510", date(2026, 11, 24), ApiVersionState.RETIRED),
        ("202701", date(2026, 11, 24), ApiVersionState.FUTURE),
    ],
)
def test_version_retirement(version: str, today: date, state: ApiVersionState) -> None:
    assert version_status(version, today).state is state


def test_version_must_be_yyyymm() -> None:
    with pytest.raises(ConfigurationError):
        version_status("2026-10", date(2026, 11, 1))


words = st.text(alphabet="abcdefgh ", max_size=80)
profiles = st.builds(
    LinkedInProfile,
    user_id=st.uuids(),
    headline=words,
    summary=st.text(alphabet="abc python sales ", max_size=900),
    industry=st.sampled_from(["", "Technology"]),
    location=st.sampled_from(["", "Berlin"]),
    photo_url=st.sampled_from([None, "https://x/p.png"]),
    banner_url=st.sampled_from([None, "https://x/b.png"]),
    vanity_url=st.sampled_from([None, "ada"]),
    positions=st.lists(
        st.builds(Position, company=words, title=words, description=st.text(max_size=120)), max_size=3
    ),
    education=st.lists(st.builds(Education, school=words), max_size=2),
    skills=st.lists(st.sampled_from(["python", "sales", "seo", "go", "rust", "sql", "ux"]), max_size=7),
    featured=st.lists(words, max_size=2),
    recommendations=st.integers(0, 3),
)

additions = st.sampled_from(
    [
        "position",
        "described",
        "skill",
        "education",
        "featured",
        "recommendation",
        "photo",
        "banner",
        "url",
        "industry",
        "location",
        "about",
        "headline",
    ]
)


def _add(p: LinkedInProfile, what: str) -> LinkedInProfile:
    import msgspec

    q = msgspec.structs.replace(
        p,
        positions=list(p.positions),
        skills=list(p.skills),
        education=list(p.education),
        featured=list(p.featured),
    )
    if what == "position":
        q.positions.append(Position(company="Acme", title="CTO"))
    elif what == "described":
        q.positions.append(Position(company="Acme", title="CTO", description="Shipped things " * 10))
    elif what == "skill":
        q.skills.append("leadership")
    elif what == "education":
        q.education.append(Education(school="MIT"))
    elif what == "featured":
        q.featured.append("a post")
    elif what == "recommendation":
        q.recommendations += 1
    elif what in ("photo", "banner"):
        setattr(q, f"{what}_url", getattr(q, f"{what}_url") or "https://x/new.png")
    elif what == "url":
        q.vanity_url = q.vanity_url or "ada"
    elif what in ("industry", "location"):
        setattr(q, what, getattr(q, what) or "Something")
    elif what == "about":
        q.summary = q.summary + " more about my python and sales work" * 20
    elif what == "headline" and not q.headline.strip():
        q.headline = "Helping founders grow revenue with data and python"
    return q


@given(profiles)
def test_score_is_within_0_and_100_and_roadmap_is_ordered_by_gain(profile: LinkedInProfile) -> None:
    result = score_profile(profile)
    assert 0 <= result.score <= 100
    assert result.score + sum(c.weight for c in result.roadmap) == 100
    assert [c.weight for c in result.roadmap] == sorted((c.weight for c in result.roadmap), reverse=True)


@given(profiles, additions)
def test_score_never_drops_when_an_item_is_added(profile: LinkedInProfile, what: str) -> None:
    assert score_profile(_add(profile, what)).score >= score_profile(profile).score


def test_empty_and_complete_profiles() -> None:
    import uuid

    empty = score_profile(LinkedInProfile(user_id=uuid.uuid4()))
    assert empty.score == 0 and len(empty.roadmap) == len(CHECKS) and empty.roadmap[0].weight == 12
    full = LinkedInProfile(
        user_id=uuid.uuid4(),
        photo_url="p",
        banner_url="b",
        vanity_url="ada",
        industry="Technology",
        location="Berlin",
        headline="Helping founders grow revenue with data, python and SEO",
        summary="I build python data products and lead sales teams with seo insight. " * 12,
        positions=[Position(company="A", title="CTO", description="x" * 100)] * 2,
        education=[Education(school="MIT")],
        skills=["python", "sales", "seo", "go", "sql"],
        featured=["post"],
        recommendations=1,
    )
    assert score_profile(full).score == 100 and score_profile(full).roadmap == []
