"""A refused action costs nothing: every budgeted action finds and authorizes its target first, so a call
answered 4xx or 501 (an unknown member or invitation, a note or text LinkedIn refuses, a capability the
adapter does not have) leaves every budget window exactly as it was: the compliance action ledger (every
action's day, week and pace windows), the LinkedIn API budgets of the REST adapter (member and application
days), and the simulated LinkedIn's daily write count.

A property test: any sequence of refused calls, on the sandbox and on the REST adapter (against the
local wire server), with the in-process and the Redis ledgers, on SQLite and PostgreSQL. It runs on its
own event loop and container (hypothesis drives examples synchronously), built from settings, so the
Redis ledgers are the ones the product wires. Refusals our use cases make before any LinkedIn call
(someone else's or an unknown post, campaign or task, a used idempotency key, a text too long) are
checked on the fakes, where the gateway is seen never to be called: test_refused_use_cases_cost_nothing.py."""

from __future__ import annotations

import asyncio
import base64
import random
import uuid
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from dependency_injector import providers
from sqlalchemy import select

from tests.fakes.clock import FakeClock
from tests.support.linkedin_rest import Sleeps, rest_settings
from tests.support.refusals import for_any_sequence
from tests.support.settings import make_settings
from tests.wire import linkedin as linkedin_wire

DAY = 86_400


