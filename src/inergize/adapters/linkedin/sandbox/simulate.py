"""Turn the sandbox model into history: hourly engagement per post and daily followers / profile views,
written to ``analytics_events`` (source ``sandbox``, deduplicated), and demo accounts with past posts."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from inergize.adapters.linkedin.sandbox.model import ACTIVE_DAYS, engagement_at, post_features, seeded
from inergize.adapters.linkedin.sandbox.store import ensure_account
from inergize.adapters.persistence.tables.linkedin import sandbox_accounts, sandbox_posts
from inergize.adapters.persistence.tables.seed import analytics_events

HOUR = timedelta(hours=1)
METRICS = ("impressions", "reactions", "comments", "shares", "profile_views")
DEMO_TOPICS = (
    "What I learned shipping our first product",
    "Three hiring mistakes I will not repeat",
    "Why we moved our team to a four-day week",
    "The one metric that changed our roadmap",
    "How I prepare for a keynote",
    "A checklist for your first 90 days as a manager",
)


def _floor_hour(at: datetime) -> datetime:
    return at.replace(minute=0, second=0, microsecond=0)


async def _insert_events(conn: AsyncConnection, rows: list[dict[str, Any]]) -> int:
    """Insert, skipping rows whose (user, dedupe_key) exists: re-running a tick writes nothing twice."""
    if not rows:
        return 0
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    # RETURNING counts what was really inserted (rowcount of an executemany is not portable)
    result = await conn.execute(
        dialect.insert(analytics_events).on_conflict_do_nothing().returning(analytics_events.c.id), rows
    )
    return len(result.all())


async def simulate_until(
    engine: AsyncEngine,
    now: datetime,
    *,
    limit: int = 500,
    horizon: timedelta = timedelta(days=ACTIVE_DAYS + 1),
) -> int:
    """Write the engagement every linked sandbox post gained up to ``now`` (whole hours); returns the number
    of events written. Idempotent: progress is kept per post and events carry dedupe keys."""
    written = 0
    async with engine.begin() as conn:
        rows = (
            await conn.execute(
                select(
                    sandbox_posts,
                    sandbox_accounts.c.user_id,
                    sandbox_accounts.c.seed,
                    sandbox_accounts.c.followers,
                )
                .join(sandbox_accounts, sandbox_accounts.c.sub == sandbox_posts.c.account_sub)
                .where(
                    sandbox_accounts.c.user_id.is_not(None),
                    sandbox_posts.c.deleted_at.is_(None),
                    sandbox_posts.c.created_at > now - horizon,
                    sandbox_posts.c.simulated_until < now - HOUR,
                )
                .order_by(sandbox_posts.c.simulated_until)
                .limit(limit)
            )
        ).all()
        for r in rows:
            start = r.simulated_until or r.created_at
            end = min(_floor_hour(now), r.created_at + timedelta(days=ACTIVE_DAYS))
            if end <= start:
                continue
            events, prev = [], engagement_at(r.seed, r.urn, r.features, r.created_at, r.followers, start)
            at = _floor_hour(start) + HOUR
            while at <= end:
                cur = engagement_at(r.seed, r.urn, r.features, r.created_at, r.followers, at)
                for metric in METRICS:
                    delta = cur[metric] - prev[metric]
                    if delta > 0:
                        events.append(
                            _event(
                                r.user_id,
                                metric,
                                r.urn,
                                delta,
                                at,
                                now,
                                {
                                    "posted_at": r.created_at.isoformat(),
                                    "hour": r.created_at.hour,
                                    "weekday": r.created_at.weekday(),
                                    "features": r.features,
                                },
                                f"sandbox:{r.urn}:{metric}:{at:%Y%m%d%H}",
                            )
                        )
                prev, at = cur, at + HOUR
            written += await _insert_events(conn, events)
            await conn.execute(
                update(sandbox_posts).where(sandbox_posts.c.urn == r.urn).values(simulated_until=end)
            )
        written += await _daily_followers(conn, now)
    return written


def _event(
    user_id: uuid.UUID,
    kind: str,
    subject: str,
    value: int,
    at: datetime,
    now: datetime,
    payload: dict[str, Any],
    dedupe: str,
) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "user_id": user_id,
        "event_type": kind,
        "subject": subject,
        "value": value,
        "payload": payload,
        "source": "sandbox",
        "dedupe_key": dedupe,
        "occurred_at": at,
        "created_at": now,
    }


async def _daily_followers(conn: AsyncConnection, now: datetime) -> int:
    """One ``followers`` event per linked account per UTC day, growing the simulated follower count."""
    day = now.strftime("%Y-%m-%d")
    accounts = (
        await conn.execute(select(sandbox_accounts).where(sandbox_accounts.c.user_id.is_not(None)))
    ).all()
    rows = []
    for a in accounts:
        gained = seeded(a.seed, "followers", day).randint(0, 4 + a.followers // 400)
        rows.append(
            _event(
                a.user_id,
                "followers",
                "profile",
                gained,
                now,
                now,
                {"total": a.followers + gained},
                f"sandbox:{a.sub}:followers:{day}",
            )
        )
    written = 0
    for row, a in zip(rows, accounts, strict=True):
        if await _insert_events(conn, [row]):  # count the growth once per day
            written += 1
            await conn.execute(
                update(sandbox_accounts)
                .where(sandbox_accounts.c.sub == a.sub)
                .values(followers=a.followers + row["value"])
            )
    return written


async def seed_demo(
    engine: AsyncEngine, user_id: uuid.UUID, now: datetime, *, days: int = 60, posts: int = 24
) -> str:
    """Give ``user_id`` a simulated account with ``posts`` past posts over ``days`` days and their
    engagement history; returns the member URN. Running it again adds nothing twice."""
    async with engine.begin() as conn:
        sub = await ensure_account(conn, f"user:{user_id}", now)
        await conn.execute(
            update(sandbox_accounts).where(sandbox_accounts.c.sub == sub).values(user_id=user_id)
        )
        seed = (
            await conn.execute(select(sandbox_accounts.c.seed).where(sandbox_accounts.c.sub == sub))
        ).scalar_one()
        rng = seeded(seed, "demo-posts")
        for i in range(posts):
            posted = _floor_hour(now - timedelta(days=days * (posts - i) / posts)) + timedelta(
                minutes=rng.randrange(60)
            )
            posted = posted.replace(hour=rng.choice((7, 8, 9, 12, 13, 17, 18, 20)))
            topic = DEMO_TOPICS[i % len(DEMO_TOPICS)]
            text = (
                f"{topic} (#{i + 1}).\n\n"
                + "Here is what happened. " * rng.randint(2, 40)
                + ("What would you do?" if rng.random() < 0.4 else "#leadership #growth")
            )
            media = rng.choice(([], [], ["image"], ["document"]))
            urn = f"urn:li:share:{int(hashlib.sha256(f'{sub}{i}'.encode()).hexdigest()[:15], 16)}"
            exists = (
                await conn.execute(select(sandbox_posts.c.urn).where(sandbox_posts.c.urn == urn))
            ).first()
            if exists:
                continue
            await conn.execute(
                sandbox_posts.insert().values(
                    urn=urn,
                    account_sub=sub,
                    commentary=text,
                    text_hash=hashlib.sha256(text.encode()).hexdigest(),
                    media=[{"kind": k} for k in media],
                    features=post_features(text, media),
                    activity={},
                    created_at=posted,
                    simulated_until=posted,
                )
            )
    while await simulate_until(engine, now, limit=200, horizon=timedelta(days=days + ACTIVE_DAYS + 1)):
        pass
    return f"urn:li:person:{sub}"
