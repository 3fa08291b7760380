"""Profile completeness: a weighted checklist (weights sum to 100), each missing item with its reason and
its gain, and a roadmap ordered by gain.

Every check only asks "is there at least …", so adding something to a profile can only turn checks on:
the score never drops when an item is added (a property test holds us to it)."""

from __future__ import annotations

import re
from collections.abc import Callable

import msgspec

from inergize.domain.linkedin.account import LinkedInProfile

ABOUT_FULL = 600  # characters of About that read as a real summary
HEADLINE_MIN = 40  # a bare job title is shorter; a value headline says for whom and what
MIN_SKILLS = 5
MIN_DESCRIBED_POSITIONS = 2
MIN_DESCRIPTION = 80
MIN_ABOUT_KEYWORDS = 3


class CheckResult(msgspec.Struct, frozen=True, kw_only=True):
    key: str
    label: str
    weight: int
    done: bool
    reason: str  # why it matters / what is missing
    action: str  # what to do


class ScoredProfile(msgspec.Struct, frozen=True, kw_only=True):
    """A profile with its completeness score, every check, and the unmet checks by gain."""

    profile: LinkedInProfile
    score: int
    checks: list[CheckResult]
    roadmap: list[CheckResult]


class ProfileScore(msgspec.Struct, frozen=True, kw_only=True):
    score: int  # 0..100
    checks: list[CheckResult]
    roadmap: list[CheckResult]  # missing items, biggest gain first


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w+#.-]{2,}", text)}


def _about_keywords(p: LinkedInProfile) -> int:
    """How many of the member's skills (and industry) the About text names."""
    about = p.summary.lower()
    terms = {s.strip().lower() for s in p.skills if s.strip()}
    if p.industry.strip():
        terms.add(p.industry.strip().lower())
    return sum(1 for t in terms if t and t in about)


def _described(p: LinkedInProfile) -> int:
    return sum(1 for pos in p.positions if len(pos.description.strip()) >= MIN_DESCRIPTION)


Check = tuple[str, str, int, Callable[[LinkedInProfile], bool], str, str]

CHECKS: tuple[Check, ...] = (
    (
        "photo",
        "Profile photo",
        10,
        lambda p: bool(p.photo_url),
        "Profiles with a photo get far more views and invitations accepted.",
        "Add a clear, friendly headshot.",
    ),
    (
        "banner",
        "Background banner",
        5,
        lambda p: bool(p.banner_url),
        "The banner is the largest visual on your profile.",
        "Add a banner that says what you do.",
    ),
    (
        "headline",
        "Headline that says what you offer",
        12,
        lambda p: len(p.headline.strip()) >= HEADLINE_MIN and len(_words(p.headline)) >= 5,
        f"A bare job title wastes the line shown next to every post and comment (aim for {HEADLINE_MIN}+ "
        "characters).",
        "Say whom you help and how, with one or two keywords.",
    ),
    (
        "about",
        "About section",
        12,
        lambda p: len(p.summary.strip()) >= ABOUT_FULL,
        f"An About of {ABOUT_FULL}+ characters tells visitors your story.",
        "Write a fuller About.",
    ),
    (
        "about_keywords",
        "Keywords in About",
        6,
        lambda p: _about_keywords(p) >= MIN_ABOUT_KEYWORDS,
        "Search ranks profiles whose About names their skills.",
        f"Mention at least {MIN_ABOUT_KEYWORDS} of your skills in your About.",
    ),
    (
        "experience",
        "Experience",
        10,
        lambda p: len(p.positions) >= 1,
        "A profile without experience is rarely trusted.",
        "Add your current position.",
    ),
    (
        "experience_descriptions",
        "Experience with descriptions",
        8,
        lambda p: _described(p) >= MIN_DESCRIBED_POSITIONS,
        "Descriptions show results, not just titles.",
        f"Describe at least {MIN_DESCRIBED_POSITIONS} positions ({MIN_DESCRIPTION}+ characters each).",
    ),
    (
        "skills",
        f"At least {MIN_SKILLS} skills",
        10,
        lambda p: len({s for s in p.skills if s.strip()}) >= MIN_SKILLS,
        "Skills feed search and endorsements.",
        f"List at least {MIN_SKILLS} skills.",
    ),
    (
        "education",
        "Education",
        7,
        lambda p: len(p.education) >= 1,
        "Education adds alumni reach and credibility.",
        "Add your education.",
    ),
    (
        "custom_url",
        "Custom profile URL",
        5,
        lambda p: bool(p.vanity_url),
        "A clean URL is easier to share.",
        "Claim a custom linkedin.com/in/ URL.",
    ),
    (
        "featured",
        "Featured section",
        5,
        lambda p: len(p.featured) >= 1,
        "Featured items show your best work first.",
        "Pin a post, article or link to Featured.",
    ),
    (
        "recommendations",
        "Recommendations",
        5,
        lambda p: p.recommendations >= 1,
        "Recommendations are social proof from others.",
        "Ask a colleague or client for a recommendation.",
    ),
    (
        "industry",
        "Industry",
        3,
        lambda p: bool(p.industry.strip()),
        "Industry is used by search filters.",
        "Set your industry.",
    ),
    (
        "location",
        "Location",
        2,
        lambda p: bool(p.location.strip()),
        "Recruiters and clients filter by location.",
        "Set your location.",
    ),
)
assert sum(c[2] for c in CHECKS) == 100


def score_profile(profile: LinkedInProfile) -> ProfileScore:
    """The completeness score (0–100), every check, and the roadmap of missing items by gain."""
    checks = [
        CheckResult(
            key=key, label=label, weight=weight, done=bool(test(profile)), reason=reason, action=action
        )
        for key, label, weight, test, reason, action in CHECKS
    ]
    score = sum(c.weight for c in checks if c.done)
    roadmap = sorted((c for c in checks if not c.done), key=lambda c: (-c.weight, c.key))
    return ProfileScore(score=max(0, min(100, score)), checks=checks, roadmap=roadmap)
