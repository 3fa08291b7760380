"""The HTTP shell: problem+json for every kind of bad input, health, readiness, schema, correlation ids."""

from __future__ import annotations

from typing import Any

import pytest

PROBLEM = "application/problem+json"


async def test_health_and_schema(client: Any) -> None:
    r = await client.get("/health")
    assert r.status_code == 200 and r.json() == {"status": "ok"}
    r = await client.get("/schema/openapi.json")
    assert r.status_code == 200 and "/v1/content" in r.json()["paths"]


async def test_ready_names_each_dependency(client: Any) -> None:
    r = await client.get("/ready")
    assert r.status_code == 200
    names = {c["name"]: c["ok"] for c in r.json()["checks"]}
    assert names["database"] is True


async def test_ready_says_which_dependency_failed(client: Any, container: Any) -> None:
    class Broken:
        name = "database"

        async def check(self) -> None:
            raise ConnectionError("refused")

    from dependency_injector import providers

    container.health_checks.override(providers.Object([Broken()]))
    try:
        r = await client.get("/ready")
    finally:
        container.health_checks.reset_override()
    assert r.status_code == 503
    assert r.json()["checks"] == [{"name": "database", "ok": False, "error": "ConnectionError: refused"}]


async def test_correlation_id_is_echoed_or_made(client: Any) -> None:
    r = await client.get("/health", headers={"X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    r = await client.get("/health", headers={"X-Request-ID": "evil\nid" * 20})
    assert r.headers["x-request-id"] != "evil\nid" * 20 and len(r.headers["x-request-id"]) == 32


@pytest.mark.parametrize(("body", "content_type"), [
    (b"{not json", "application/json"),
    (b'{"title": 5}', "application/json"),
    (b'{"title": "ok", "unknown": 1}', "application/json"),
    (b'{"body": "missing title"}', "application/json"),
    (b'{"title": "ok", "kind": "tweet"}', "application/json"),
    (b"[]", "application/json"),
    (b'"\\ud800"', "application/json"),
])
async def test_bad_input_is_a_4xx_problem(client: Any, make_user: Any, body: bytes, content_type: str) -> None:
    u = await make_user()
    r = await client.post("/v1/content", content=body, headers={**u.headers, "Content-Type": content_type})
    assert 400 <= r.status_code < 500, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    problem = r.json()
    assert problem["type"].startswith("https://inergize.app/problems/") and problem["status"] == r.status_code


async def test_oversized_body_is_413_problem(client: Any, make_user: Any, container: Any) -> None:
    u = await make_user()
    limit = container.settings().max_body_bytes
    r = await client.post("/v1/content", content=b'{"title":"' + b"x" * (limit + 10) + b'"}',
                          headers={**u.headers, "Content-Type": "application/json"})
    assert r.status_code == 413 and r.headers["content-type"].startswith(PROBLEM)


async def test_domain_validation_is_422_problem(client: Any, make_user: Any) -> None:
    u = await make_user()
    r = await client.post("/v1/content", json={"title": "x" * 500}, headers=u.headers)
    assert r.status_code == 422
    assert r.json()["code"] == "validation_error" and r.json()["field"] == "title"


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer not.a.jwt", "Basic abc"])
async def test_missing_or_bad_token_is_401_problem(client: Any, header: str | None) -> None:
    r = await client.get("/v1/content", headers={"Authorization": header} if header else {})
    assert r.status_code == 401 and r.headers["content-type"].startswith(PROBLEM)


async def test_expired_token_is_refused(client: Any, make_user: Any, clock: Any) -> None:
    u = await make_user()
    clock.advance(minutes=16)
    r = await client.get("/v1/content", headers=u.headers)
    assert r.status_code == 401 and r.json()["code"] == "token_expired"


async def test_unknown_route_and_method_are_problems(client: Any) -> None:
    r = await client.get("/v1/nope")
    assert r.status_code == 404 and r.headers["content-type"].startswith(PROBLEM)
    r = await client.put("/health")
    assert r.status_code == 405 and r.headers["content-type"].startswith(PROBLEM)


async def test_file_uploads_have_their_own_larger_limit(client: Any, make_user: Any, container: Any) -> None:
    """A real LinkedIn export is megabytes: upload routes take up to UPLOAD_MAX_BYTES, JSON stays small."""
    u = await make_user()
    big = b"PK" + b"\0" * (container.settings().max_body_bytes * 2)
    r = await client.post("/v1/linkedin/imports/data-export", content=big,
                          headers={**u.headers, "Content-Type": "application/zip"})
    assert r.status_code != 413 and 400 <= r.status_code < 500, r.text  # read, then refused as a bad ZIP
    r = await client.post("/v1/content", content=b'{"title":"' + b"x" * len(big) + b'"}',
                          headers={**u.headers, "Content-Type": "application/json"})
    assert r.status_code == 413
