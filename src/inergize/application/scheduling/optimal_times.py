"""Optimal posting times for a user: their own engagement history (analytics events of their posts,
from the sandbox or imported from LinkedIn's export) blended with the industry prior."""

from __future__ import annotations

from datetime import timedelta

from inergize.application.scheduling.schedule import settings_of
from inergize.domain.accounts.users import Principal
from inergize.domain.platform.errors import ValidationFailed
from inergize.domain.scheduling.optimal_times import Recommendation, recommend
from inergize.ports.clock import Clock
from inergize.ports.unit_of_work import UnitOfWorkFactory

HISTORY_DAYS = 180
HOURS_IN_WEEK = 7 * 24


async def recommend_times(
    *, principal: Principal, uow_factory: UnitOfWorkFactory, clock: Clock, top: int = 5
) -> tuple[str, list[Recommendation]]:
    """The user's time zone and the ``top`` weekly slots (local weekday and hour), best first."""
    if not 1 <= top <= HOURS_IN_WEEK:
        # all 168 are the week's heat map
        raise ValidationFailed(f"Ask for 1 to {HOURS_IN_WEEK} recommendations.", field="top")
    async with uow_factory(read_only=True) as uow:
        settings = await settings_of(uow, principal.user_id)
        user = await uow.users.get(principal.user_id)
        stats = await uow.publications.post_stats(
            principal.user_id, clock.now() - timedelta(days=HISTORY_DAYS)
        )
    return settings.timezone, recommend(stats, settings.tz, user.industry if user else None, top=top)
