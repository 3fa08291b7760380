"""The sandbox's deterministic engagement model and its seeded simulated people.

Engagement of a post depends on the hour and weekday it was posted (UTC), on its qualities (length,
media, hashtags, a closing question, a hook before the "see more" fold), on the author's followers
and on a seeded per-post noise; it accrues over the post's first days along a saturating curve. The
same seed and inputs always give the same numbers, so demos and tests are reproducible."""

from __future__ import annotations

import hashlib
import math
import random
from datetime import datetime
from typing import Any

from inergize.domain.linkedin.little_text import FOLD_AFTER, hashtags

# Relative reach by UTC hour: mornings, lunch and early evening on working days do best.
HOUR_FACTOR = (
    0.35,
    0.3,
    0.3,
    0.3,
    0.35,
    0.5,
    0.7,
    0.95,
    1.2,
    1.25,
    1.1,
    1.0,
    1.1,
    1.05,
    0.95,
    0.9,
    0.95,
    1.05,
    0.95,
    0.8,
    0.7,
    0.6,
    0.5,
    0.4,
)
WEEKDAY_FACTOR = (1.0, 1.12, 1.15, 1.1, 0.9, 0.55, 0.5)  # Monday .. Sunday
ACCRUAL_HOURS = 18.0  # time constant of the saturating curve
ACTIVE_DAYS = 7  # after this a post gains nothing more

FIRST = (
    "Ada",
    "Grace",
    "Linus",
    "Margaret",
    "Alan",
    "Katherine",
    "Tim",
    "Barbara",
    "Dennis",
    "Radia",
    "Ken",
    "Frances",
    "Guido",
    "Hedy",
    "Donald",
    "Joan",
    "Edsger",
    "Sophie",
    "Yukihiro",
    "Anita",
)
LAST = (
    "Lovelace",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Turing",
    "Johnson",
    "Berners-Lee",
    "Liskov",
    "Ritchie",
    "Perlman",
    "Thompson",
    "Allen",
    "van Rossum",
    "Lamarr",
    "Knuth",
    "Clarke",
    "Dijkstra",
    "Wilson",
    "Matsumoto",
    "Borg",
)
ROLES = (
    "Product Manager",
    "Software Engineer",
    "Founder",
    "Head of Marketing",
    "Data Scientist",
    "Recruiter",
    "Sales Director",
    "UX Designer",
    "CTO",
    "Growth Lead",
    "Consultant",
    "Coach",
)
COMPANIES = (
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Stark Industries",
    "Wayne Enterprises",
    "Pied Piper",
    "Soylent",
    "Vandelay Industries",
)
SKILLS = (
    "Leadership",
    "Python",
    "Marketing",
    "Sales",
    "Product Management",
    "Public Speaking",
    "SEO",
    "Data Analysis",
    "Negotiation",
    "Content Strategy",
    "Recruiting",
    "Copywriting",
)


def seeded(*parts: Any) -> random.Random:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def post_features(commentary: str, media_kinds: list[str]) -> dict[str, Any]:
    """The qualities the model reads from a post (stored with it, shown in analytics payloads)."""
    stripped = commentary.strip()
    return {
        "length": len(commentary),
        "hashtags": len(hashtags(commentary)),
        "question": stripped.endswith("?"),
        "hook": 0
        < len(commentary.split("\n", 1)[0])
        <= FOLD_AFTER // 2,  # a short first line before the fold
        "media": "document"
        if "document" in media_kinds
        else ("multi_image" if len(media_kinds) > 1 else (media_kinds[0] if media_kinds else "none")),
    }


def quality_factor(f: dict[str, Any]) -> float:
    length = int(f.get("length", 0))
    q = 0.7 if length < 100 else 1.25 if 600 <= length <= 1300 else 1.0
    q *= {"document": 1.6, "multi_image": 1.4, "image": 1.3}.get(str(f.get("media")), 1.0)
    tags = int(f.get("hashtags", 0))
    q *= 1.1 if 1 <= tags <= 3 else 0.8 if tags > 5 else 1.0
    q *= 1.1 if f.get("hook") else 1.0
    return q


def final_engagement(
    seed: int, urn: str, features: dict[str, Any], posted_at: datetime, followers: int
) -> dict[str, int]:
    """What a post reaches in total (after ``ACTIVE_DAYS``)."""
    noise = math.exp(seeded(seed, urn).gauss(0.0, 0.25))
    reach = (80 + followers * 0.15) * HOUR_FACTOR[posted_at.hour] * WEEKDAY_FACTOR[posted_at.weekday()]
    impressions = reach * quality_factor(features) * noise * 3.0
    reaction_rate = 0.025 * (1.2 if features.get("media") != "none" else 1.0)
    reactions = impressions * reaction_rate
    comments = reactions * 0.12 * (1.6 if features.get("question") else 1.0)
    return {
        "impressions": round(impressions),
        "reactions": round(reactions),
        "comments": round(comments),
        "shares": round(reactions * 0.05),
        "profile_views": round(impressions * 0.004),
    }


def engagement_at(
    seed: int, urn: str, features: dict[str, Any], posted_at: datetime, followers: int, at: datetime
) -> dict[str, int]:
    """Cumulative engagement of a post at instant ``at`` (never decreasing in ``at``)."""
    hours = max(0.0, min((at - posted_at).total_seconds() / 3600, ACTIVE_DAYS * 24))
    share = 1 - math.exp(-hours / ACCRUAL_HOURS)
    return {
        k: math.floor(v * share)
        for k, v in final_engagement(seed, urn, features, posted_at, followers).items()
    }


def simulated_person(seed: int, index: int) -> dict[str, str]:
    rng = seeded(seed, "person", index)
    role, company = rng.choice(ROLES), rng.choice(COMPANIES)
    return {
        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "headline": f"{role} at {company}",
        "company": company,
    }


def simulated_profile(seed: int, name: str) -> dict[str, Any]:
    """A plausible, deliberately incomplete profile, so the roadmap has something to suggest."""
    rng = seeded(seed, "profile")
    role, company = rng.choice(ROLES), rng.choice(COMPANIES)
    skills = rng.sample(SKILLS, 3)
    return {
        "full_name": name,
        "headline": f"{role} at {company}",
        "industry": "Technology",
        "summary": f"{role} who likes building things. Skilled in {', '.join(skills)}.",
        "location": rng.choice(
            ("Berlin, Germany", "London, United Kingdom", "Austin, Texas", "Lyon, France")
        ),
        "photo_url": f"https://sandbox.inergize.invalid/photos/{seed % 1000}.png",
        "positions": [
            {"company": company, "title": role, "description": "", "started_on": "Jan 2022"},
            {
                "company": rng.choice(COMPANIES),
                "title": rng.choice(ROLES),
                "description": "Led a team of five to ship the first version of the product, "
                "growing revenue 40% in a year.",
                "started_on": "Mar 2018",
                "finished_on": "Dec 2021",
            },
        ],
        "education": [
            {
                "school": "University of Sandbox",
                "degree": "BSc Computer Science",
                "start": "2012",
                "end": "2015",
            }
        ],
        "skills": skills,
        "featured": [],
        "recommendations": rng.randint(0, 2),
    }