class World:
    """Two connected members, A (the caller) and B (whose ids A tries), on one loop and one container."""

    def __init__(self, data_dir: Path, url: str | None, mode: str, redis: tuple[str, str] | None) -> None:
        from inergize.bootstrap import bootstrap, migrate

        self.loop = asyncio.new_event_loop()
        self.mode = mode
        self.clock = FakeClock(datetime(2026, 5, 5, 10, 0, tzinfo=UTC))  # a Tuesday, inside working hours
        extra: dict[str, Any] = {}
        if redis is not None:
            extra = {"redis_url": redis[0], "redis_prefix": f"{redis[1]}refusals:{uuid.uuid4().hex[:8]}:",
                     "broker": "memory"}
        self.settings = make_settings(data_dir, url, **extra)
        self.container = bootstrap(self.settings, clock=self.clock)
        self.stack = ExitStack()
        self.wire: linkedin_wire.WireState | None = None
        if mode == "rest":
            from inergize.bootstrap.linkedin import rest_gateway

            base, self.wire = self.stack.enter_context(linkedin_wire.serve())
            self.rest_settings = rest_settings(data_dir, base, linkedin_timeout_seconds=2.0)
            gateway = rest_gateway(self.rest_settings, clock=self.clock,
                                         budgets=self.container.rate_budgets(), sleeper=Sleeps(),
                                         rng=random.Random(3))
            self.container.linkedin.override(providers.Object(gateway))
        self.run(migrate(self.container))
        self.run(self._setup())

    def run(self, coro: Awaitable[Any]) -> Any:
        return self.loop.run_until_complete(coro)

    def close(self) -> None:
        from inergize.bootstrap import shutdown

        self.run(self.http.aclose())
        if self.mode == "rest":
            self.run(self.container.linkedin().aclose())
            self.container.linkedin.reset_override()
        self.run(shutdown(self.container))
        self.stack.close()
        self.loop.close()

    # --- setting the scene
    async def _user(self) -> tuple[Any, dict[str, str]]:
        from inergize.domain.accounts.users import Principal, Role, User

        now = self.clock.now()
        user = User(id=uuid.uuid4(), email=f"r{uuid.uuid4().hex[:12]}@example.com", role=Role.MEMBER,
                    created_at=now, updated_at=now, email_verified_at=now)
        async with self.container.uow_factory()() as uow:
            await uow.users.add(user)
            await uow.commit()
        token = self.container.tokens().issue_access(Principal(user.id, user.role), now=now)
        return user, {"Authorization": f"Bearer {token}"}

    async def _connect(self, headers: dict[str, str]) -> None:
        r = await self.http.post("/v1/linkedin/connect", headers=headers)
        assert r.status_code == 200, r.text
        query = parse_qs(urlsplit(r.json()["authorizationUrl"]).query)
        code = query["code"][0] if self.wire is None else self.wire.authorize(
            linkedin_wire.Member(uuid.uuid4().hex, "Ada Lovelace", f"{uuid.uuid4().hex[:8]}@example.com"))
        r = await self.http.get("/v1/linkedin/callback", params={"code": code, "state": query["state"][0]})
        assert r.status_code == 200, r.text

    async def _publish(self, headers: dict[str, str], text: str, key: str) -> dict[str, Any]:
        r = await self.http.post("/v1/linkedin/posts", json={"commentary": text},
                                 headers={**headers, "Idempotency-Key": key})
        assert r.status_code in (200, 201), r.text
        return dict(r.json())

    async def _setup(self) -> None:
        from inergize.entrypoints.http.app import create_app

        self.http = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(self.container)),
                                      base_url="http://api")
        self.a, self.a_headers = await self._user()
        self.b, self.b_headers = await self._user()
        for headers in (self.a_headers, self.b_headers):
            await self._connect(headers)
        async with self.container.uow_factory()(read_only=True) as uow:
            self.a_urn = (await uow.linkedin.get_connection(self.a.id)).member_urn
        self.a_text = f"What I learnt shipping {uuid.uuid4().hex[:6]} on a Friday."
        before = await self.ledger_state()
        self.a_post = await self._publish(self.a_headers, self.a_text, uuid.uuid4().hex)
        # the observation sees an action that happened (otherwise "unchanged" would prove nothing)
        assert await self.ledger_state() != before
        r = await self.http.post("/v1/campaigns", json={"kind": "connection", "name": "B's"},
                                 headers=self.b_headers)
        assert r.status_code == 201, r.text
        self.b_campaign = r.json()["id"]
        self.known_member = self.b_invitation = self.a_withdrawn = None
        if self.mode == "sandbox":
            network = (await self.http.get("/v1/linkedin/network", headers=self.a_headers)).json()["items"]
            self.known_member = network[0]["urn"]
            b_network = (await self.http.get("/v1/linkedin/network", headers=self.b_headers)).json()["items"]
            r = await self.http.post("/v1/linkedin/invitations", json={"inviteeUrn": b_network[0]["urn"]},
                                     headers=self.b_headers)
            self.b_invitation = r.json()["invitationId"]
            r = await self.http.post("/v1/linkedin/invitations", json={"inviteeUrn": self.known_member},
                                     headers=self.a_headers)
            self.a_withdrawn = r.json()["invitationId"]
            r = await self.http.delete(f"/v1/linkedin/invitations/{self.a_withdrawn}", headers=self.a_headers)
            assert r.status_code == 204, r.text

    # --- what a refusal must not change
    async def ledger_state(self) -> dict[str, Any]:
        from inergize.adapters.persistence.tables.linkedin import sandbox_accounts
        from inergize.domain.compliance.account import build_profile
        from inergize.domain.compliance.actions import ActionType
        from inergize.ports.rate_budget import BudgetWindow

        now, c = self.clock.now(), self.container
        state: dict[str, Any] = {}
        async with c.engine().connect() as conn:  # the simulated LinkedIn's daily write counts
            rows = (await conn.execute(select(sandbox_accounts.c.sub, sandbox_accounts.c.api_calls))).all()
        state["sandbox_writes"] = {r.sub: r.api_calls for r in rows}
        store = c.rate_budgets()  # the REST adapter's API budgets: the member's day and the app's day
        member = [BudgetWindow(name="utc_day", limit=self.settings.linkedin_member_daily_calls, seconds=DAY)]
        app = [BudgetWindow(name="utc_day", limit=self.settings.linkedin_app_daily_calls, seconds=DAY)]
        state["member"] = (await store.peek(f"linkedin:member:{self.a_urn}", member, now=now)).remaining
        app_key = f"linkedin:app:{linkedin_wire.CLIENT_ID if self.mode == 'rest' else 'default'}"
        state["app"] = (await store.peek(app_key, app, now=now)).remaining
        gate = c.compliance_gate()  # the compliance ledger: every action's day, week and pace windows
        async with c.uow_factory()() as uow:
            user = await uow.users.get(self.a.id)
            account = await uow.compliance.ensure_account(self.a.id, now=now)
            await uow.commit()
        profile = build_profile(user, account)
        for action in ActionType:
            for lw in gate.windows(profile, action, now):
                peeked = await gate.ledger.peek([lw], now=now)
                state[f"{lw.key}/{lw.window.name}"] = peeked.remaining
        return state


# --- the refused calls: (name, call) where call answers the HTTP status (or the engine's word)
Call = Callable[[World, str], Awaitable[int]]


async def _req(w: World, method: str, path: str, body: Any = None, **headers: str) -> int:
    r = await w.http.request(method, path, json=body, headers={**w.a_headers, **headers})
    return r.status_code


