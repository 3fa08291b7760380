"""Cursor pagination, Idempotency-Key and If-Match, on the content library."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from litestar import Request, post, put

from inergize.domain.platform.errors import ConfigurationError
from inergize.entrypoints.http import app as app_module
from inergize.entrypoints.http.auth import USER
from inergize.entrypoints.http.conventions import IF_MATCH, expected_version, idempotent


async def test_cursor_pagination_walks_every_item_once(client: Any, make_user: Any, clock: Any) -> None:
    u = await make_user()
    for i in range(5):
        clock.advance(1)
        assert (await client.post("/v1/content", json={"title": f"t{i}"}, headers=u.headers)).status_code == 201
    titles, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        r = await client.get("/v1/content", params=params, headers=u.headers)
        body = r.json()
        titles += [i["title"] for i in body["items"]]
        cursor = body["nextCursor"]
        if not cursor:
            break
    assert titles == ["t4", "t3", "t2", "t1", "t0"]


async def test_limit_out_of_range_is_a_problem(client: Any, make_user: Any) -> None:
    u = await make_user()
    r = await client.get("/v1/content", params={"limit": 1000}, headers=u.headers)
    assert r.status_code == 400


async def test_idempotency_key_replays_instead_of_creating_twice(client: Any, make_user: Any) -> None:
    u = await make_user()
    headers = {**u.headers, "Idempotency-Key": "abc-1"}
    first = await client.post("/v1/content", json={"title": "once"}, headers=headers)
    again = await client.post("/v1/content", json={"title": "once"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and again.headers["idempotent-replayed"] == "true"
    listing = (await client.get("/v1/content", headers=u.headers)).json()["items"]
    assert [i["title"] for i in listing] == ["once"]


async def test_concurrent_retries_with_one_key_create_one_item(client: Any, make_user: Any) -> None:
    u = await make_user()
    headers = {**u.headers, "Idempotency-Key": "burst"}
    answers = await asyncio.gather(*(client.post("/v1/content", json={"title": "b"}, headers=headers)
                                     for _ in range(5)))
    assert {r.status_code for r in answers} <= {201, 409}
    listing = (await client.get("/v1/content", headers=u.headers)).json()["items"]
    assert len(listing) == 1


async def test_same_key_other_body_is_refused(client: Any, make_user: Any) -> None:
    u = await make_user()
    headers = {**u.headers, "Idempotency-Key": "k"}
    await client.post("/v1/content", json={"title": "a"}, headers=headers)
    r = await client.post("/v1/content", json={"title": "b"}, headers=headers)
    assert r.status_code == 422 and r.json()["code"] == "idempotency_key_reused"


async def test_keys_are_per_user(client: Any, make_user: Any) -> None:
    a, b = await make_user(), await make_user()
    r1 = await client.post("/v1/content", json={"title": "a"}, headers={**a.headers, "Idempotency-Key": "same"})
    r2 = await client.post("/v1/content", json={"title": "b"}, headers={**b.headers, "Idempotency-Key": "same"})
    assert r1.status_code == r2.status_code == 201 and r1.json()["id"] != r2.json()["id"]


async def test_edits_need_the_current_etag(client: Any, make_user: Any) -> None:
    u = await make_user()
    created = await client.post("/v1/content", json={"title": "v1"}, headers=u.headers)
    url, tag = created.headers["location"], created.headers["etag"]
    r = await client.patch(url, json={"title": "no etag"}, headers=u.headers)
    assert r.status_code == 428
    r = await client.patch(url, json={"title": "v2"}, headers={**u.headers, "If-Match": tag})
    assert r.status_code == 200 and r.headers["etag"] != tag
    r = await client.patch(url, json={"title": "lost update"}, headers={**u.headers, "If-Match": tag})
    assert r.status_code == 412 and r.json()["code"] == "precondition_failed"
    assert (await client.get(url, headers=u.headers)).json()["title"] == "v2"


async def test_another_users_content_is_not_found(client: Any, make_user: Any) -> None:
    a, b = await make_user(), await make_user()
    url = (await client.post("/v1/content", json={"title": "private"}, headers=a.headers)).headers["location"]
    assert (await client.get(url, headers=b.headers)).status_code == 404
    assert (await client.patch(url, json={"title": "x"}, headers={**b.headers, "If-Match": '"v1"'})).status_code == 404
    assert (await client.delete(url, headers=b.headers)).status_code == 404
    assert (await client.get(url, headers=a.headers)).json()["title"] == "private"


@put("/v1/edits-without-saying", opt=USER)
async def _follows_if_match_undeclared(request: Request[Any, Any, Any]) -> int:
    return expected_version(request)


@put("/v1/says-but-never-checks", opt=USER | IF_MATCH)
async def _declares_if_match_unfollowed() -> None:
    return None


@post("/v1/creates-with-a-key-undeclared", opt=USER)
async def _idempotent_undeclared(request: Request[Any, Any, Any], principal: Any) -> Any:
    async def create() -> Any:
        return 201, {}, {}

    return await idempotent(request, principal, create)


@pytest.mark.parametrize("handler", [_follows_if_match_undeclared, _declares_if_match_unfollowed,
                                     _idempotent_undeclared])
def test_an_app_whose_route_and_declared_conventions_disagree_refuses_to_start(
        handler: Any, container: Any, monkeypatch: Any) -> None:
    """The OpenAPI document is built from the declarations: a route that follows a convention it did not
    declare (or declares one it does not follow) must stop the app at start, not answer 500 later."""

    class Extra:
        ROUTES = [handler]

    monkeypatch.setattr(app_module, "ROUTE_MODULES", [*app_module.ROUTE_MODULES, Extra])
    with pytest.raises(ConfigurationError, match="in its opt"):
        app_module.create_app(container)
