"""The LinkedIn wire server and a REST gateway to it, for the publishing tests on the databases and on
the in-memory unit of work alike (the gateway reads the settings and the clock of either container)."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from tests.support.scheduling import Wire
from tests.wire import linkedin as linkedin_wire


@pytest.fixture
def wire() -> Any:
    """The LinkedIn wire server, taking the fixed test token as the post's author."""
    with linkedin_wire.serve(linkedin_wire.WireState(trust_tokens=True)) as (url, state):
        yield Wire(url, state)


@pytest.fixture
async def rest_gateway(container: Any, wire: Wire) -> Any:
    from inergize.bootstrap.linkedin import rest_gateway

    settings = msgspec.structs.replace(
        container.settings(),
        linkedin_api_base_url=wire.url,
        linkedin_client_id="cid",
        linkedin_client_secret="secret",
    )

    async def no_sleep(_: float) -> None:
        return None

    gateway = rest_gateway(settings, clock=container.clock(), budgets=None, sleeper=no_sleep)
    yield gateway
    await gateway.aclose()
