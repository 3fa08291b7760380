"""The Litestar application factory. It receives the container ``bootstrap`` built; it builds nothing."""

from __future__ import annotations

import gc
from typing import Any

from litestar import Litestar, Router
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.plugins.prometheus import PrometheusConfig

from inergize.entrypoints.http import web_app
from inergize.entrypoints.http.auth import PUBLIC, declared_role, provide_principal, role_guard
from inergize.entrypoints.http.conventions import check_declared_conventions
from inergize.entrypoints.http.deps import bundle_dependencies
from inergize.entrypoints.http.middleware import entry_middleware
from inergize.entrypoints.http.openapi import COMPONENTS, declare_answers
from inergize.entrypoints.http.problems import EXCEPTION_HANDLERS
from inergize.entrypoints.http.routes.accounts import admin, me, mfa, tiers
from inergize.entrypoints.http.routes.accounts import routes as account_routes
from inergize.entrypoints.http.routes.ai import routes as ai_routes
from inergize.entrypoints.http.routes.compliance import campaigns
from inergize.entrypoints.http.routes.compliance import routes as compliance_routes
from inergize.entrypoints.http.routes.content import routes as content_routes
from inergize.entrypoints.http.routes.linkedin import routes as linkedin_routes
from inergize.entrypoints.http.routes.linkedin import signin
from inergize.entrypoints.http.routes.notifications import routes as notification_routes
from inergize.entrypoints.http.routes.platform import ping
from inergize.entrypoints.http.routes.platform import routes as platform_routes
from inergize.entrypoints.http.routes.scheduling import routes as scheduling_routes

# Every route module, by capability. Routes declare who may call them (opt=PUBLIC/USER/ADMIN).
ROUTE_MODULES = [
    platform_routes, content_routes, ping, tiers,  # foundation
    account_routes, me, mfa, notification_routes, admin,  # accounts and security
    linkedin_routes, signin,  # LinkedIn
    ai_routes,  # AI content
    scheduling_routes,  # scheduling and publishing
    compliance_routes, campaigns,  # compliance and safe automation
]


def settle_heap() -> None:
    """The last start-up hook of a serving process. What start-up built (modules, routes, the container,
    the pools) lives as long as the process, about 200,000 objects; each full collection walked them all
    again while requests waited (a fifth of a cached read's CPU). Frozen, the collector only looks at
    what requests create. Not for apps built in tests: frozen garbage is never freed.

    Young collections then come every ``YOUNG_COLLECTION_EVERY`` allocations instead of Python's 700: a
    request allocates hundreds of objects, nearly all freed by reference counting, so at 700 the collector
    ran every few requests to find almost nothing (half the collector's time in a cached read)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])


YOUNG_COLLECTION_EVERY = 10_000


def create_app(container: Any, *, on_startup: list[Any] | None = None, on_shutdown: list[Any] | None = None,
               extra_state: dict[str, Any] | None = None) -> Litestar:
    """The API for ``container``. ``on_startup`` / ``on_shutdown`` hooks come from the entrypoint that
    runs it (the in-process worker, the tick)."""
    settings = container.settings()
    # the web app's catch-all comes last in the list; the router prefers every more specific path anyway
    handlers = [h for module in [*ROUTE_MODULES, web_app] for h in module.ROUTES]
    for handler in handlers:  # a route the guard could not enforce never starts
        declared_role(handler)
    for handler in handlers:  # file uploads get their own, larger body limit
        if handler.opt.get("upload"):
            handler.request_max_body_size = settings.upload_max_bytes
    for handler in handlers:  # every answer a client can get is in the OpenAPI document
        check_declared_conventions(handler)
        declare_answers(handler)
    middleware: list[Any] = [entry_middleware]  # correlation id, API budgets, access log
    if settings.metrics_token:  # request counts and latencies by route template, for /metrics
        middleware.insert(0, PrometheusConfig(app_name="inergize", prefix="inergize", group_path=True,
                                              exclude=["/metrics"]).middleware)
    app = Litestar(
        route_handlers=handlers,
        # the caller, and each capability's bundle of ports under the name handlers declare it by
        dependencies={"principal": Provide(provide_principal), **bundle_dependencies(container)},
        before_request=role_guard,  # the declared role, enforced before any handler runs or reads its body
        exception_handlers=EXCEPTION_HANDLERS,
        middleware=middleware,
        state=State({"container": container, "web": web_app.WebSite(settings.effective_web_dir),
                     **(extra_state or {})}),
        request_max_body_size=settings.max_body_bytes,
        # the API's description is public, like the routes it describes, and not part of it
        openapi_config=OpenAPIConfig(title="InErgize API", version="1", components=COMPONENTS,
                                     openapi_router=Router("/schema", route_handlers=[], opt=PUBLIC,
                                                           include_in_schema=False),
                                     render_plugins=[SwaggerRenderPlugin()]),
        on_startup=on_startup or [],
        on_shutdown=on_shutdown or [],
        debug=False,
    )
    for route in app.routes:  # a route's own before_request hook would replace the guard: refuse to start
        for handler in getattr(route, "route_handlers", []):
            if handler.resolve_before_request() is not role_guard:
                raise ValueError(f"{handler} replaces the app's before_request hook, which enforces roles")
    return app