REFUSALS: dict[str, Call] = {
    "withdraw an unknown invitation": lambda w, s: _req(w, "DELETE", f"/v1/linkedin/invitations/inv-{s}"),
    "withdraw B's invitation": lambda w, s: _req(w, "DELETE", f"/v1/linkedin/invitations/{w.b_invitation}"),
    "withdraw a withdrawn invitation": lambda w, s: _req(
        w, "DELETE", f"/v1/linkedin/invitations/{w.a_withdrawn}"),
    "invite an unknown member": lambda w, s: _req(
        w, "POST", "/v1/linkedin/invitations", {"inviteeUrn": f"urn:li:person:{s}"}),
    "invite with a note too long": lambda w, s: _req(
        w, "POST", "/v1/linkedin/invitations", {"inviteeUrn": w.known_member or s, "message": s * 301}),
    "message an unknown member": lambda w, s: _req(
        w, "POST", "/v1/linkedin/messages", {"recipientUrn": f"urn:li:person:{s}", "text": "hello"}),
    "send an empty message": lambda w, s: _req(
        w, "POST", "/v1/linkedin/messages", {"recipientUrn": w.known_member or s, "text": " "}),
    "comment too long": lambda w, s: _req(
        w, "POST", "/v1/linkedin/comments", {"postUrn": w.a_post["postUrn"], "text": s * 1251}),
    "sync B's campaign": lambda w, s: _req(w, "POST", f"/v1/campaigns/{w.b_campaign}/sync"),
}
# Refused by our own checks on the sandbox only: on the REST adapter these reach LinkedIn, which answers
# (the call was attempted, and LinkedIn counts it).
SANDBOX_ONLY: dict[str, Call] = {
    "comment on an unknown post": lambda w, s: _req(
        w, "POST", "/v1/linkedin/comments", {"postUrn": f"urn:li:share:{s}", "text": "Nice"}),
    "react to an unknown post": lambda w, s: _req(
        w, "POST", "/v1/linkedin/reactions", {"postUrn": f"urn:li:share:{s}"}),
    "publish a duplicate": lambda w, s: _req(
        w, "POST", "/v1/linkedin/posts", {"commentary": w.a_text}, **{"Idempotency-Key": uuid.uuid4().hex}),
}


async def _refused_changes_nothing(w: World, name: str, call: Call, seed: str) -> None:
    before = await w.ledger_state()
    status = await call(w, seed)
    # 501: the adapter cannot do it at all (the REST adapter cannot invite), also a refusal
    assert (400 <= status < 500 and status != 429) or status == 501, f"{name} was not refused: {status}"
    assert await w.ledger_state() == before, f"{name} ({status}) changed a budget window"


@pytest.fixture(params=["memory", "redis"])
def ledger_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.parametrize("mode", ["sandbox", "rest"])
def test_no_refused_call_changes_any_budget_window(mode: str, ledger_kind: str, backend: str,
                                                   session_tmp: Path, request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue("pg_url") if backend == "postgres" else None
    redis = request.getfixturevalue("redis_url") if ledger_kind == "redis" else None
    world = World(session_tmp / f"refusals-{mode}-{ledger_kind}-{backend}", url, mode, redis)
    calls = REFUSALS | (SANDBOX_ONLY if mode == "sandbox" else {})
    names = sorted(calls)
    try:
        for name in names:  # every refusal at least once
            world.run(_refused_changes_nothing(world, name, calls[name], "x"))

        for_any_sequence(names, lambda name, seed: world.run(_refused_changes_nothing(world, name, calls[name], seed)),
                         examples=8, longest=5)
    finally:
        world.close()


def test_an_image_post_whose_upload_is_refused_costs_nothing_either(backend: str, session_tmp: Path,
                                                                    request: pytest.FixtureRequest) -> None:
    """A document post with a file that is no PDF is refused before anything is uploaded."""
    url = request.getfixturevalue("pg_url") if backend == "postgres" else None
    world = World(session_tmp / f"refusals-upload-{backend}", url, "sandbox", None)
    try:
        body = {"commentary": "Our carousel", "media": [
            {"kind": "document", "dataBase64": base64.b64encode(b"not a pdf").decode(),
             "contentType": "application/pdf", "filename": "deck.pdf"}]}
        world.run(_refused_changes_nothing(world, "document that is no PDF", lambda w, s: _req(
            w, "POST", "/v1/linkedin/posts", body, **{"Idempotency-Key": uuid.uuid4().hex}), "x"))
    finally:
        world.close()
