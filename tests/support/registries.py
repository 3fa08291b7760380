"""Registries later tests iterate over, so new tables and routes are covered without anyone
remembering to add them: every user-owned table, and every route with its auth declaration."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.routes import HTTPRoute


def user_owned_tables() -> dict[str, str]:
    from inergize.adapters.persistence.tables import user_owned_tables as owned

    return owned()


def routes(app: Litestar) -> list[tuple[str, str, str]]:
    """(method, path, auth) for every HTTP route handler of ``app``."""
    out = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            if route.path.startswith("/schema"):
                continue
            for method in sorted(handler.http_methods - {"OPTIONS", "HEAD"}):
                out.append((method, route.path, handler.opt.get("auth", "")))
    return out


def owner_scoped_routes(app: Litestar) -> list[tuple[str, str]]:
    """Routes that act on one user's data: what the cross-user authorization test walks."""
    return [(m, p) for m, p, auth in routes(app) if auth == "user"]


__all__: list[Any] = ["owner_scoped_routes", "routes", "user_owned_tables"]
