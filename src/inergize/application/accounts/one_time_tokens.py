"""One-time tokens (verifying an address, resetting a password, changing the email, the second step of
a login): a random secret handed to the user once, of which only the digest is stored."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from inergize.domain.accounts.security import OneTimeToken, TokenPurpose, new_secret_token, token_digest
from inergize.ports.unit_of_work import UnitOfWork


async def issue_one_time_token(uow: UnitOfWork, user_id: uuid.UUID, purpose: TokenPurpose, *, now: datetime,
                               ttl: timedelta, data: dict[str, str] | None = None) -> str:
    """Store a token of ``purpose`` for ``user_id``, valid for ``ttl`` from ``now``, in the caller's
    transaction; answer its secret, which is not stored."""
    secret = new_secret_token()
    await uow.security.add_token(
        OneTimeToken(id=uuid.uuid4(), user_id=user_id, purpose=purpose, data=data or {}, created_at=now,
                     expires_at=now + ttl),
        token_digest(secret),
    )
    return secret
