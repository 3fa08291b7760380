"""What each operation of the OpenAPI document says it can answer, derived from what its route declares.

A client generated from the document must be able to handle every answer it gets, so every error an
operation can give is declared, as ``application/problem+json`` with the one :class:`Problem` schema:

- every API route: 429 when an API budget is spent (with ``Retry-After`` and the ``RateLimit`` headers),
  and 503 when the database cannot be reached (``storage_unavailable``, with ``Retry-After``);
- ``opt`` role ``user`` / ``admin``: 401 and 403, and the ``bearer`` security scheme;
- path parameters: 404; query, header or cookie parameters: 400 and 422; a body: 400, 413 and 422;
- ``IF_MATCH`` / ``IF_MATCH_OPTIONAL`` (conventions): the ``If-Match`` header, 412 (and 428 when required);
- ``IDEMPOTENT`` (conventions): the ``Idempotency-Key`` header, 409 and 422;
- the ports it takes: LinkedIn's (no connection, re-consent, LinkedIn down …) and the AI's (budget, providers);
- whatever else the route's use cases answer, named by the route with ``opt=... | answers(404, 409)``;
- a file as the answer (``opt=... | files("text/csv")``): its media types instead of JSON.

``create_app`` calls :func:`declare_answers` on every handler; Litestar's own 400 shape never appears.
``tests/http/platform/test_openapi_truth.py`` runs a fuzzer over the whole document to keep it true."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import (
    Components,
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Parameter,
    Reference,
    Schema,
    SecurityScheme,
)

from inergize.entrypoints.http.deps import BUNDLES
from inergize.entrypoints.http.problems import PROBLEM_MEDIA_TYPE, Problem
from inergize.entrypoints.http.rate_limits import EXEMPT

BEARER = "bearer"
COMPONENTS = Components(security_schemes={BEARER: SecurityScheme(
    type="http", scheme="bearer", bearer_format="JWT",
    description="The access token from `POST /v1/auth/login` (or `/login/mfa`, `/refresh`).")})

# What each error status means in this API; the problem's ``code`` says which case it is.
MEANING = {
    400: "The request is malformed: a parameter or the body does not match this operation (`errors` says where).",
    401: "No valid access token: send `Authorization: Bearer <token>` with a live session.",
    402: "A quota of your subscription is used up.",
    403: "You may not do this (your role, your account's state or whose resource it is).",
    404: "There is no such resource for you.",
    409: "The request conflicts with the resource's state (or its Idempotency-Key is still being answered).",
    412: "The resource changed since the ETag you sent in If-Match; read it again.",
    413: "The body is larger than this API accepts.",
    415: "The body's media type is not one this operation reads.",
    422: "The request is well-formed but a value is refused (`code` and `field` say which).",
    428: "Send If-Match with the ETag you last read, so edits are not lost.",
    429: "An API budget is spent; retry after `Retry-After` seconds.",
    501: "Not available with this configuration or connection.",
    503: "The database or an outside service (LinkedIn, an AI provider, email) is unavailable; retry later.",
}

# What a capability's ports can refuse, for every route that takes its bundle (``linkedin: LinkedInDeps``).
BUNDLE_ANSWERS = {
    # not connected, re-consent needed or a duplicate post, content LinkedIn refuses, a capability the
    # connection lacks, LinkedIn down; a LinkedIn error of no known family is a 400
    "linkedin": (400, 404, 409, 422, 501, 503),
    # the monthly AI budget, moderation blocking the text, every provider down
    "ai": (402, 409, 503),
}

_INPUT_OF_THE_FRAMEWORK = frozenset({"request", "data", "principal", "state", "scope", "headers", "cookies",
                                     "query", "body", "socket"})


def answers(*statuses: int) -> dict[str, Any]:
    """A route's ``opt`` part naming the error statuses its use cases answer beyond the derived ones."""
    unknown = sorted(set(statuses) - MEANING.keys())
    if unknown:
        raise ValueError(f"no meaning is written for {unknown}: add it to MEANING")
    return {"answers": tuple(statuses)}


def files(*media_types: str) -> dict[str, Any]:
    """A route's ``opt`` part saying its success answer is a file of one of ``media_types``, not JSON."""
    return {"files": tuple(media_types)}


def _rate_limit_headers() -> dict[str, OpenAPIHeader | Reference]:
    integer = Schema(type=OpenAPIType.INTEGER)
    text = Schema(type=OpenAPIType.STRING)
    return {
        "Retry-After": OpenAPIHeader(schema=integer, description="Seconds until a retry may succeed."),
        "RateLimit": OpenAPIHeader(schema=text, description="`limit=…, remaining=…, reset=…` of the budget."),
        "RateLimit-Policy": OpenAPIHeader(schema=text, description="`<limit>;w=<window seconds>`."),
    }


def _header(name: str, schema: Schema, *, required: bool, description: str) -> Parameter:
    return Parameter(name=name, param_in="header", required=required, schema=schema, description=description)


