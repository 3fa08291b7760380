"""The sandbox (deterministic engagement, analytics history, misbehaviour) and connection upkeep (refresh
ahead of expiry, re-consent from day 50, re-encryption after a key rotation)."""

from __future__ import annotations

import dataclasses
import os
import random
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from inergize.adapters.linkedin.sandbox.model import engagement_at, final_engagement, post_features
from tests.support.linkedin_rest import Sleeps, connect_linkedin, rest_container, rest_settings

MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@asynccontextmanager
async def _test_loop_ports(container: Any, tmp_path: Any, state: Any) -> AsyncIterator[Any]:
    """LinkedIn ports whose REST client lives on the test's own event loop (the test client serves the app
    on another loop, and an HTTP pool belongs to the loop that first used it)."""
    from inergize.bootstrap.linkedin import rest_gateway

    gw = rest_gateway(
        rest_settings(tmp_path, state.base_url, linkedin_timeout_seconds=2.0),
        clock=container.clock(),
        budgets=None,
        sleeper=Sleeps(),
        rng=random.Random(2),
    )
    try:
        yield dataclasses.replace(container.linkedin_deps(), gateway=gw)
    finally:
        await gw.aclose()


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


async def test_upkeep_refreshes_ahead_and_asks_for_reconsent_from_day_50(
    client: Any, make_user: Any, container: Any, tmp_path: Any
) -> None:
    from inergize.application.linkedin.connection import maintain_connections

    with_refresh, without = await make_user(), await make_user()
    async with rest_container(container, tmp_path) as state, AsyncExitStack() as stack:
        await connect_linkedin(client, with_refresh, state)
        state.issue_refresh_tokens = False
        await connect_linkedin(client, without, state)
        ports = await stack.enter_async_context(_test_loop_ports(container, tmp_path, state))
        container.clock().advance(days=49)
        _fresh(container, with_refresh, without)
        await maintain_connections(ports)
        assert (await client.get("/v1/linkedin/connection", headers=without.headers)).json()["connection"][
            "status"
        ] == "active"
        container.clock().advance(days=1, minutes=1)  # day 50: 10 days left
        _fresh(container, with_refresh, without)
        counts = await maintain_connections(ports)
        assert counts["reconsent"] >= 1
        b = (await client.get("/v1/linkedin/connection", headers=without.headers)).json()["connection"]
        assert b["status"] == "reconsent_needed"
        a = (await client.get("/v1/linkedin/connection", headers=with_refresh.headers)).json()["connection"]
        assert a["status"] == "active" and a["lastRefreshAt"] is None  # 10 days left: not yet
        container.clock().advance(days=4)  # 6 days left: refresh ahead of expiry
        _fresh(container, with_refresh, without)
        assert (await maintain_connections(ports))["refreshed"] >= 1
        a = (await client.get("/v1/linkedin/connection", headers=with_refresh.headers)).json()["connection"]
        assert a["status"] == "active" and a["lastRefreshAt"]
        assert datetime.fromisoformat(a["expiresAt"]) > container.clock().now() + timedelta(days=59)
        notes = (await client.get("/v1/notifications", headers=without.headers)).json()
        assert any(n["kind"] == "linkedin.reconsent" for n in notes["items"])
        await maintain_connections(ports)  # notifies once
        notes = (await client.get("/v1/notifications", headers=without.headers)).json()
        assert sum(n["kind"] == "linkedin.reconsent" for n in notes["items"]) == 1


async def test_reencrypt_moves_every_token_to_the_new_key(
    client: Any, make_user: Any, container: Any
) -> None:
    from dependency_injector import providers

    from inergize.adapters.persistence.tables.linkedin import linkedin_connections
    from inergize.adapters.secrets.box import AesGcmSecretBox
    from inergize.application.linkedin.connection import reencrypt_tokens

    user = await make_user()
    await connect_linkedin(client, user)
    old = container.secret_box()
    new_key = AesGcmSecretBox(
        {"rotated": os.urandom(32), **{k: v for k, v in container.keys().encryption_keys.items()}}
    )
    container.secret_box.override(providers.Object(new_key))
    try:
        # the database is shared with other tests' containers, whose tokens no key here opens
        assert (await reencrypt_tokens(container.linkedin_deps())).changed >= 1
        async with container.engine().connect() as conn:
            row = (
                await conn.execute(
                    select(linkedin_connections).where(linkedin_connections.c.user_id == user.user.id)
                )
            ).one()
        assert row.access_token_enc.startswith("v1.rotated.") and row.refresh_token_enc.startswith(
            "v1.rotated."
        )
        assert (await reencrypt_tokens(container.linkedin_deps())).changed == 0
        r = await client.post("/v1/linkedin/profile/sync", headers=user.headers)  # the tokens still work
        assert r.status_code == 200
    finally:
        container.secret_box.reset_override()
    assert old.primary_key_id != "rotated"


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


async def test_reencrypt_leaves_tokens_it_cannot_open_and_counts_them(
    client: Any, make_user: Any, container: Any
) -> None:
    from dependency_injector import providers

    from inergize.adapters.persistence.tables.linkedin import linkedin_connections
    from inergize.adapters.secrets.box import AesGcmSecretBox
    from inergize.application.linkedin.connection import reencrypt_tokens

    user = await make_user()
    await connect_linkedin(client, user)

    async def stored() -> Any:
        async with container.engine().connect() as conn:
            query = select(linkedin_connections).where(linkedin_connections.c.user_id == user.user.id)
            return (await conn.execute(query)).one()

    before = await stored()
    container.secret_box.override(providers.Object(AesGcmSecretBox({"lost": os.urandom(32)})))
    try:
        done = await reencrypt_tokens(container.linkedin_deps())
    finally:
        container.secret_box.reset_override()
    assert done.unreadable >= 1 and done.changed == 0
    after = await stored()
    assert (after.access_token_enc, after.refresh_token_enc) == (before.access_token_enc, before.refresh_token_enc)
