"""Helpers for tests of the REST adapter against the wire server, and connecting a LinkedIn account."""

from __future__ import annotations

import random
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from dependency_injector import providers

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
    from inergize.bootstrap.linkedin import rest_gateway

    with linkedin_wire.serve() as (base, state):
        sleeps = Sleeps(clock)
        # the product's own HTTP client (httpx over aiohttp), so its failure mapping is what is tested
        gateway = rest_gateway(
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


@asynccontextmanager
async def rest_container(container: Any, tmp_path: Any, **overrides: Any) -> AsyncIterator[Any]:
    """The container with its LinkedIn adapter swapped for the REST one, talking to a wire server."""
    from inergize.bootstrap.linkedin import rest_gateway

    with linkedin_wire.serve() as (base, state):
        gw = rest_gateway(
            rest_settings(tmp_path, base, linkedin_timeout_seconds=2.0, **overrides),
            clock=container.clock(),
            budgets=None,
            sleeper=Sleeps(),
            rng=random.Random(1),
        )
        container.linkedin.override(providers.Object(gw))
        state.base_url = base  # type: ignore[attr-defined]
        try:
            yield state
        finally:
            container.linkedin.reset_override()
            await gw.aclose()


async def connect_linkedin(
    client: Any,
    user: Any,
    state: linkedin_wire.WireState | None = None,
    member: linkedin_wire.Member | None = None,
) -> dict[str, Any]:
    """Connect ``user``'s LinkedIn through the API: on the sandbox, or (given the wire ``state``) as
    ``member`` consenting on the wire server; the callback's answer."""
    r = await client.post("/v1/linkedin/connect", headers=user.headers)
    assert r.status_code == 200, r.text
    url = r.json()["authorizationUrl"]
    query = parse_qs(urlsplit(url).query)
    if state is None:  # the sandbox sends the browser straight back with a code
        code, oauth_state = query["code"][0], query["state"][0]
    else:  # the member consents on "LinkedIn"
        assert query["scope"] == ["openid profile email w_member_social"]
        code, oauth_state = (
            state.authorize(
                member or linkedin_wire.Member(uuid.uuid4().hex, "Ada Lovelace", "ada@example.com")
            ),
            query["state"][0],
        )
    r = await client.get("/v1/linkedin/callback", params={"code": code, "state": oauth_state})
    assert r.status_code == 200, r.text
    return {"state": oauth_state, "code": code, **r.json()}
