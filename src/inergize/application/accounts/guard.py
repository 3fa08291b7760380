"""Every request: is the access token still honoured, and is there API budget left for this caller and
for the whole service.

The access state (account status, role, not-before, the session's revocation) is read through the read
cache: every change to it (logout, logout-everywhere, password change, disable, role change, erasure)
bumps the user's scope when its unit of work commits, before the change answers, so the next request
anywhere reads it afresh (docs/decisions/0010-read-path.md)."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec

from inergize.application.accounts.deps import AccountDeps
from inergize.application.platform.read_through import read_through
from inergize.domain.accounts.users import Principal, Role, UserStatus
from inergize.domain.platform.errors import Unauthorized
from inergize.ports.rate_budget import BudgetDecision, BudgetWindow
from inergize.ports.read_cache import access_scope

GLOBAL_KEY = "api:global"


class VerifiedToken(msgspec.Struct, frozen=True):
    """An access token whose signature and expiry were checked: who it names, when it was issued and
    the session it belongs to. Whether it is still honoured is :func:`admit`'s question."""

    principal: Principal
    issued_at: datetime
    session_id: uuid.UUID | None


def verify_token(token: str, *, ports: AccountDeps) -> VerifiedToken:
    """Check the token's signature and expiry (the token service may cache the signature check);
    ``Unauthorized`` when it is not one of ours or has expired. Reads nothing from storage."""
    principal, issued_at, sid = ports.tokens.verify_access(token, now=ports.clock.now())
    try:
        session_id = uuid.UUID(sid) if sid else None
    except ValueError as exc:
        raise Unauthorized("The access token is not valid.") from exc
    return VerifiedToken(principal, issued_at, session_id)


class CachedAccess(msgspec.Struct, frozen=True, array_like=True):
    """What :func:`admit` decides on, as kept in the read cache."""

    status: UserStatus
    role: Role
    not_before: datetime | None
    session_revoked: bool


_encode_access = msgspec.msgpack.Encoder().encode
_decode_access = msgspec.msgpack.Decoder(CachedAccess).decode


async def access_state(user_id: uuid.UUID, session_id: uuid.UUID | None, *,
                       ports: AccountDeps) -> CachedAccess | None:
    """The user's access state for ``session_id``: from the read cache, or from the database (and then
    kept under the generation read *before* the database, so a change committed meanwhile wins)."""
    async def load() -> CachedAccess | None:
        async with ports.uow_factory(read_only=True) as uow:
            row = await uow.security.access_state(user_id, session_id)
        return None if row is None else CachedAccess(row.status, row.role, row.not_before, row.session_revoked)

    return await read_through(ports.reads, access_scope(user_id), str(session_id) if session_id else "-",
                              ttl_seconds=ports.policy.access_cache_seconds, load=load,
                              encode=_encode_access, decode=_decode_access)


async def admit(verified: VerifiedToken, *, ports: AccountDeps) -> Principal:
    """The caller a verified token stands for, if it is still honoured: the account status, the
    not-before instant and the session's revocation, read through the read cache (see the module), so
    logout, disable and password changes take effect at once in every API process that shares it. The
    role comes from the account, so a demotion also applies at once."""
    user_id = verified.principal.user_id
    state = await access_state(user_id, verified.session_id, ports=ports)
    if state is None or state.status is not UserStatus.ACTIVE:
        raise Unauthorized("This account is not active.", code="account_disabled")
    if state.session_revoked:
        raise Unauthorized("This session has ended; sign in again.", code="session_revoked")
    # Tokens carry whole seconds; a not-before inside the second of issue still lets the new token pass
    # (sessions cover the tokens of that same second).
    if state.not_before is not None and verified.issued_at < state.not_before.replace(microsecond=0):
        raise Unauthorized("This access token was revoked; sign in again.", code="token_revoked")
    return Principal(user_id, state.role)


async def authenticate(token: str, *, ports: AccountDeps) -> tuple[Principal, uuid.UUID | None]:
    """The principal a bearer token stands for, and its session: :func:`verify_token` then :func:`admit`."""
    verified = verify_token(token, ports=ports)
    return await admit(verified, ports=ports), verified.session_id


class ApiBudget(msgspec.Struct, frozen=True):
    """The decision for one request: the tighter of the caller's and the global budget."""

    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int
    retry_after: float
    window_seconds: int = 60


def _minute(limit: int) -> list[BudgetWindow]:
    return [BudgetWindow(name="minute", limit=limit, seconds=60)]


def _budget(decision: BudgetDecision, limit: int, now_ts: float) -> ApiBudget:
    reset = int(60 - now_ts % 60) or 60  # fixed one-minute windows aligned to the epoch
    return ApiBudget(
        decision.allowed, limit, max(0, decision.remaining.get("minute", 0)), reset, decision.retry_after
    )


async def spend_api_budget(caller: str, *, authenticated: bool, ports: AccountDeps) -> ApiBudget:
    """Charge one request to the global budget and to ``caller``'s (a user id, or the client address for
    anonymous calls). Answers what the ``RateLimit`` headers and a 429 need; charges nothing on refusal."""
    now = ports.clock.now()
    policy = ports.policy
    limit = policy.api_user_per_minute if authenticated else policy.api_address_per_minute
    # Both budgets in one atomic step (one script call on Redis): nothing is charged unless both have room.
    everyone, mine = await ports.budgets.spend_all(
        [(GLOBAL_KEY, _minute(policy.api_global_per_minute)), (f"api:{caller}", _minute(limit))], now=now)
    if not everyone.allowed:
        # The answer speaks of the caller's own budget only: the service-wide count is everyone's traffic,
        # which one caller has no business watching (operators see it in /metrics).
        refused = BudgetDecision(allowed=False, remaining={"minute": 0}, limit={"minute": limit},
                                 retry_after=everyone.retry_after)
        return _budget(refused, limit, now.timestamp())
    return _budget(mine, limit, now.timestamp())
