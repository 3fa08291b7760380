from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

import msgspec


class BudgetWindow(msgspec.Struct, frozen=True, kw_only=True):
    """At most ``limit`` units per window.

    Fixed windows start at ``anchor`` (e.g. the user's local midnight, computed by the domain, so a
    23- or 25-hour DST day is just ``seconds``) and last ``seconds``; ``anchor=None`` aligns them to
    the Unix epoch (UTC midnight for a 86,400 s window). Rolling windows count the last ``seconds``
    exactly ("100 in any 7 days")."""

    name: str
    limit: int
    seconds: int
    rolling: bool = False
    anchor: datetime | None = None


class BudgetDecision(msgspec.Struct, frozen=True, kw_only=True):
    allowed: bool
    # seconds until the same spend could succeed (if nobody else spends); 0 when allowed;
    # ``math.inf`` when it never can (more units than a window's limit)
    retry_after: float
    remaining: dict[str, int]  # per window name, after this decision
    limit: dict[str, int]


class RateBudgetStore(Protocol):
    """Atomic check-and-spend across several windows at once: either every window has room and all are
    charged, or nothing is charged. The one mechanism behind every limit in the product."""

    async def spend(self, key: str, windows: Sequence[BudgetWindow], *, now: datetime,
                    units: int = 1) -> BudgetDecision: ...

    async def spend_all(self, charges: Sequence[tuple[str, Sequence[BudgetWindow]]], *, now: datetime,
                        units: int = 1) -> list[BudgetDecision]:
        """Several budgets (key, windows) in one atomic step: every one is charged only if every one has
        room, else none is. One decision per budget, in order; each says whether *that* budget had room
        (and its retry), and its remaining after the step."""
        ...

    async def peek(self, key: str, windows: Sequence[BudgetWindow], *, now: datetime,
                   units: int = 1) -> BudgetDecision:
        """What ``spend`` of ``units`` would answer, without charging anything."""
        ...

    async def refund(self, key: str, windows: Sequence[BudgetWindow], *, now: datetime, units: int = 1) -> None:
        """Give back units charged at ``now`` for an action that did not happen after all."""
        ...
