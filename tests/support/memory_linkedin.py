"""LinkedIn use cases on the fakes: their ports over the in-memory unit of work and an in-memory LinkedIn,
and users who connected through the consent flow."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from inergize.application.linkedin.connection import complete_connect, start_connect
from inergize.application.linkedin.deps import LinkedInDeps
from tests.fakes.clock import FakeClock
from tests.fakes.secret_box import FakeSecretBox
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.fakes.workbook import StoredWorkbookReader
from tests.support.memory_users import MemoryUser, add_memory_user


def fake_linkedin_deps(database: InMemoryDatabase, clock: FakeClock, gateway: Any) -> LinkedInDeps:
    """``LinkedInDeps`` on ``database`` and ``gateway`` (a ``FakeLinkedInGateway`` or a wrapper of one)."""
    return LinkedInDeps(uow_factory=database, clock=clock, gateway=gateway, secret_box=FakeSecretBox(),
                        redirect_uri="https://app.example/v1/linkedin/callback",
                        signin_redirect_uri="https://app.example/v1/auth/linkedin/callback",
                        workbooks=StoredWorkbookReader(), import_max_bytes=1 << 20, api_version="202506")


async def connected_user(ports: LinkedInDeps, database: InMemoryDatabase) -> MemoryUser:
    """A new user of ``database`` who connected LinkedIn through the consent flow."""
    user = await add_memory_user(database)
    started = await start_connect(principal=user.principal, ports=ports)
    query = parse_qs(urlsplit(started.authorization_url).query)
    await complete_connect(code=query["code"][0], state=query["state"][0], ports=ports)
    return user
