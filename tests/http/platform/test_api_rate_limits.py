"""API budgets per user, per address and global: 429 with Retry-After and RateLimit headers, on the
in-process store and on Redis, where two API processes (two containers) share one budget. Login
throttling holds on Redis too."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from dependency_injector import providers

from inergize.domain.accounts.users import Principal
from tests.fakes.clock import FakeClock
from tests.support.settings import make_settings

LIMITS = {
    "api_rate_user_per_minute": 3,
    "api_rate_address_per_minute": 2,
    "api_rate_global_per_minute": 1000,
    "login_attempts_per_account": 3,
    "login_attempts_per_address": 50,
}


@pytest.fixture(params=["memory", "redis"])
async def apps(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[list[httpx.AsyncClient]]:
    """Two API processes on one database (and, with Redis, one shared budget store)."""
    from inergize.bootstrap import bootstrap, migrate, shutdown
    from inergize.entrypoints.http.app import create_app

    extra: dict[str, Any] = {}
    if request.param == "redis":
        url, prefix = request.getfixturevalue("redis_url")
        extra = {"redis_url": url, "redis_prefix": prefix + "api:", "broker": "memory"}
    clock = FakeClock()
    containers = [bootstrap(make_settings(tmp_path, **LIMITS, **extra)) for _ in range(2)]
    for c in containers:
        c.clock.override(providers.Object(clock))
    await migrate(containers[0])
    # httpx on this event loop (not a test client's portal thread), so Redis connections stay on one loop
    clients = [
        httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(c)), base_url="http://api")
        for c in containers
    ]
    for tc, c in zip(clients, containers, strict=True):
        tc.container = c  # type: ignore[attr-defined]
    clients[0].clock = clock  # type: ignore[attr-defined]
    clients[0].store = request.param  # type: ignore[attr-defined]
    yield clients
    for tc in clients:
        await tc.aclose()
    for c in containers:
        await shutdown(c)


async def _user_token(client: httpx.AsyncClient) -> str:
    from inergize.application.accounts import create_account

    container = client.container  # type: ignore[attr-defined]
    user = await create_account(
        f"r{uuid.uuid4().hex[:10]}@example.com", "rate-limited-passphrase", ports=container.account_deps()
    )
    return str(container.tokens().issue_access(Principal(user.id), now=container.clock().now()))


def _processes(apps: list[httpx.AsyncClient]) -> list[httpx.AsyncClient]:
    """Alternate between the two processes when they share a store (Redis); in-process budgets belong to
    one process, so there the sequence stays in one."""
    return apps if apps[0].store == "redis" else [apps[0], apps[0]]  # type: ignore[attr-defined]


async def test_user_budget_answers_429_with_headers_across_processes(
    apps: list[httpx.AsyncClient],
) -> None:
    token = await _user_token(apps[0])
    headers = {"Authorization": f"Bearer {token}"}
    procs = _processes(apps)
    first = await procs[0].get("/v1/me", headers=headers)
    assert first.status_code == 200
    assert first.headers["ratelimit"] == "limit=3, remaining=2, reset=60"
    assert first.headers["ratelimit-policy"] == "3;w=60" and first.headers["x-ratelimit-remaining"] == "2"
    assert (await procs[1].get("/v1/me", headers=headers)).headers["x-ratelimit-remaining"] == "1"
    third = await procs[0].get("/v1/me", headers=headers)
    assert third.status_code == 200 and third.headers["ratelimit"].startswith("limit=3, remaining=0")
    refused = await procs[1].get("/v1/me", headers=headers)
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["code"] == "rate_limited" and int(refused.headers["retry-after"]) >= 1
    assert refused.headers["ratelimit"].startswith("limit=3, remaining=0")
    other = await _user_token(apps[0])  # another user is not affected
    assert (await procs[1].get("/v1/me", headers={"Authorization": f"Bearer {other}"})).status_code == 200
    apps[0].clock.advance(seconds=61)  # type: ignore[attr-defined]
    assert (await procs[1].get("/v1/me", headers=headers)).status_code == 200


async def test_anonymous_calls_are_budgeted_per_address(apps: list[httpx.AsyncClient]) -> None:
    for _ in range(2):
        assert (await apps[0].get("/.well-known/jwks.json")).status_code == 200
    r = await apps[0].get("/.well-known/jwks.json")
    assert r.status_code == 429 and "retry-after" in r.headers
    assert (await apps[0].get("/health")).status_code == 200  # probes are never refused


async def test_login_throttling_per_account(apps: list[httpx.AsyncClient]) -> None:
    from inergize.application.accounts import create_account

    container = apps[0].container  # type: ignore[attr-defined]
    email = f"t{uuid.uuid4().hex[:10]}@example.com"
    await create_account(email, "the-right-passphrase", ports=container.account_deps())

    async def headers() -> dict[str, str]:  # another signed-in caller each time: API budgets stay out of it
        return {"Authorization": f"Bearer {await _user_token(apps[0])}"}

    answers = []
    procs = _processes(apps)
    for i in range(4):  # both processes count against the same account when the store is shared
        r = await procs[i % 2].post(
            "/v1/auth/login",
            json={"email": email, "password": f"wrong-{i}-passphrase"},
            headers=await headers(),
        )
        answers.append(r.status_code)
    assert answers == [401, 401, 401, 429]
    r = await procs[1].post(
        "/v1/auth/login", json={"email": email, "password": "the-right-passphrase"}, headers=await headers()
    )
    assert r.status_code == 429 and r.json()["code"] == "too_many_attempts" and "retry-after" in r.headers
    apps[0].clock.advance(seconds=901)  # type: ignore[attr-defined]
    r = await procs[0].post(
        "/v1/auth/login", json={"email": email, "password": "the-right-passphrase"}, headers=await headers()
    )
    assert r.status_code == 200


async def test_a_refusal_by_the_service_wide_budget_speaks_only_of_the_callers_own(tmp_path: Path) -> None:
    from inergize.bootstrap import bootstrap, migrate, shutdown
    from inergize.entrypoints.http.app import create_app

    limits = LIMITS | {"api_rate_user_per_minute": 10, "api_rate_global_per_minute": 3}
    container = bootstrap(make_settings(tmp_path, **limits))
    container.clock.override(providers.Object(FakeClock()))
    await migrate(container)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(container)),
                                 base_url="http://api") as client:
        client.container = container  # type: ignore[attr-defined]
        a = {"Authorization": f"Bearer {await _user_token(client)}"}
        b = {"Authorization": f"Bearer {await _user_token(client)}"}
        for _ in range(3):
            assert (await client.get("/v1/me", headers=a)).status_code == 200
        refused = await client.get("/v1/me", headers=b)
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        # B learns that it must wait, not how much traffic the whole service carries
        assert refused.headers["ratelimit"].startswith("limit=10, remaining=0")
        assert refused.headers["ratelimit-policy"] == "10;w=60"
    await shutdown(container)
