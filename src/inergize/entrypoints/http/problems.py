"""RFC 9457 problem details: every error leaves the API as ``application/problem+json``."""

from __future__ import annotations

from typing import Any

import msgspec
import structlog
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException

from inergize.domain.platform import errors

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://inergize.app/problems/"
# The entry middleware gives every answer it sees ``nosniff`` and marks the scope ENTERED; the router's
# own 404 and 405 never reach it, so their problems carry the header themselves.
NOSNIFF = (b"x-content-type-options", b"nosniff")
ENTERED = "inergize.entered"
log = structlog.get_logger("inergize.http")


class Problem(msgspec.Struct, kw_only=True):
    """The body of every error answer (``application/problem+json``, RFC 9457). ``code`` is stable and what
    clients branch on; ``type`` is the same code as a URI. Some problems carry more members (``field``,
    ``role``, ``reasons`` …), which a client may read and must otherwise ignore."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    instance: str | None = None
    field: str | None = None  # the input a validation problem is about
    errors: list[dict[str, Any]] | None = None  # where a malformed request went wrong (400 invalid_request)

STATUS: dict[type[errors.InergizeError], int] = {
    errors.ValidationFailed: 422,
    errors.NotFound: 404,
    errors.Unauthorized: 401,
    errors.Forbidden: 403,
    errors.Conflict: 409,
    errors.PreconditionFailed: 412,
    errors.PreconditionRequired: 428,
    errors.RateLimited: 429,
    errors.QuotaExceeded: 402,
    errors.ComplianceBlocked: 409,
    errors.ProviderUnavailable: 503,
    errors.StorageUnavailable: 503,
    errors.CapabilityUnavailable: 501,
    errors.ConfigurationError: 500,
}

# Codes for framework errors, so clients can rely on ``type`` for those too.
HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    406: "not_acceptable", 409: "conflict", 413: "body_too_large", 415: "unsupported_media_type",
    429: "rate_limited", 500: "internal_error", 503: "unavailable",
}


def status_for(exc: errors.InergizeError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def problem(status: int, code: str, title: str, detail: str, instance: str | None = None,
            headers: dict[str, str] | None = None, **extra: Any) -> Response[dict[str, Any]]:
    body: dict[str, Any] = {"type": TYPE_BASE + code, "title": title, "status": status, "detail": detail,
                            "code": code}
    if instance:
        body["instance"] = instance
    body.update({k: v for k, v in extra.items() if v is not None})
    return Response(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def handle_inergize_error(request: Request[Any, Any, Any], exc: errors.InergizeError) -> Response[Any]:
    status = status_for(exc)
    headers = {}
    if isinstance(exc, errors.RateLimited | errors.StorageUnavailable):
        headers["Retry-After"] = str(max(1, round(exc.retry_after + 0.499)))
    if status >= 500:
        log.error("request.failed", code=exc.code, detail=exc.detail)
    return problem(status, exc.code, exc.title, exc.detail, request.url.path, headers=headers or None,
                   **exc.extra)


def handle_validation(request: Request[Any, Any, Any], exc: ValidationException) -> Response[Any]:
    errors_out = exc.extra if isinstance(exc.extra, list) else None
    return problem(400, "invalid_request", "The request is not valid", str(exc.detail), request.url.path,
                   errors=errors_out)


def handle_http(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    status = exc.status_code
    code = HTTP_CODES.get(status, "http_error")
    if status >= 500:
        log.error("request.failed", status=status, detail=exc.detail)
    return problem(status, code, code.replace("_", " ").capitalize(), str(exc.detail), request.url.path,
                   headers=exc.headers)


def handle_unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    # Never leak internals: the correlation id in the log ties the two together.
    log.exception("request.crashed", error_type=type(exc).__name__)
    return problem(500, "internal_error", "Internal error", "Something went wrong on our side.", request.url.path)


def _nosniff_outside_middleware(handler: Any) -> Any:
    def handle(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
        answer: Response[Any] = handler(request, exc)
        if ENTERED not in request.scope:
            answer.headers[NOSNIFF[0].decode()] = NOSNIFF[1].decode()
        return answer

    return handle


EXCEPTION_HANDLERS: dict[Any, Any] = {
    errors.InergizeError: _nosniff_outside_middleware(handle_inergize_error),
    ValidationException: _nosniff_outside_middleware(handle_validation),
    HTTPException: _nosniff_outside_middleware(handle_http),
    Exception: _nosniff_outside_middleware(handle_unexpected),
}

__all__ = ["EXCEPTION_HANDLERS", "PROBLEM_MEDIA_TYPE", "MediaType", "Problem", "problem"]
