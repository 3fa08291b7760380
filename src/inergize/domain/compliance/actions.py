"""Account-safety action budgets: how many actions of each type an account may take per local day and
per rolling 7 days, by tier, ramped up for new or recently restricted accounts and scaled by health.

These are separate from LinkedIn's API call budgets: they protect the *account*, not the app."""

from __future__ import annotations

import math
from enum import StrEnum

import msgspec


class ActionType(StrEnum):
    INVITATION = "invitation"
    MESSAGE = "message"
    PROFILE_VISIT = "profile_visit"
    REACTION = "reaction"
    COMMENT = "comment"
    POST = "post"


class ActionBudget(msgspec.Struct, frozen=True, kw_only=True):
    """At most ``daily`` per local day and ``weekly`` in any 7 days."""

    daily: int
    weekly: int


# Conservative defaults for a healthy, established account, drawn from what safety-minded outreach
# tools publish (invitations 15–20/day and ≤ 100 a week). A paid tier never raises them above this
# cap: the limits protect the account, they are not a product feature to upsell.
SAFE_DEFAULTS: dict[ActionType, ActionBudget] = {
    ActionType.INVITATION: ActionBudget(daily=18, weekly=100),
    ActionType.MESSAGE: ActionBudget(daily=40, weekly=200),
    ActionType.PROFILE_VISIT: ActionBudget(daily=80, weekly=400),
    ActionType.REACTION: ActionBudget(daily=50, weekly=250),
    ActionType.COMMENT: ActionBudget(daily=15, weekly=75),
    ActionType.POST: ActionBudget(daily=3, weekly=15),
}

# Share of the safe cap each tier may use. The free tier automates at half pace.
TIER_SHARE: dict[str, float] = {"free": 0.5, "pro": 1.0, "team": 1.0}

RAMP_DAYS = 28  # a new or recently restricted account climbs from RAMP_FLOOR to full over four weeks
RAMP_FLOOR = 0.25


def ramp_factor(account_age_days: float | None, days_since_restriction: float | None) -> float:
    """The share of the budget a young or recently restricted account may use (0.25 … 1.0).

    The stricter of the two ramps wins; ``None`` means "established" / "never restricted"."""
    factor = 1.0
    for days in (account_age_days, days_since_restriction):
        if days is not None and days < RAMP_DAYS:
            factor = min(factor, RAMP_FLOOR + (1 - RAMP_FLOOR) * max(days, 0.0) / RAMP_DAYS)
    return factor


def health_factor(health: int) -> float:
    """Lower health, lower budgets: full at ≥ 80, three quarters at ≥ 60, half at ≥ 40, a quarter below."""
    if health >= 80:
        return 1.0
    if health >= 60:
        return 0.75
    if health >= 40:
        return 0.5
    return 0.25


def action_budget(action: ActionType, *, tier: str, health: int = 100, account_age_days: float | None = None,
                  days_since_restriction: float | None = None,
                  overrides: dict[str, ActionBudget] | None = None) -> ActionBudget:
    """The budget for ``action`` today. A user's own lower limits (``overrides``) are honoured, higher ones
    are capped at the safe default: nobody can configure their way past the safety cap."""
    base = SAFE_DEFAULTS[action]
    if overrides and action.value in overrides:
        mine = overrides[action.value]
        base = ActionBudget(daily=min(base.daily, mine.daily), weekly=min(base.weekly, mine.weekly))
    factor = (TIER_SHARE.get(tier, TIER_SHARE["free"]) * ramp_factor(account_age_days, days_since_restriction)
              * health_factor(health))
    daily = math.floor(base.daily * factor)
    weekly = math.floor(base.weekly * factor)
    if base.daily > 0 and base.weekly > 0:
        daily, weekly = max(daily, 1), max(weekly, 1)  # a scaled budget never rounds down to "off"
    return ActionBudget(daily=min(daily, weekly), weekly=weekly)
