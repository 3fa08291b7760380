"""Idempotency-Key answers: a creating request runs once per key of its caller, and a retry of the
same request gets the first answer again. The entrypoint says what "the same request" is (a hash of
what was sent) and what the answer was (status and encoded body); this module keeps them.

A key moves through reserve → (run) → complete, or release when the run failed, so a retry may run
it again. Each step is its own short transaction: the run in between commits on its own."""

from __future__ import annotations

from inergize.application.platform.deps import PlatformDeps
from inergize.domain.accounts.users import Principal
from inergize.domain.platform.errors import Conflict, ValidationFailed
from inergize.domain.platform.idempotency import StoredResponse


def _owner(principal: Principal) -> str:
    return str(principal.user_id)


async def reserve(key: str, request_hash: str, *, principal: Principal,
                  deps: PlatformDeps) -> StoredResponse | None:
    """Claim ``key`` for this request. None: this is the first request with it, so run it and then
    :func:`complete` or :func:`release`. Otherwise the stored answer of the earlier identical request,
    to replay. Refuses the key when it came with another request (``idempotency_key_reused``) or its
    first request is still running (``idempotency_in_progress``)."""
    owner = _owner(principal)
    async with deps.uow_factory() as uow:
        reserved = await uow.idempotency.reserve(owner, key, request_hash, deps.clock.now())
        stored = None if reserved else await uow.idempotency.get(owner, key)
        await uow.commit()
    if stored is None:
        return None
    if stored.request_hash != request_hash:
        raise ValidationFailed("This Idempotency-Key was used for a different request.",
                               code="idempotency_key_reused")
    if stored.status_code == 0:
        raise Conflict("A request with this Idempotency-Key is still running; retry shortly.",
                       code="idempotency_in_progress")
    return stored


async def complete(key: str, status_code: int, body: bytes, *, principal: Principal, deps: PlatformDeps) -> None:
    """Remember the answer of the request that reserved ``key``, for its retries."""
    async with deps.uow_factory() as uow:
        await uow.idempotency.complete(_owner(principal), key, status_code, body)
        await uow.commit()


async def release(key: str, *, principal: Principal, deps: PlatformDeps) -> None:
    """Forget an unfinished reservation (its request failed), so a retry runs it again."""
    async with deps.uow_factory() as uow:
        await uow.idempotency.release(_owner(principal), key)
        await uow.commit()
