"""Subscription tiers as data: what each tier may use. Use cases read a user's quotas from here
(AI tokens and spend, posts, scheduled posts, automation pace, seats, LinkedIn accounts); billing will
set a user's tier later, an admin sets it now."""

from __future__ import annotations

from enum import StrEnum

import msgspec

from inergize.domain.platform.errors import ValidationFailed


class Tier(StrEnum):
    FREE = "free"
    PRO = "pro"
    TEAM = "team"


class TierQuotas(msgspec.Struct, frozen=True, kw_only=True):
    """Limits of one tier. ``None`` means unlimited; monthly quotas reset on the first of the month
    (UTC); ``automation_actions_per_day_multiplier`` scales the account-safety caps and never above 1
    (compliance keeps accounts safe whatever the tier)."""

    posts_per_month: int | None
    scheduled_posts: int | None  # posts waiting in the schedule at once
    ai_tokens_per_month: int
    ai_budget_usd_cents_per_month: int  # spend on paid AI providers
    ai_images_per_month: int
    automation_actions_per_day_multiplier: float
    team_seats: int
    linkedin_accounts: int
    content_library_items: int | None
    analytics_history_days: int

    def __post_init__(self) -> None:
        if not 0 < self.automation_actions_per_day_multiplier <= 1:
            raise ValueError("the automation multiplier is in (0, 1]")


TIERS: dict[Tier, TierQuotas] = {
    Tier.FREE: TierQuotas(
        posts_per_month=12, scheduled_posts=5, ai_tokens_per_month=50_000, ai_budget_usd_cents_per_month=100,
        ai_images_per_month=5, automation_actions_per_day_multiplier=0.5, team_seats=1, linkedin_accounts=1,
        content_library_items=100, analytics_history_days=30),
    Tier.PRO: TierQuotas(
        posts_per_month=120, scheduled_posts=100, ai_tokens_per_month=1_000_000,
        ai_budget_usd_cents_per_month=1_000, ai_images_per_month=100,
        automation_actions_per_day_multiplier=1.0,
        team_seats=1, linkedin_accounts=1, content_library_items=None, analytics_history_days=365),
    Tier.TEAM: TierQuotas(
        posts_per_month=None, scheduled_posts=None, ai_tokens_per_month=5_000_000,
        ai_budget_usd_cents_per_month=5_000, ai_images_per_month=500,
        automation_actions_per_day_multiplier=1.0,
        team_seats=10, linkedin_accounts=10, content_library_items=None, analytics_history_days=730),
}


def parse_tier(raw: str) -> Tier:
    """The tier named ``raw``; ``ValidationFailed`` naming the known ones otherwise."""
    try:
        return Tier(raw.strip().lower())
    except ValueError:
        known = ", ".join(t.value for t in Tier)
        raise ValidationFailed(f"Unknown tier {raw!r}; known tiers: {known}.", field="tier") from None


def quotas_for(tier: str) -> TierQuotas:
    """The quotas of a stored tier name. An unknown name (a tier retired since) gets the free quotas,
    so a stale row can never grant more than the least."""
    try:
        return TIERS[Tier(tier)]
    except ValueError:
        return TIERS[Tier.FREE]


def within(quota: int | None, used: int, wanted: int = 1) -> bool:
    """Whether ``wanted`` more fit in ``quota`` after ``used`` (``None``: unlimited)."""
    return quota is None or used + wanted <= quota
