"""Optimal times from the user's own analytics events (on the in-memory unit of work): the history moves
the ranking away from the industry prior, and publish times come from our publications when we posted
the post."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from inergize.application.scheduling.optimal_times import recommend_times
from tests.support.memory_container import memory_container, memory_make_user  # noqa: F401  (fixtures)


async def test_history_in_analytics_events_drives_the_recommendation(
    container: Any, make_user: Any, clock: Any
) -> None:
    user = await make_user(industry="finance")
    factory = container.uow_factory()
    before = await recommend_times(principal=user.principal, uow_factory=factory, clock=clock, top=1)
    assert before[1][0].weekday in (2, 3, 4)  # the prior: mid-week mornings
    # Saturday 21:00 UTC posts that did very well, seen by the sandbox a few hours after publishing
    saturday = datetime(2026, 2, 7, 21, 0, tzinfo=UTC)
    rows = []
    for week in range(4):
        urn = f"urn:li:share:{uuid.uuid4().int % 10**12}"
        seen = saturday + timedelta(weeks=week, hours=3)
        for kind, value in (("impressions", 20_000), ("reactions", 3_000), ("comments", 1_000)):
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "user_id": user.user.id,
                    "event_type": kind,
                    "subject": urn,
                    "value": value,
                    "payload": {},
                    "source": "sandbox",
                    "dedupe_key": f"{urn}:{kind}",
                    "occurred_at": seen,
                    "created_at": seen,
                }
            )
    async with factory() as uow:  # stored as the sandbox's engagement upkeep stores them
        await uow.linkedin.add_analytics_events(user.user.id, rows, clock.now())
        await uow.commit()
    zone_name, recs = await recommend_times(principal=user.principal, uow_factory=factory, clock=clock, top=3)
    assert zone_name == "UTC"
    best = recs[0]
    assert (best.weekday, best.hour) == (7, 0)  # first seen 3 hours after posting: Sunday 00:00 UTC
    assert best.own_weight > 0.9 and "Your 4 posts" in best.explanation
