"""HTTP conventions every endpoint follows: ``Idempotency-Key`` on creating POSTs, ETag / ``If-Match``
on edits, cursor pagination on lists."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Awaitable, Callable
from typing import Any

import msgspec
from litestar import Request, Response

from inergize.domain.accounts.users import Principal
from inergize.domain.platform.errors import Conflict, PreconditionRequired, ValidationFailed

IDEMPOTENCY_HEADER = "idempotency-key"
_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
_ETAG = re.compile(r'^(?:W/)?"v(\d+)"$')
_encoder = msgspec.json.Encoder()


def etag(version: int) -> str:
    return f'"v{version}"'


def expected_version(request: Request[Any, Any, Any]) -> int:
    """The version the client last saw, from ``If-Match``; edits without it are refused (428)."""
    version = if_match_version(request)
    if version is None:
        raise PreconditionRequired("Send If-Match with the ETag you last read, so edits are not lost.")
    return version


def if_match_version(request: Request[Any, Any, Any]) -> int | None:
    """The version named by ``If-Match`` when the client sent one, for edits that older clients make
    without it (a calendar's drag sends it, so a post changed meanwhile is not moved blindly)."""
    raw = request.headers.get("if-match")
    if raw is None:
        return None
    match = _ETAG.match(raw.strip())
    if not match:
        raise ValidationFailed("If-Match must be an ETag this API gave you, such as \"v3\".", field="If-Match")
    return int(match.group(1))


async def idempotent(
    request: Request[Any, Any, Any], principal: Principal,
    create: Callable[[], Awaitable[tuple[int, Any, dict[str, str]]]],
) -> Response[Any]:
    """Run ``create`` once per ``Idempotency-Key`` of ``principal``: a retry with the same key and body
    replays the first answer; the same key with another body is refused. Without the header, ``create``
    just runs."""
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        status, body, headers = await create()
        return Response(body, status_code=status, headers=headers)
    if not _KEY.match(key):
        raise ValidationFailed("Idempotency-Key must be 1–255 visible ASCII characters.", field="Idempotency-Key")
    container = request.app.state.container
    uow_factory, clock, owner = container.uow_factory(), container.clock(), str(principal.user_id)
    raw = await request.body()
    request_hash = hashlib.sha256(f"{request.method} {request.url.path}\n".encode() + raw).hexdigest()
    async with uow_factory() as uow:
        reserved = await uow.idempotency.reserve(owner, key, request_hash, clock.now())
        stored = None if reserved else await uow.idempotency.get(owner, key)
        await uow.commit()
    if stored is not None:
        if stored.request_hash != request_hash:
            raise ValidationFailed("This Idempotency-Key was used for a different request.",
                                   code="idempotency_key_reused")
        if stored.status_code == 0:
            raise Conflict("A request with this Idempotency-Key is still running; retry shortly.",
                           code="idempotency_in_progress")
        return Response(stored.body, status_code=stored.status_code, media_type="application/json",
                        headers={"Idempotent-Replayed": "true"})
    try:
        status, body, headers = await create()
    except BaseException:
        async with uow_factory() as uow:
            await uow.idempotency.release(owner, key)
            await uow.commit()
        raise
    encoded = _encoder.encode(body)
    async with uow_factory() as uow:
        await uow.idempotency.complete(owner, key, status, encoded)
        await uow.commit()
    return Response(encoded, status_code=status, media_type="application/json", headers=headers)
