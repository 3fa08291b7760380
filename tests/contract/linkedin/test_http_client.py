"""The REST adapter's HTTP client (aiohttp) against raw sockets: which failures mean "nothing
was sent" and which mean "LinkedIn may have acted", since the retry rules and duplicate recovery rest on
that difference."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from inergize.adapters.linkedin.rest.http import ConnectFailed, HttpClient, RequestFailed, TimedOut
from inergize.bootstrap.linkedin import rest_gateway
from inergize.domain.linkedin.auth import MemberAuth
from inergize.domain.linkedin.errors import LinkedInUnavailable
from inergize.domain.linkedin.posts import PostRequest
from tests.fakes.clock import FakeClock
from tests.support.linkedin_rest import Sleeps, rest_settings
from tests.wire.loopback import free_port

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter, int], Awaitable[None]]
AUTH = MemberAuth(access_token="token", member_urn="urn:li:person:abc")


@asynccontextmanager
async def raw_server(handler: Handler) -> AsyncIterator[str]:
    """A TCP server on the test's loop; ``handler`` gets each connection and its 0-based number."""
    connections = 0

    async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        number, connections = connections, connections + 1
        try:
            await handler(reader, writer, number)
        finally:
            writer.close()

    server = await asyncio.start_server(on_connect, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        await server.wait_closed()


async def read_request(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        (int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")),
        0,
    )
    return head + await reader.readexactly(length)


@asynccontextmanager
async def http(seconds: float) -> AsyncIterator[HttpClient]:
    client = HttpClient(seconds)
    try:
        yield client
    finally:
        await client.aclose()


async def test_a_refused_connection_is_a_connect_failure_nothing_was_sent() -> None:
    async with http(2.0) as client:
        with pytest.raises(ConnectFailed):
            await client.request("POST", f"http://127.0.0.1:{free_port()}/rest/posts", json={})


async def test_a_connection_dropped_after_the_request_may_have_acted() -> None:
    async def drop(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, _: int) -> None:
        await read_request(reader)  # the request arrived: LinkedIn may have acted on it

    async with raw_server(drop) as url, http(2.0) as client:
        with pytest.raises(RequestFailed):
            await client.request("POST", f"{url}/rest/posts", json={})


async def test_a_slow_answer_is_a_timeout() -> None:
    async def stall(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, _: int) -> None:
        await read_request(reader)
        await asyncio.sleep(1.0)

    async with raw_server(stall) as url, http(0.2) as client:
        with pytest.raises(TimedOut):
            await client.request("POST", f"{url}/rest/posts", json={})


async def test_urls_go_out_exactly_as_built_and_bodies_as_asked() -> None:
    """Rest.li URNs and signed upload URLs must not be re-quoted; JSON, form and raw bodies are sent as
    JSON, urlencoded and bytes; headers are read case-insensitively."""
    seen: list[bytes] = []

    async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, _: int) -> None:
        while True:
            try:
                seen.append(await read_request(reader))
            except asyncio.IncompleteReadError:
                return
            writer.write(b"HTTP/1.1 201 Created\r\nX-RestLi-Id: urn:li:share:1\r\ncontent-length: 2\r\n\r\n{}")
            await writer.drain()

    path = "/rest/posts/urn%3Ali%3Ashare%3A1?ids=List(urn%3Ali%3Aperson%3Aa)&sig=a%2Fb%3D"
    async with raw_server(echo) as url, http(2.0) as client:
        r = await client.request("POST", url + path, json={"commentary": "é"})
        await client.request("POST", url + "/oauth", data={"grant_type": "refresh_token", "x": "a b&c"})
        await client.request("PUT", url + "/upload", content=b"\x00\x01")
    assert r.status_code == 201 and r.headers.get("x-restli-id") == "urn:li:share:1" and r.json() == {}
    assert seen[0].startswith(f"POST {path} HTTP/1.1".encode())
    assert b"application/json" in seen[0] and seen[0].endswith('{"commentary":"é"}'.encode())
    assert seen[1].endswith(b"grant_type=refresh_token&x=a+b%26c")
    assert seen[2].endswith(b"\r\n\r\n\x00\x01")


async def test_a_dropped_publish_then_a_duplicate_answer_recovers_the_existing_post(tmp_path: Path) -> None:
    """The first attempt reaches the server and the connection drops; the retry is answered 422 naming
    the share the first attempt created. That share is this post: recovered, not a second post."""

    async def server(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, number: int) -> None:
        await read_request(reader)
        if number == 0:
            return  # dropped after the post was created
        body = b'{"status":422,"message":"Content is a duplicate of urn:li:share:777"}'
        writer.write(
            b"HTTP/1.1 422 Unprocessable Entity\r\ncontent-type: application/json\r\n"
            b"content-length: %d\r\n\r\n%s" % (len(body), body)
        )
        await writer.drain()

    clock = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    async with raw_server(server) as url:
        gateway = rest_gateway(
            rest_settings(tmp_path, url), clock=clock, budgets=None, sleeper=Sleeps(), rng=random.Random(3)
        )
        try:
            post = await gateway.publish_post(AUTH, PostRequest(commentary="Only once"))
        finally:
            await gateway.aclose()
    assert post.urn == "urn:li:share:777" and post.recovered_duplicate


async def test_refused_connections_fail_as_unavailable_after_the_attempts(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    sleeps = Sleeps()
    gateway = rest_gateway(
        rest_settings(tmp_path, f"http://127.0.0.1:{free_port()}", linkedin_max_attempts=3),
        clock=clock,
        budgets=None,
        sleeper=sleeps,
        rng=random.Random(3),
    )
    before = REGISTRY.get_sample_value("inergize_linkedin_calls_total", {"answer": "not_connected"}) or 0
    try:
        with pytest.raises(LinkedInUnavailable, match="could not be reached"):
            await gateway.publish_post(AUTH, PostRequest(commentary="Nobody home"))
    finally:
        await gateway.aclose()
    assert len(sleeps.calls) == 2  # three attempts, backing off between them
    after = REGISTRY.get_sample_value("inergize_linkedin_calls_total", {"answer": "not_connected"})
    assert after == before + 3  # each attempt is counted for /metrics
