"""Liveness, readiness, Prometheus metrics and the public keys that verify our access tokens."""

from __future__ import annotations

import hmac
from typing import Any

from litestar import Request, Response, get

from inergize.application.platform.health import check_readiness
from inergize.domain.platform.errors import NotFound, Unauthorized
from inergize.entrypoints.http.auth import PUBLIC
from inergize.entrypoints.http.deps import PlatformDeps


@get("/health", opt=PUBLIC, sync_to_thread=False, include_in_schema=True)
def health() -> dict[str, str]:
    """The process is alive (no dependency is asked)."""
    return {"status": "ok"}


@get("/ready", opt=PUBLIC)
async def ready(platform: PlatformDeps) -> Response[Any]:
    """Every dependency of the running configuration answers; otherwise 503 naming the failed ones."""
    result = await check_readiness(platform.health_checks)
    return Response(result, status_code=200 if result.ready else 503)


@get("/.well-known/jwks.json", opt=PUBLIC)
async def jwks(platform: PlatformDeps) -> dict[str, object]:
    return platform.tokens.public_jwks()


@get("/metrics", opt=PUBLIC, include_in_schema=False)
async def metrics(request: Request[Any, Any, Any], platform: PlatformDeps) -> Response[bytes]:
    """Prometheus metrics, for the bearer of ``INERGIZE_METRICS_TOKEN``; off (404) without one."""
    token = platform.metrics_token
    if not token:
        raise NotFound("Metrics are off (set INERGIZE_METRICS_TOKEN).", code="metrics_off")
    given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise Unauthorized("The metrics token is missing or wrong.", code="metrics_token")
    body, content_type = await platform.metrics.render()
    return Response(body, media_type=content_type)


ROUTES = [health, ready, jwks, metrics]
