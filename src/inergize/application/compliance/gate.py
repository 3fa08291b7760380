"""The compliance gate: the full decision for one action (pause, hours, lists, text, budgets, pacing,
duplicate target) in at most one ledger round trip. Everything cheap is decided first, locally; the
ledger call charges the day and week budgets, the pacing gap and the target claim atomically."""

from __future__ import annotations

from datetime import datetime, timedelta

from inergize.domain.compliance.actions import ActionType
from inergize.domain.compliance.calendar import local_day
from inergize.domain.compliance.verdicts import (
    ONCE_PER_TARGET,
    ActionRequest,
    ComplianceProfile,
    Verdict,
    precheck,
)
from inergize.ports.action_ledger import ActionLedger, Claim, LedgerWindow
from inergize.ports.rate_budget import BudgetWindow

WEEK_SECONDS = 7 * 86_400
_Cached = tuple[ComplianceProfile, datetime, datetime, list["LedgerWindow"]]
_REASONS = {"day": "daily_budget", "week": "weekly_budget", "pace": "pacing", "duplicate": "duplicate_target"}


def claim_for(profile: ComplianceProfile, request: ActionRequest, account: str | None = None) -> Claim | None:
    """The duplicate-target claim an action takes: one per (action, sequence, target) and account."""
    if request.action not in ONCE_PER_TARGET:
        return None
    member = f"{request.action.value}:{request.sequence}:{request.target.key}"
    return Claim(account or str(profile.user_id), member)


class ComplianceGate:
    """Decides actions for many accounts; caches each account's windows for its current local day."""

    def __init__(self, ledger: ActionLedger) -> None:
        self.ledger = ledger
        # (user, action) -> (profile it was built for, local day end, windows). Rebuilt when the profile
        # object changes (pause, lists, health) or the local day ends.
        self._windows: dict[tuple[object, ActionType], _Cached] = {}

    def windows(self, profile: ComplianceProfile, action: ActionType, now: datetime) -> list[LedgerWindow]:
        """The ledger windows of ``action`` for ``profile`` at ``now``: local day, rolling week, pace."""
        cached = self._windows.get((profile.user_id, action))
        if cached is not None and cached[0] is profile and cached[1] <= now < cached[2]:
            return cached[3]
        start, seconds = local_day(now, profile.schedule.timezone)
        budget = profile.budget(action, start)  # one budget per local day, however the ramp moves
        key = f"{profile.user_id}:{action.value}"
        built = [
            LedgerWindow(key, BudgetWindow(name="day", limit=budget.daily, seconds=seconds, anchor=start)),
            LedgerWindow(key, BudgetWindow(name="week", limit=budget.weekly, seconds=WEEK_SECONDS,
                                           rolling=True)),
            # one action at a time per account, at least the policy's minimum gap apart
            LedgerWindow(f"{profile.user_id}:pace", BudgetWindow(
                name="pace", limit=1, seconds=profile.pacing.min_gap_seconds, rolling=True)),
        ]
        if len(self._windows) > 50_000:  # bounded: a worker serving many accounts keeps only recent ones
            self._windows.clear()
        self._windows[(profile.user_id, action)] = (profile, start, start + timedelta(seconds=seconds), built)
        return built

    async def decide(self, profile: ComplianceProfile, request: ActionRequest, now: datetime) -> Verdict:
        """Allow and charge, or refuse with a reason (and when to retry); a refusal charges nothing."""
        refused = precheck(profile, request, now)
        if refused is not None:
            return refused
        windows = self.windows(profile, request.action, now)
        # the windows' keys start with the account id: reuse that string rather than format the UUID again
        account = windows[2].key.partition(":")[0]
        decision = await self.ledger.spend(windows, now=now, claim=claim_for(profile, request, account))
        if decision.allowed:
            return Verdict(allowed=True, remaining=decision.remaining)
        reason = _REASONS.get(decision.denied_by or "", decision.denied_by or "budget")
        retry_at = now + timedelta(seconds=decision.retry_after) if decision.retry_after else None
        return Verdict(allowed=False, reason=reason, retry_at=retry_at, remaining=decision.remaining)

    async def undo(self, profile: ComplianceProfile, request: ActionRequest, decided_at: datetime, *,
                   keep_claim: bool = False) -> None:
        """Give back what an allowed decision charged when the action did not happen after all.
        ``keep_claim`` keeps the target claimed (the outcome is unknown: never risk contacting twice)."""
        claim = None if keep_claim else claim_for(profile, request)
        windows = self.windows(profile, request.action, decided_at)
        await self.ledger.refund(windows, now=decided_at, claim=claim)
