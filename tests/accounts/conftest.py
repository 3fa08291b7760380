"""Fixtures for the accounts tests: a recording email sender and the outbox job runner."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from dependency_injector import providers

from tests.fakes.email import RecordingEmailSender


@pytest.fixture
async def emails(container: Any) -> AsyncIterator[RecordingEmailSender]:
    """A recording sender; afterwards no account job is left in the shared database's outbox (other
    suites sweep it and count rows)."""
    from sqlalchemy import delete

    from inergize.adapters.persistence.tables.platform import outbox
    from inergize.entrypoints.workers.notifications import SPECS

    sender = RecordingEmailSender()
    container.email_sender.override(providers.Object(sender))
    yield sender
    container.email_sender.reset_override()
    async with container.engine().begin() as conn:
        await conn.execute(delete(outbox).where(outbox.c.actor.in_([spec.name for spec in SPECS])))


@pytest.fixture
def budgets(container: Any) -> Iterator[Any]:
    """A fresh in-process rate-budget store per test (the session's container is shared, the clock is
    the same instant in every test, so budgets must not carry over)."""
    from inergize.adapters.budgets import InProcessRateBudgets

    store = InProcessRateBudgets()
    container.rate_budgets.override(providers.Object(store))
    yield store
    container.rate_budgets.reset_override()


@pytest.fixture
def ports(container: Any, emails: RecordingEmailSender, budgets: Any) -> Any:
    return container.account_deps()


@pytest.fixture
def totp_now(clock: Any) -> Any:
    """The current TOTP code of a secret at the fake clock's time (optionally ``steps`` later)."""
    import pyotp

    def code(secret: str, steps: int = 0) -> str:
        return pyotp.TOTP(secret).at(clock.now().timestamp() + 30 * steps)

    return code

