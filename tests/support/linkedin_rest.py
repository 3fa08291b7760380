"""Helpers for tests of the REST adapter against the wire server."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from tests.support.settings import make_settings
from tests.wire import linkedin as linkedin_wire


class Sleeps:
    """A sleeper that records instead of sleeping (and can move a fake clock along)."""

    def __init__(self, clock: Any = None) -> None:
        self.calls: list[float] = []
        self._clock = clock

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        if self._clock is not None:
            self._clock.advance(seconds)


def rest_settings(tmp: Path, base: str, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "linkedin_mode": "rest",
        "linkedin_client_id": linkedin_wire.CLIENT_ID,
        "linkedin_client_secret": linkedin_wire.CLIENT_SECRET,
        "linkedin_oauth_base_url": f"{base}/oauth/v2",
        "linkedin_api_base_url": base,
        "linkedin_api_version": linkedin_wire.VERSION,
    }
    return make_settings(tmp, **(values | overrides))


@asynccontextmanager
async def rest_gateway(
    tmp: Path, clock: Any, *, budgets: Any = None, http_timeout: float = 2.0, **overrides: Any
) -> AsyncIterator[tuple[Any, linkedin_wire.WireState, Sleeps]]:
    """A REST gateway wired to a fresh wire server, with a recording sleeper."""
    from inergize.adapters.linkedin.rest import build_rest_gateway

    with linkedin_wire.serve() as (base, state):
        sleeps = Sleeps(clock)
        # the product's own HTTP client (httpx over aiohttp), so its failure mapping is what is tested
        gateway = build_rest_gateway(
            rest_settings(tmp, base, linkedin_timeout_seconds=http_timeout, **overrides),
            clock=clock,
            budgets=budgets,
            sleeper=sleeps,
            rng=random.Random(7),
        )
        try:
            yield gateway, state, sleeps
        finally:
            await gateway.aclose()
