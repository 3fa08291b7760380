"""The sandbox's credentials and account rows: signed codes and tokens, account creation, misbehaviour."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from inergize.adapters.linkedin.sandbox.model import seeded, simulated_person, simulated_profile
from inergize.adapters.persistence.tables.linkedin import sandbox_accounts, sandbox_members
from inergize.adapters.persistence.tables.seed import users
from inergize.domain.linkedin.errors import (
    LinkedInForbidden,
    LinkedInRateLimited,
    LinkedInTokenRejected,
    LinkedInUnavailable,
)

ACCESS_TTL = timedelta(days=60)
REFRESH_TTL = timedelta(days=365)
CODE_TTL = timedelta(minutes=10)
NETWORK_SIZE = 60  # first-degree connections of a new simulated member
SUGGESTIONS = 40  # second-degree members one could invite
DAILY_WRITES = 150  # like LinkedIn's per-member daily limit on posting calls


class Signer:
    """HMAC-signed, self-describing credentials ``kind.subject.expiry.mac`` (no table needed)."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _mac(self, body: str) -> str:
        digest = hmac.new(self._secret, body.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:18]).decode()

    def sign(self, kind: str, subject: str, expires: datetime) -> str:
        encoded = base64.urlsafe_b64encode(subject.encode()).decode().rstrip("=")
        body = f"{kind}.{encoded}.{int(expires.timestamp())}"
        return f"sbx.{body}.{self._mac(body)}"

    def verify(self, kind: str, token: str, now: datetime) -> str | None:
        """The subject of a valid, unexpired credential of ``kind``; None otherwise."""
        parts = token.split(".")
        if len(parts) != 5 or parts[0] != "sbx" or parts[1] != kind:
            return None
        body = ".".join(parts[1:4])
        if not hmac.compare_digest(self._mac(body), parts[4]) or int(parts[3]) <= now.timestamp():
            return None
        raw = parts[2] + "=" * (-len(parts[2]) % 4)
        return base64.urlsafe_b64decode(raw).decode()


def sub_for_hint(hint: str) -> str:
    return "sbx" + hashlib.sha256(hint.encode()).hexdigest()[:20]


async def ensure_account(conn: AsyncConnection, hint: str, now: datetime) -> str:
    """The simulated member for ``hint`` (created with a profile and a network the first time)."""
    if hint.startswith("member:"):  # the same simulated member again (re-authentication)
        known = hint[len("member:") :]
        if (
            await conn.execute(select(sandbox_accounts.c.sub).where(sandbox_accounts.c.sub == known))
        ).first():
            return known
    sub = sub_for_hint(hint)
    if (await conn.execute(select(sandbox_accounts.c.sub).where(sandbox_accounts.c.sub == sub))).first():
        return sub
    user_id = None
    if hint.startswith("user:"):  # the connect flow names the InErgize user: engagement is theirs
        try:
            candidate = uuid.UUID(hint[5:])
        except ValueError:
            candidate = None
        if candidate and (await conn.execute(select(users.c.id).where(users.c.id == candidate))).first():
            user_id = candidate
    seed = seeded(hint).randrange(1, 2**31)
    me = simulated_person(seed, -1)
    await conn.execute(
        insert(sandbox_accounts).values(
            sub=sub,
            user_id=user_id,
            seed=seed,
            profile=simulated_profile(seed, me["name"]),
            followers=150 + seed % 900,
            misbehave={},
            api_calls={},
            created_at=now,
            updated_at=now,
        )
    )
    rows = []
    for i in range(NETWORK_SIZE + SUGGESTIONS):
        person = simulated_person(seed, i)
        first = i < NETWORK_SIZE
        rows.append(
            {
                "urn": f"urn:li:person:{sub}m{i:03d}",
                "account_sub": sub,
                **person,
                "degree": 1 if first else 2,
                "created_at": now,
                "connected_at": now - timedelta(days=3 * (NETWORK_SIZE - i)) if first else None,
            }
        )
    await conn.execute(insert(sandbox_members), rows)
    return sub


async def charge_call(
    conn: AsyncConnection, sub: str, now: datetime, *, write: bool
) -> tuple[dict[str, Any], Exception | None]:
    """Apply the account's misbehaviour settings and daily write limit to one API call: the account row
    and the error to raise once this (counting) transaction is committed."""
    row = (await conn.execute(select(sandbox_accounts).where(sandbox_accounts.c.sub == sub))).first()
    if row is None:
        raise LinkedInTokenRejected("The sandbox account behind this token no longer exists.")
    account = dict(row._mapping)
    misbehave = dict(account["misbehave"] or {})
    calls = dict(account["api_calls"] or {})
    day = now.strftime("%Y-%m-%d")
    error: Exception | None = None
    if misbehave.get("rate_limit", 0) > 0:
        misbehave["rate_limit"] -= 1
        error = LinkedInRateLimited(
            "Sandbox: simulated 429.", retry_after=float(misbehave.get("retry_after", 5))
        )
    elif misbehave.get("fail", 0) > 0:
        misbehave["fail"] -= 1
        error = LinkedInUnavailable("Sandbox: simulated 500.")
    elif write and misbehave.get("restricted"):
        error = LinkedInForbidden("Sandbox: this simulated account is restricted by LinkedIn.")
    elif write and calls.get(day, 0) >= DAILY_WRITES:
        midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), now.tzinfo)
        error = LinkedInRateLimited(
            "Sandbox: the daily posting limit is reached.",
            retry_after=(midnight - now).total_seconds(),
            scope="remote",
        )
    if error is None and write:
        calls = {day: calls.get(day, 0) + 1}  # only today's count matters
    await conn.execute(
        update(sandbox_accounts)
        .where(sandbox_accounts.c.sub == sub)
        .values(misbehave=misbehave, api_calls=calls, updated_at=now)
    )
    return account, error
