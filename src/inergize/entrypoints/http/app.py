"""The Litestar application factory. It receives the container ``bootstrap`` built; it builds nothing."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin

from inergize.entrypoints.http.auth import provide_principal
from inergize.entrypoints.http.middleware import correlation_middleware
from inergize.entrypoints.http.rate_limits import rate_limit_middleware  # issue 4: API budgets
from inergize.entrypoints.http.problems import EXCEPTION_HANDLERS
from inergize.entrypoints.http.routes import content, system
from inergize.entrypoints.http.routes import accounts, admin_accounts, me, mfa, notifications  # issue 4
from inergize.entrypoints.http.routes import jobs as jobs_routes  # issue 3: /v1/admin/ping
from inergize.entrypoints.http.routes import ai as ai_routes  # issue 6: /v1/ai
from inergize.entrypoints.http.routes import linkedin as linkedin_routes  # issue 5: /v1/linkedin
from inergize.entrypoints.http.routes import linkedin_auth  # issue 5: /v1/auth/linkedin
from inergize.entrypoints.http.routes import tiers as tier_routes  # issue 3: subscription tiers
from inergize.entrypoints.http.routes import schedule as schedule_routes  # issue 7: /v1/schedule
from inergize.entrypoints.http.routes import campaigns as campaign_routes  # issue 8: /v1/campaigns
from inergize.entrypoints.http.routes import compliance as compliance_routes  # issue 8: /v1/compliance

ROUTE_MODULES = [system, content, jobs_routes, ai_routes, tier_routes]
ROUTE_MODULES += [linkedin_routes]  # issue 5: LinkedIn
ROUTE_MODULES += [linkedin_auth]  # issue 5: sign in with LinkedIn

ROUTE_MODULES += [accounts, me, mfa, notifications, admin_accounts]  # issue 4: accounts and security
ROUTE_MODULES += [schedule_routes]  # issue 7: scheduling
ROUTE_MODULES += [compliance_routes, campaign_routes]  # issue 8: compliance and campaigns


def create_app(container: Any, *, on_startup: list[Any] | None = None, on_shutdown: list[Any] | None = None,
               extra_state: dict[str, Any] | None = None) -> Litestar:
    """The API for ``container``. ``on_startup`` / ``on_shutdown`` hooks come from the entrypoint that
    runs it (the in-process worker, the tick)."""
    settings = container.settings()
    handlers = [h for module in ROUTE_MODULES for h in module.ROUTES]
    return Litestar(
        route_handlers=handlers,
        dependencies={"principal": Provide(provide_principal)},
        exception_handlers=EXCEPTION_HANDLERS,
        middleware=[correlation_middleware, rate_limit_middleware],
        state=State({"container": container, **(extra_state or {})}),
        request_max_body_size=settings.max_body_bytes,
        openapi_config=OpenAPIConfig(title="InErgize API", version="1", path="/schema",
                                     render_plugins=[SwaggerRenderPlugin()]),
        on_startup=on_startup or [],
        on_shutdown=on_shutdown or [],
        debug=False,
    )
