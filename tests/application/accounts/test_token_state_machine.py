"""A hypothesis state machine drives login / refresh / reuse of a spent refresh token / logout / logout
everywhere / password reset in random orders, on the fakes (each run its own in-memory database), and
checks after every step that a revoked or reused token never works again and a valid one always does.
The repositories' side of each step is the contract in tests/contract/accounts/; two refreshes racing
run on both databases in test_refresh_race.py.

It runs on its own event loop (hypothesis drives rules synchronously)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import settings as hsettings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from hypothesis.strategies import integers

from tests.fakes.clock import FakeClock
from tests.support.accounts import CLIENT, newest_link
from tests.support.memory_accounts import memory_accounts


class World:
    """One event loop for the whole test: hypothesis calls the rules synchronously."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    def run(self, coro: Any) -> Any:
        return self.loop.run_until_complete(coro)

    def close(self) -> None:
        self.loop.close()


class TokenMachine(RuleBasedStateMachine):
    world: World

    def __init__(self) -> None:
        super().__init__()
        from inergize.application.accounts import create_account

        self.accounts = memory_accounts(FakeClock(datetime(2026, 5, 4, 12, 0, tzinfo=UTC)))
        self.ports = self.accounts.ports
        self.email = f"sm{uuid.uuid4().hex[:12]}@example.com"
        self.password = "first-long-passphrase-1"
        self.world.run(create_account(self.email, self.password, ports=self.ports))
        self.sessions: dict[uuid.UUID, dict[str, Any]] = {}  # id -> refresh, access tokens, alive
        self.spent: list[str] = []  # refresh tokens already used once
        self.family: dict[str, uuid.UUID] = {}  # refresh token -> its session
        self.resets = 0

    def _tick(self) -> None:
        self.accounts.clock.advance(seconds=1)

    @rule()
    def login(self) -> None:
        from inergize.application.accounts import login

        self._tick()
        result = self.world.run(login.login(self.email, self.password, client=CLIENT, ports=self.ports))
        pair = result.tokens
        assert pair is not None
        self.sessions[pair.session_id] = {
            "refresh": pair.refresh_token,
            "access": [pair.access_token],
            "alive": True,
        }
        self.family[pair.refresh_token] = pair.session_id

    def _alive(self) -> list[uuid.UUID]:
        return [sid for sid, s in self.sessions.items() if s["alive"]]

    @precondition(lambda self: self._alive())
    @rule(pick=integers(min_value=0, max_value=50))
    def refresh(self, pick: int) -> None:
        from inergize.application.accounts import login

        self._tick()
        sid = self._alive()[pick % len(self._alive())]
        s = self.sessions[sid]
        pair = self.world.run(
            login.refresh(s["refresh"], client=CLIENT, ports=self.ports)
        )  # valid: must work
        assert pair.session_id == sid
        self.spent.append(s["refresh"])
        s["refresh"] = pair.refresh_token
        s["access"].append(pair.access_token)
        self.family[pair.refresh_token] = sid

    @precondition(lambda self: self.spent)
    @rule(pick=integers(min_value=0, max_value=50))
    def reuse_spent_token(self, pick: int) -> None:
        from inergize.application.accounts import login
        from inergize.domain.platform.errors import Unauthorized

        self._tick()
        token = self.spent[pick % len(self.spent)]
        with pytest.raises(Unauthorized):
            self.world.run(login.refresh(token, client=CLIENT, ports=self.ports))
        self.sessions[self.family[token]]["alive"] = False  # reuse revokes the token's whole family

    @precondition(lambda self: any(not s["alive"] for s in self.sessions.values()))
    @rule(pick=integers(min_value=0, max_value=50))
    def refresh_revoked_session(self, pick: int) -> None:
        from inergize.application.accounts import login
        from inergize.domain.platform.errors import Unauthorized

        self._tick()
        dead = [s for s in self.sessions.values() if not s["alive"]]
        with pytest.raises(Unauthorized):
            self.world.run(login.refresh(dead[pick % len(dead)]["refresh"], client=CLIENT, ports=self.ports))

    @precondition(lambda self: self._alive())
    @rule(pick=integers(min_value=0, max_value=50))
    def logout(self, pick: int) -> None:
        from inergize.application.accounts import guard, login

        self._tick()
        sid = self._alive()[pick % len(self._alive())]
        principal, session_id = self.world.run(
            guard.authenticate(self.sessions[sid]["access"][-1], ports=self.ports)
        )
        self.world.run(
            login.logout(principal=principal, session_id=session_id, client=CLIENT, ports=self.ports)
        )
        self.sessions[sid]["alive"] = False

    @precondition(lambda self: self._alive())
    @rule()
    def logout_everywhere(self) -> None:
        from inergize.application.accounts import guard, login

        self._tick()
        principal, _ = self.world.run(
            guard.authenticate(self.sessions[self._alive()[0]]["access"][-1], ports=self.ports)
        )
        self.world.run(login.logout_everywhere(principal=principal, client=CLIENT, ports=self.ports))
        for s in self.sessions.values():
            s["alive"] = False

    @precondition(lambda self: self.resets < 5)
    @rule()
    def password_reset(self) -> None:
        from inergize.application.accounts import credentials

        self._tick()
        self.resets += 1
        self.world.run(credentials.forgot_password(self.email, client=CLIENT, ports=self.ports))
        self.world.run(self.accounts.run_jobs())
        token = newest_link(self.accounts.emails.to(self.email), "reset-password")
        self.password = f"reset-passphrase-number-{self.resets}"
        self.world.run(credentials.reset_password(token, self.password, client=CLIENT, ports=self.ports))
        for s in self.sessions.values():
            s["alive"] = False

    @invariant()
    def access_tokens_follow_their_session(self) -> None:
        from inergize.application.accounts import guard
        from inergize.domain.platform.errors import Unauthorized

        for sid, s in self.sessions.items():
            # the first and the newest access token of the family (the ones in between behave alike)
            for token in {s["access"][0], s["access"][-1]}:
                if s["alive"]:
                    _principal, session_id = self.world.run(guard.authenticate(token, ports=self.ports))
                    assert session_id == sid
                else:
                    with pytest.raises(Unauthorized):
                        self.world.run(guard.authenticate(token, ports=self.ports))


def test_revoked_or_reused_tokens_never_work_and_valid_ones_always_do() -> None:
    world = World()
    TokenMachine.world = world
    try:
        run_state_machine_as_test(
            TokenMachine, settings=hsettings(max_examples=24, stateful_step_count=12, deadline=None)
        )
    finally:
        world.close()