IF_MATCH_HEADER = "If-Match"
IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"
_ETAG = Schema(type=OpenAPIType.STRING, pattern=r'^(W/)?"v[0-9]+"$', examples=['"v1"'])
_BINARY = Schema(type=OpenAPIType.STRING, format="binary")  # type: ignore[arg-type]
_KEY = Schema(type=OpenAPIType.STRING, pattern=r"^[\x21-\x7e]{1,255}$", min_length=1, max_length=255)


def _is_api(handler: HTTPRouteHandler) -> bool:
    return not any(path in EXEMPT for path in handler.paths)


def _path_parameters(handler: HTTPRouteHandler) -> set[str]:
    names = set()
    for path in handler.paths:
        for part in path.split("/"):
            if part.startswith("{"):
                names.add(part.strip("{}").split(":")[0])
    return names


def _declared_body(handler: HTTPRouteHandler) -> bool:
    return ("data" in handler.parsed_fn_signature.parameters
            or getattr(handler.operation_class, "declared_body", None) is not None)


def _has_parameters(handler: HTTPRouteHandler) -> bool:
    """Query, header or cookie input that Litestar validates (a bad value is a 400)."""
    skip = _INPUT_OF_THE_FRAMEWORK | BUNDLES.keys() | _path_parameters(handler)
    return any(name not in skip for name in handler.parsed_fn_signature.parameters)


def error_statuses(handler: HTTPRouteHandler) -> set[int]:
    """Every error status ``handler`` can answer, from its declarations (see the module's docstring)."""
    opt = handler.opt
    statuses: set[int] = set(opt.get("answers", ()))
    if _is_api(handler):
        statuses |= {429, 503}
    if opt.get("auth") in ("user", "admin"):
        statuses |= {401, 403}
    if _path_parameters(handler):
        statuses.add(404)
    if _has_parameters(handler):
        statuses |= {400, 422}
    if _declared_body(handler):
        statuses |= {400, 413, 422}
    if opt.get("if_match"):
        statuses |= {412, 422} | ({428} if opt["if_match"] == "required" else set())
    if opt.get("idempotency_key"):
        statuses |= {409, 422}
    for bundle in handler.parsed_fn_signature.parameters.keys() & BUNDLE_ANSWERS.keys():
        statuses.update(BUNDLE_ANSWERS[bundle])
    return statuses


def declare_answers(handler: HTTPRouteHandler) -> None:
    """Declare on ``handler`` the error answers, headers and security its operation documents. Safe to
    call again for the same handler (each app a test builds does)."""
    statuses = error_statuses(handler)
    problems = {status: ResponseSpec(data_container=Problem, media_type=PROBLEM_MEDIA_TYPE,
                                     description=MEANING[status], generate_examples=False)
                for status in sorted(statuses)}
    handler.responses = {**problems, **(handler.responses or {})}
    base = getattr(handler.operation_class, "declared_from", handler.operation_class)
    handler.operation_class = _finished_operation(base, handler, frozenset(handler.responses))


def _finished_operation(base: type[Operation], handler: HTTPRouteHandler,
                        declared: frozenset[int]) -> type[Operation]:
    """An Operation class that adds what Litestar cannot see in the handler's signature: the
    convention headers, the 429's headers, the security requirement; and drops Litestar's own 400."""
    opt = dict(handler.opt)

    @dataclass
    class Finished(base):  # type: ignore[valid-type, misc]
        declared_from = base

        def __post_init__(self) -> None:
            operation: Operation = self
            if hasattr(base, "__post_init__"):
                base.__post_init__(self)
            responses = operation.responses or {}
            for status in [s for s in responses if s.isdigit() and int(s) >= 400 and int(s) not in declared]:
                del responses[status]  # Litestar's ValidationException shape, which we never send
            limited = responses.get("429")
            if isinstance(limited, OpenAPIResponse):
                limited.headers = _rate_limit_headers()
            if opt.get("auth") in ("user", "admin"):
                operation.security = [{BEARER: []}]
            headers = []
            if opt.get("if_match"):
                required = opt["if_match"] == "required"
                headers.append(_header(IF_MATCH_HEADER, _ETAG, required=required, description=(
                    "The ETag you last read: the change applies only if nothing changed since."
                    + ("" if required else " Without it the change applies to whatever is current."))))
            if opt.get("files"):
                success = next((r for s, r in responses.items() if s.startswith("2")), None)
                if isinstance(success, OpenAPIResponse):
                    success.content = {media_type: OpenAPIMediaType(schema=_BINARY) for media_type in opt["files"]}
            if opt.get("idempotency_key"):
                required = opt["idempotency_key"] == "required"
                headers.append(_header(IDEMPOTENCY_KEY_HEADER, _KEY, required=required, description=(
                    "Makes a retry safe: the same key and body replay the first answer "
                    "(`Idempotent-Replayed: true`); the same key with another body is a 422.")))
            if headers:
                operation.parameters = [*(operation.parameters or []), *headers]

    Finished.__name__ = Finished.__qualname__ = f"{base.__name__}Declared"
    return Finished


__all__ = ["COMPONENTS", "MEANING", "answers", "declare_answers", "error_statuses", "files"]
