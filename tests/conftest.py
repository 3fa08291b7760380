"""The test harness every capability uses.

- ``backend`` runs a test on the embedded default *and* the real server (``sqlite`` / ``postgres``).
- ``container`` is a bootstrapped, migrated InErgize on that backend, with a fake clock and fast
  password hashing; ``client`` is a Litestar test client on the same event loop.
- ``make_user`` creates a user and hands back a principal and a bearer header.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hyp_settings

from tests.fakes.clock import FakeClock
from tests.support import services
from tests.support.containers import SESSION_CLOCK, container_on

# Fixtures shared across kinds: account steps (recording email, budgets, ports), the AI providers'
# wire servers, and the settling fixtures a module opts into.
pytest_plugins = [
    "tests.support.fixtures.accounts",
    "tests.support.fixtures.ai_providers",
    "tests.support.fixtures.settling",
    "tests.support.api_processes",
]

hyp_settings.register_profile("ci", deadline=None, max_examples=60, derandomize=True,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
hyp_settings.register_profile("dev", deadline=None, max_examples=40,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
hyp_settings.load_profile("ci" if services.CI else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(scope="session")
def session_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("inergize")


@pytest.fixture(scope="session")
def pg_url() -> Any:
    url, name = services.create_pg_database()
    yield url
    services.drop_pg_database(name)


@pytest.fixture(scope="session")
def redis_url() -> Any:
    """A reachable Redis and a key prefix of this run's own, removed afterwards."""
    services.check_redis()
    prefix = services.redis_prefix()
    yield services.REDIS_URL, prefix
    services.cleanup_redis(prefix)


@pytest.fixture(params=["memory", "redis"])
async def rate_budget_store(request: pytest.FixtureRequest) -> Any:
    """A RateBudgetStore: in-process, then on real Redis under this run's key prefix."""
    from inergize.adapters.budgets import InProcessRateBudgets, RedisRateBudgets

    async with services.implementation(request, memory=InProcessRateBudgets,
                                       redis=lambda client, prefix: RedisRateBudgets(client, prefix=prefix)) as store:
        yield store


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
async def _session_containers(session_tmp: Path, request: pytest.FixtureRequest) -> AsyncIterator[dict[str, Any]]:
    """One migrated database per backend for the whole session (tests isolate by their own ids)."""
    from inergize.bootstrap import shutdown

    built: dict[str, Any] = {}
    yield built
    for container in built.values():
        await shutdown(container)


@pytest.fixture
def clock() -> FakeClock:
    SESSION_CLOCK.reset(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    return SESSION_CLOCK


@pytest.fixture
async def container(backend: str, request: pytest.FixtureRequest, _session_containers: dict[str, Any],
                    clock: FakeClock) -> Any:
    """A migrated InErgize on ``backend`` whose clock is the test's ``clock``."""
    return await container_on(backend, request, _session_containers)


@pytest.fixture
async def client(container: Any) -> AsyncIterator[Any]:
    """An HTTP client that calls the app in the test's own event loop (httpx's ASGI transport), so the
    container's engines and pools are only ever used from the loop that created them."""
    import httpx

    from inergize.entrypoints.http.app import create_app

    app = create_app(container)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver.local") as tc:
        tc.app = app  # type: ignore[attr-defined]  # registries read the routes from it
        yield tc


class TestUser(msgspec.Struct):
    principal: Any
    user: Any
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
def make_user(container: Any) -> Callable[..., Awaitable[TestUser]]:
    """Create a user straight in the database (the accounts use cases test registration itself)."""
    from inergize.domain.accounts.users import Principal, Role, User

    async def make(role: str = "member", email: str | None = None, **fields: Any) -> TestUser:
        now = container.clock().now()
        user = User(id=uuid.uuid4(), email=email or f"u{uuid.uuid4().hex[:12]}@example.com", role=Role(role),
                    created_at=now, updated_at=now, email_verified_at=now, **fields)
        async with container.uow_factory()() as uow:
            await uow.users.add(user)
            await uow.commit()
        principal = Principal(user.id, user.role)
        return TestUser(principal, user, container.tokens().issue_access(principal, now=now))

    return make
