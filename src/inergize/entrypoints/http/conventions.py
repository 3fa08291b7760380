"""HTTP conventions every endpoint follows: ``Idempotency-Key`` on creating POSTs, ETag / ``If-Match``
on edits, cursor pagination on lists."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Awaitable, Callable
from types import CodeType
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.handlers import HTTPRouteHandler

from inergize.application.platform import idempotency
from inergize.domain.accounts.users import Principal
from inergize.domain.platform.errors import ConfigurationError, PreconditionRequired, ValidationFailed
from inergize.entrypoints.http.deps import platform_deps

IDEMPOTENCY_HEADER = "idempotency-key"
# A route says in its ``opt`` which of these conventions it follows (``opt=USER | IF_MATCH``): the OpenAPI
# document then declares the header and its answers (``openapi.py``), and a convention refuses to run for
# a route that did not say so, so the document cannot silently fall behind the code.
IDEMPOTENT = {"idempotency_key": True}
IDEMPOTENCY_KEY_REQUIRED = {"idempotency_key": "required"}  # a route that keeps the key itself (publishing)
IF_MATCH = {"if_match": "required"}
IF_MATCH_OPTIONAL = {"if_match": "optional"}
_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
_ETAG = re.compile(r'^(?:W/)?"v(\d+)"$')
_encoder = msgspec.json.Encoder()


def etag(version: int) -> str:
    return f'"v{version}"'


def _declared(request: Request[Any, Any, Any], convention: dict[str, Any]) -> None:
    (key, value), = convention.items()
    if request.route_handler.opt.get(key) != value:
        raise ConfigurationError(f"{request.route_handler} follows {convention} without declaring it in its opt.")


def _names_used(code: CodeType) -> set[str]:
    """Every global name ``code`` and the functions defined inside it refer to."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, CodeType):
            names |= _names_used(const)
    return names


def check_declared_conventions(handler: HTTPRouteHandler) -> None:
    """Refuse to start when a handler follows a convention its ``opt`` does not declare, or declares one it
    does not follow: the OpenAPI document is built from the declarations, so both would make it lie."""
    used = _names_used(handler.fn.__code__)
    for function, convention in _CONVENTION_OF.items():
        (key, value), = convention.items()
        follows, declares = function in used, handler.opt.get(key) == value
        if follows != declares:
            raise ConfigurationError(
                f"{handler} {'calls' if follows else 'does not call'} {function}() but "
                f"{'does not declare' if follows else 'declares'} {convention} in its opt.")


def expected_version(request: Request[Any, Any, Any]) -> int:
    """The version the client last saw, from ``If-Match``; edits without it are refused (428)."""
    _declared(request, IF_MATCH)
    version = _if_match(request)
    if version is None:
        raise PreconditionRequired("Send If-Match with the ETag you last read, so edits are not lost.")
    return version


def if_match_version(request: Request[Any, Any, Any]) -> int | None:
    """The version named by ``If-Match`` when the client sent one, for edits that older clients make
    without it (a calendar's drag sends it, so a post changed meanwhile is not moved blindly)."""
    _declared(request, IF_MATCH_OPTIONAL)
    return _if_match(request)


def _if_match(request: Request[Any, Any, Any]) -> int | None:
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
    just runs. The keys are kept by the platform's idempotency use case."""
    _declared(request, IDEMPOTENT)
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        status, body, headers = await create()
        return Response(body, status_code=status, headers=headers)
    if not _KEY.match(key):
        raise ValidationFailed("Idempotency-Key must be 1–255 visible ASCII characters.", field="Idempotency-Key")
    deps = platform_deps(request)
    raw = await request.body()
    request_hash = hashlib.sha256(f"{request.method} {request.url.path}\n".encode() + raw).hexdigest()
    stored = await idempotency.reserve(key, request_hash, principal=principal, deps=deps)
    if stored is not None:
        return Response(stored.body, status_code=stored.status_code, media_type="application/json",
                        headers={"Idempotent-Replayed": "true"})
    try:
        status, body, headers = await create()
    except BaseException:
        await idempotency.release(key, principal=principal, deps=deps)
        raise
    encoded = _encoder.encode(body)
    await idempotency.complete(key, status, encoded, principal=principal, deps=deps)
    return Response(encoded, status_code=status, media_type="application/json", headers=headers)


# The functions above that read a declared convention, by the declaration each needs.
_CONVENTION_OF: dict[str, dict[str, Any]] = {
    "expected_version": IF_MATCH, "if_match_version": IF_MATCH_OPTIONAL, "idempotent": IDEMPOTENT}
