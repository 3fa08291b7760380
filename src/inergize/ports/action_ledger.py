"""The ``ActionLedger``: compliance budgets and duplicate-target claims decided in one atomic step.

It keeps the window semantics of :class:`~inergize.ports.rate_budget.RateBudgetStore` (fixed windows with
an ``anchor``, rolling windows counted exactly) and adds two things a compliance decision needs in the
same round trip: windows on *different* keys (the action's day and week, the account's pacing gap), and
an optional *claim*: a member that must not already be in a set (the target already contacted).
Either every window has room and the claim is new, and everything is charged and claimed, or nothing is.

Keys start with the account they belong to (``<account>:…``; a claim's key *is* the account): every key
of one decision shares that first segment, which lets a clustered store keep them in one slot."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

import msgspec

from inergize.ports.rate_budget import BudgetWindow


class LedgerWindow(msgspec.Struct, frozen=True):
    key: str
    window: BudgetWindow


class Claim(msgspec.Struct, frozen=True):
    """``member`` of the set ``key``: e.g. ``invitation:0:in/jane`` in the account's contacted set."""

    key: str
    member: str


class LedgerDecision(msgspec.Struct, frozen=True, kw_only=True):
    allowed: bool
    duplicate: bool = False  # the claim's member was already taken; nothing was charged
    denied_by: str | None = None  # the first window without room
    retry_after: float = 0.0  # seconds until that window has room
    remaining: dict[str, int] = msgspec.field(default_factory=dict)  # per window name, after the decision


class ActionLedger(Protocol):
    async def spend(self, windows: Sequence[LedgerWindow], *, now: datetime, claim: Claim | None = None,
                    units: int = 1) -> LedgerDecision:
        """Charge ``units`` to every window and take ``claim``, all or nothing."""
        ...

    async def peek(self, windows: Sequence[LedgerWindow], *, now: datetime) -> LedgerDecision:
        """What ``spend`` of one unit (without a claim) would answer; charges nothing."""
        ...

    async def refund(self, windows: Sequence[LedgerWindow], *, now: datetime, claim: Claim | None = None,
                     units: int = 1) -> None:
        """Undo a ``spend`` made at ``now`` whose action did not happen; release ``claim`` too."""
        ...

    async def release(self, claim: Claim) -> None:
        """Forget a claim (the action was undone), so the target may be contacted again."""
        ...
