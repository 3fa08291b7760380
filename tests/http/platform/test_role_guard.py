"""The declared role of every route is enforced at the door: a member never reaches an admin handler,
whatever id the path names (their own included), and a route whose role the guard does not know is
refused, both when the app is built and at the door."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import pytest
from litestar import Litestar, get

from inergize.entrypoints.http import app as app_module
from inergize.entrypoints.http.auth import ROLES, declared_role, is_automatic_options, role_guard
from inergize.entrypoints.http.problems import EXCEPTION_HANDLERS
from tests.support.openapi_bodies import request_body
from tests.support.registries import routes

PARAM = re.compile(r"\{(\w+):(\w+)\}")


def _fill(path: str, ident: str) -> str:
    """``path`` with every parameter set to ``ident`` (a uuid) or a string made from it."""
    return PARAM.sub(lambda m: ident if m.group(2) == "uuid" else f"p{ident[:8]}", path)


def admin_routes(app: Any) -> list[tuple[str, str]]:
    return [(m, p) for m, p, auth in routes(app) if auth == "admin"]


async def test_every_admin_route_refuses_a_member_before_the_handler_runs(client: Any, make_user: Any,
                                                                          container: Any) -> None:
    member, admin = await make_user(), await make_user(role="admin")
    walked = admin_routes(client.app)
    assert len(walked) >= 8 and any("{" in p for _, p in walked)
    for method, path in walked:
        for ident in (str(member.user.id), str(uuid.uuid4()), str(admin.user.id)):
            concrete = _fill(path, ident)
            body = request_body(client.app, method, path, ident)
            r = await client.request(method, concrete, json=body, headers=member.headers)
            where = f"{method} {concrete}"
            assert r.status_code == 403, f"{where} -> {r.status_code} {r.text[:200]}"
            assert r.headers["content-type"].startswith("application/problem+json"), where
            # the guard's refusal names the role it required: the use case was never asked
            assert r.json()["code"] == "forbidden" and r.json()["role"] == "admin", where
    async with container.uow_factory()(read_only=True) as uow:
        assert (await uow.users.get(member.user.id)).tier == member.user.tier  # nothing changed


async def test_admin_routes_let_an_admin_in_and_ask_strangers_to_authenticate(client: Any,
                                                                               make_user: Any) -> None:
    admin = await make_user(role="admin")
    r = await client.get(f"/v1/admin/users/{admin.user.id}/tier", headers=admin.headers)
    assert r.status_code == 200, r.text
    assert (await client.get("/v1/admin/users", headers=admin.headers)).status_code == 200
    for method, path in admin_routes(client.app):
        r = await client.request(method, _fill(path, str(uuid.uuid4())))
        assert r.status_code == 401 and r.json()["code"] == "unauthorized", f"{method} {path}"


async def test_a_user_route_is_closed_to_an_invalid_token_before_its_body_is_read(client: Any) -> None:
    r = await client.post("/v1/content", content=b"{not json", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401 and r.json()["code"] == "unauthorized"


async def test_the_route_walk_knows_every_declared_role(client: Any) -> None:
    table = routes(client.app)
    unknown = [(m, p, auth) for m, p, auth in table if auth not in ROLES]
    assert unknown == [], "declare opt=PUBLIC/USER/ADMIN (roles the guard enforces) on these handlers"
    for route in client.app.routes:
        for handler in getattr(route, "route_handlers", []):
            if not route.path.startswith("/schema") and not is_automatic_options(handler):
                declared_role(handler)


@get("/v1/owners-only", opt={"auth": "owner"})
async def _owner_route() -> str:
    return "reached"


@get("/v1/nobody-said", opt={})
async def _undeclared_route() -> str:
    return "reached"


@pytest.mark.parametrize("handler", [_owner_route, _undeclared_route])
def test_a_route_with_an_unknown_or_missing_role_fails_the_walk_and_the_app(handler: Any, container: Any,
                                                                           monkeypatch: Any) -> None:
    with pytest.raises(ValueError, match="declares auth="):
        declared_role(handler)

    class Extra:
        ROUTES = [handler]

    monkeypatch.setattr(app_module, "ROUTE_MODULES", [*app_module.ROUTE_MODULES, Extra])
    with pytest.raises(ValueError, match="declares auth="):
        app_module.create_app(container)


@pytest.mark.parametrize("handler", [_owner_route, _undeclared_route])
async def test_the_guard_refuses_a_role_it_does_not_know(handler: Any) -> None:
    app = Litestar(route_handlers=[handler], before_request=role_guard, exception_handlers=EXCEPTION_HANDLERS)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://x") as c:
        r = await c.get(next(iter(handler.paths)))
    assert r.status_code == 403 and r.json()["code"] == "forbidden" and r.json()["role"] in ("owner", "None")


async def test_the_automatic_options_answer_stays_open(client: Any) -> None:
    r = await client.options("/v1/content")
    assert r.status_code == 204, r.text
