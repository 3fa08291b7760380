"""Login throttling: attempts charged to the account and to the client address, refunded on success."""

from __future__ import annotations

from datetime import datetime

from inergize.application.accounts.deps import AccountDeps
from inergize.domain.accounts.security import (
    ClientInfo,
    token_digest,
)
from inergize.domain.platform.errors import RateLimited
from inergize.ports.rate_budget import BudgetWindow


def _window(ports: AccountDeps, limit: int) -> list[BudgetWindow]:
    return [
        BudgetWindow(name="attempts", limit=limit, seconds=ports.policy.login_window_seconds, rolling=True)
    ]


async def throttle(
    ports: AccountDeps, scope: str, *, account: str | None, client: ClientInfo, now: datetime
) -> list[tuple[str, list[BudgetWindow]]]:
    """Charge one attempt to the account and to the client address (ASVS V2.2.1); ``RateLimited`` when
    either is spent. Returns what was charged, so a success can be refunded."""
    charged: list[tuple[str, list[BudgetWindow]]] = []
    keys = [(f"{scope}:addr:{client.ip or 'unknown'}", ports.policy.login_attempts_per_address)]
    if account is not None:
        keys.append((f"{scope}:acct:{token_digest(account)[:32]}", ports.policy.login_attempts_per_account))
    for key, limit in keys:
        windows = _window(ports, limit)
        decision = await ports.budgets.spend(key, windows, now=now)
        if not decision.allowed:
            for done_key, done_windows in charged:
                await ports.budgets.refund(done_key, done_windows, now=now)
            raise RateLimited(
                "Too many attempts; wait before trying again.",
                retry_after=decision.retry_after,
                code="too_many_attempts",
            )
        charged.append((key, windows))
    return charged


async def refund(ports: AccountDeps, charged: list[tuple[str, list[BudgetWindow]]], now: datetime) -> None:
    for key, windows in charged:
        await ports.budgets.refund(key, windows, now=now)
