"""The sandbox: deterministic engagement, analytics history written once, misbehaviour on demand, the demo
account (connection upkeep and key rotation, on the fakes, are in test_connection_upkeep.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from inergize.adapters.linkedin.sandbox.model import engagement_at, final_engagement, post_features
from tests.support.linkedin_rest import connect_linkedin

MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _fresh(container: Any, *users: Any) -> None:
    """New API access tokens after the fake clock jumped past their 15 minutes."""
    for user in users:
        user.token = container.tokens().issue_access(user.principal, now=container.clock().now())


@given(st.integers(1, 2**31), st.text(max_size=400), st.integers(0, 5000), st.integers(0, 300))
def test_engagement_is_deterministic_and_never_decreases(
    seed: int, text: str, followers: int, hours: int
) -> None:
    features = post_features(text, [])
    at = MONDAY_9 + timedelta(hours=hours)
    first = engagement_at(seed, "urn:li:share:1", features, MONDAY_9, followers, at)
    assert first == engagement_at(seed, "urn:li:share:1", features, MONDAY_9, followers, at)
    later = engagement_at(seed, "urn:li:share:1", features, MONDAY_9, followers, at + timedelta(hours=1))
    assert all(later[k] >= first[k] >= 0 for k in first)


def test_engagement_depends_on_hour_weekday_and_qualities() -> None:
    plain = post_features("short", [])
    rich = post_features(
        "Hook line\n\n" + "Useful detail. " * 60 + "#growth What do you think?", ["document"]
    )
    sunday_3am = datetime(2026, 3, 8, 3, 0, tzinfo=UTC)
    assert (
        final_engagement(7, "u", plain, MONDAY_9, 500)["impressions"]
        > final_engagement(7, "u", plain, sunday_3am, 500)["impressions"]
    )
    assert (
        final_engagement(7, "u", rich, MONDAY_9, 500)["impressions"]
        > final_engagement(7, "u", plain, MONDAY_9, 500)["impressions"]
    )
    assert final_engagement(7, "u", rich, MONDAY_9, 500)["comments"] > 0


async def test_sandbox_writes_engagement_history_once_and_can_misbehave(
    client: Any, make_user: Any, container: Any
) -> None:
    from inergize.adapters.persistence.tables.seed import analytics_events

    user = await make_user()
    connected = await connect_linkedin(client, user)
    r = await client.post(
        "/v1/linkedin/posts",
        json={"commentary": "Counting on you #data"},
        headers={**user.headers, "Idempotency-Key": "e1"},
    )
    assert r.status_code == 201
    urn = r.json()["postUrn"]
    gateway = container.linkedin()
    container.clock().advance(hours=30)
    written = await gateway.simulate()
    _fresh(container, user)
    assert written > 0 and await gateway.simulate() == 0  # idempotent

    async with container.engine().connect() as conn:
        rows = (
            await conn.execute(
                select(analytics_events.c.event_type, func.sum(analytics_events.c.value))
                .where(analytics_events.c.user_id == user.user.id, analytics_events.c.subject == urn)
                .group_by(analytics_events.c.event_type)
            )
        ).all()
    totals = dict(rows)
    assert totals["impressions"] > 0 and set(totals) <= {
        "impressions",
        "reactions",
        "comments",
        "shares",
        "profile_views",
    }

    await gateway.misbehave(connected["memberUrn"], rate_limit=1, retry_after=7)
    r = await client.post(
        "/v1/linkedin/posts",
        json={"commentary": "throttled"},
        headers={**user.headers, "Idempotency-Key": "e2"},
    )
    assert r.status_code == 429 and r.headers["retry-after"] == "7"
    r = await client.post(
        "/v1/linkedin/posts",
        json={"commentary": "throttled"},
        headers={**user.headers, "Idempotency-Key": "e2"},
    )
    assert r.status_code == 201  # the simulated limit has passed; the retry publishes once
    await gateway.misbehave(connected["memberUrn"], restricted=True)
    r = await client.post(
        "/v1/linkedin/posts",
        json={"commentary": "restricted"},
        headers={**user.headers, "Idempotency-Key": "e3"},
    )
    assert r.status_code == 403 and r.json()["code"] == "linkedin_forbidden"
    status = (await client.get("/v1/linkedin/connection", headers=user.headers)).json()
    assert status["connection"]["status"] == "active"  # a restriction is not a disconnection
    await gateway.misbehave(connected["memberUrn"])


async def test_sandbox_seed_makes_a_connected_demo_account_with_history(container: Any) -> None:
    import uuid

    from inergize.adapters.persistence.tables.seed import analytics_events
    from inergize.entrypoints.cli.linkedin import seed_demo_account

    email = f"demo{uuid.uuid4().hex[:8]}@example.com"
    out = await seed_demo_account(container, email, None)
    again = await seed_demo_account(container, email, None)
    assert again["user_id"] == out["user_id"] and out["member_urn"].startswith("urn:li:person:sbx")
    async with container.engine().connect() as conn:
        kinds = dict(
            (
                await conn.execute(
                    select(analytics_events.c.event_type, func.count())
                    .where(analytics_events.c.user_id == uuid.UUID(out["user_id"]))
                    .group_by(analytics_events.c.event_type)
                )
            ).all()
        )
    assert kinds["impressions"] > 100 and kinds["reactions"] > 0
    async with container.uow_factory()() as uow:
        conn_row = await uow.linkedin.get_connection(uuid.UUID(out["user_id"]))
    assert conn_row is not None and conn_row.member_urn == out["member_urn"]
