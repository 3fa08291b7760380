"""Account health 0–100 from recent outcomes, and the auto-pause rules over a sliding window."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

import msgspec


class Outcome(StrEnum):
    SUCCESS = "success"
    FAILED = "failed"
    RATE_LIMITED = "rate_limited"  # LinkedIn answered 429
    RESTRICTED = "restricted"  # a restriction / checkpoint / "unusual activity" signal


class HealthInputs(msgspec.Struct, frozen=True, kw_only=True):
    attempts: int = 0
    successes: int = 0
    rate_limited: int = 0
    restrictions: int = 0
    invitations_sent: int = 0
    invitations_accepted: int = 0
    pending_invitations: int = 0


class HealthCause(msgspec.Struct, frozen=True, kw_only=True):
    code: str
    points: int  # subtracted from 100
    detail: str


class HealthScore(msgspec.Struct, frozen=True, kw_only=True):
    score: int
    causes: tuple[HealthCause, ...] = ()


def health_score(inputs: HealthInputs) -> HealthScore:
    """100 minus penalties; each penalty is reported as a cause the user can act on."""
    causes: list[HealthCause] = []
    if inputs.attempts >= 5:
        rate = inputs.successes / inputs.attempts
        if rate < 0.95:
            causes.append(HealthCause(code="low_success_rate", points=round((1 - rate) * 40),
                                      detail=f"{rate:.0%} of recent actions succeeded."))
    if inputs.rate_limited:
        causes.append(HealthCause(code="rate_limited", points=min(30, 10 * inputs.rate_limited),
                                  detail=f"LinkedIn refused {inputs.rate_limited} request(s) as too many."))
    if inputs.restrictions:
        causes.append(HealthCause(code="restricted", points=min(60, 50 * inputs.restrictions),
                                  detail="LinkedIn signalled a restriction on the account."))
    if inputs.invitations_sent >= 10:
        acceptance = inputs.invitations_accepted / inputs.invitations_sent
        if acceptance < 0.3:
            causes.append(HealthCause(code="low_acceptance", points=round((0.3 - acceptance) / 0.3 * 20),
                                      detail=f"Only {acceptance:.0%} of invitations were accepted."))
    if inputs.pending_invitations > 150:
        points = 20 if inputs.pending_invitations > 300 else 10
        causes.append(HealthCause(code="pending_backlog", points=points,
                                  detail=f"{inputs.pending_invitations} invitations are still pending."))
    causes = [c for c in causes if c.points > 0]
    return HealthScore(score=max(0, 100 - sum(c.points for c in causes)), causes=tuple(causes))


class PauseRules(msgspec.Struct, frozen=True, kw_only=True):
    """Pause when, within ``window_seconds``: ``max_rate_limited`` or more 429s, any restriction signal,
    or a success rate below ``min_success_rate`` over at least ``min_attempts`` actions."""

    window_seconds: int = 3600
    max_rate_limited: int = 3
    min_success_rate: float = 0.5
    min_attempts: int = 10


class OutcomeEvent(msgspec.Struct, frozen=True):
    at: datetime
    outcome: Outcome


def pause_reason(events: list[OutcomeEvent], *, now: datetime, rules: PauseRules) -> str | None:
    """The reason code to pause for, judging the events inside the window ending at ``now``, or ``None``."""
    since = now - timedelta(seconds=rules.window_seconds)
    recent = [e.outcome for e in events if since <= e.at <= now]
    if Outcome.RESTRICTED in recent:
        return "restriction_signal"
    if recent.count(Outcome.RATE_LIMITED) >= rules.max_rate_limited:
        return "too_many_rate_limits"
    if len(recent) >= rules.min_attempts:
        if recent.count(Outcome.SUCCESS) / len(recent) < rules.min_success_rate:
            return "low_success_rate"
    return None
