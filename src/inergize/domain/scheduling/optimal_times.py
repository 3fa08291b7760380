"""Optimal posting times: the user's engagement by local weekday × hour, shrunk towards an industry prior.

Each cell's engagement rate is a Beta-Binomial posterior mean:
``(engagements + k·prior) / (impressions + k)``.
With no history that is the prior; as the user's impressions in a cell grow past ``k`` their own rate
dominates. ``k`` (pseudo-impressions) says how much evidence the prior is worth.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

import msgspec

from inergize.domain.scheduling.schedules import to_local

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DEFAULT_PRIOR_STRENGTH = 2000.0  # pseudo-impressions per cell
DEFAULT_BASE_RATE = 0.030

# Typical engagement rates by industry (share of impressions that engage); the default covers the rest.
INDUSTRY_BASE_RATES: dict[str, float] = {
    "technology": 0.028, "software": 0.028, "marketing": 0.034, "finance": 0.026, "healthcare": 0.032,
    "education": 0.036, "consulting": 0.031, "recruiting": 0.038, "sales": 0.033, "real estate": 0.027,
}

# Relative activity of professional feeds by local hour and weekday: mornings before work, lunch, and
# the commute home; Tue–Thu best, weekends quiet. Multiplies the industry base rate.
_HOUR_SHAPE = (0.35, 0.3, 0.3, 0.3, 0.35, 0.5, 0.75, 1.05, 1.3, 1.25, 1.1, 1.05,
               1.2, 1.1, 1.0, 0.95, 1.0, 1.1, 0.95, 0.8, 0.7, 0.6, 0.5, 0.4)
_DAY_SHAPE = (0.95, 1.1, 1.12, 1.08, 0.9, 0.55, 0.5)


class PostStat(msgspec.Struct, frozen=True):
    """One published post: when it went out and what it earned."""

    published_at: datetime
    impressions: int
    engagements: int


class Cell(msgspec.Struct, frozen=True, kw_only=True):
    weekday: int  # ISO, 1 = Monday
    hour: int
    posts: int
    impressions: int
    engagements: int
    prior_rate: float
    rate: float  # posterior mean
    own_weight: float  # how much of ``rate`` is the user's own evidence (0..1)


class Recommendation(msgspec.Struct, frozen=True, kw_only=True):
    weekday: int
    hour: int
    label: str  # "Tue 08:00"
    expected_rate: float
    prior_rate: float
    own_weight: float
    explanation: str


def prior_rate(weekday: int, hour: int, industry: str | None) -> float:
    """The industry prior's engagement rate for a local weekday and hour."""
    base = INDUSTRY_BASE_RATES.get((industry or "").strip().lower(), DEFAULT_BASE_RATE)
    return base * _HOUR_SHAPE[hour] * _DAY_SHAPE[weekday - 1]


def cells(stats: Iterable[PostStat], tz: ZoneInfo, industry: str | None,
          prior_strength: float = DEFAULT_PRIOR_STRENGTH) -> list[Cell]:
    """All 168 weekday × hour cells with the user's totals and the shrunk rate."""
    totals: dict[tuple[int, int], list[int]] = {}
    for s in stats:
        if s.impressions < 0 or s.engagements < 0:
            continue  # a broken import row says nothing about timing
        local = to_local(s.published_at, tz)
        t = totals.setdefault((local.isoweekday(), local.hour), [0, 0, 0])
        t[0] += 1
        t[1] += s.impressions
        # engagements above impressions happen in imports (reactions counted later); cap so rate ≤ 1
        t[2] += min(s.engagements, s.impressions)
    out = []
    for weekday in range(1, 8):
        for hour in range(24):
            posts, impressions, engagements = totals.get((weekday, hour), [0, 0, 0])
            prior = prior_rate(weekday, hour, industry)
            rate = (engagements + prior_strength * prior) / (impressions + prior_strength)
            out.append(Cell(weekday=weekday, hour=hour, posts=posts, impressions=impressions,
                            engagements=engagements, prior_rate=prior, rate=rate,
                            own_weight=impressions / (impressions + prior_strength)))
    return out


def _explain(c: Cell) -> str:
    if c.posts == 0:
        return f"No posts of yours at this hour yet; the industry pattern suggests {c.prior_rate:.1%}."
    own = c.engagements / c.impressions if c.impressions else 0.0
    return (f"Your {c.posts} post{'s' if c.posts != 1 else ''} here earned {own:.1%} engagement on "
            f"{c.impressions:,} impressions; blended with the industry's {c.prior_rate:.1%} "
            f"({c.own_weight:.0%} your data) gives {c.rate:.1%}.")


def recommend(stats: Iterable[PostStat], tz: ZoneInfo, industry: str | None = None, *, top: int = 5,
              prior_strength: float = DEFAULT_PRIOR_STRENGTH) -> list[Recommendation]:
    """The ``top`` local weekday × hour slots by expected engagement rate, best first, explained."""
    ranked = sorted(cells(stats, tz, industry, prior_strength),
                    key=lambda c: (-c.rate, c.weekday, c.hour))
    return [Recommendation(weekday=c.weekday, hour=c.hour, label=f"{DAYS[c.weekday - 1]} {c.hour:02d}:00",
                           expected_rate=c.rate, prior_rate=c.prior_rate, own_weight=c.own_weight,
                           explanation=_explain(c)) for c in ranked[:max(top, 0)]]
