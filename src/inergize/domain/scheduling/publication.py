"""The publication state machine: one scheduled item, one content version, at most one LinkedIn post.

scheduled → claimed → publishing → published | failed(reason) | needs_attention | cancelled

- ``claimed``: a tick took the item and enqueued it; LinkedIn has not been called. A claim expires, so
  a lost message is found again by a later tick.
- ``publishing``: committed *before* LinkedIn is called. Finding an item here (expired claim) or with
  ``outcome_unknown`` means a post may exist: the next attempt reconciles instead of posting blindly.
- ``needs_attention``: the outcome stays unknown; the user decides. Never reposted on our own.
"""

from __future__ import annotations

import math
import uuid
from datetime import datetime, timedelta
from enum import StrEnum

import msgspec

from inergize.domain.platform.errors import Conflict

MAX_ATTEMPTS = 5
BACKOFF_BASE_SECONDS = 30.0
BACKOFF_CAP_SECONDS = 3600.0


class PublishBackoff(msgspec.Struct, frozen=True):
    """How long a transient failure waits before the next attempt: ``base`` doubled per attempt, at most
    ``cap`` (an operator may shorten both, e.g. a demo server that should reach its verdict in seconds)."""

    base_seconds: float = BACKOFF_BASE_SECONDS
    cap_seconds: float = BACKOFF_CAP_SECONDS


DEFAULT_BACKOFF = PublishBackoff()
# Longer than the LinkedIn adapter's own retries of one call (5 attempts, 20 s timeouts, backoff), so a
# slow but live worker is not overtaken by a reconciling one.
CLAIM_SECONDS = 300.0


class PublicationState(StrEnum):
    SCHEDULED = "scheduled"
    CLAIMED = "claimed"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    FAILED = "failed"
    NEEDS_ATTENTION = "needs_attention"
    CANCELLED = "cancelled"


TRANSITIONS: dict[PublicationState, frozenset[PublicationState]] = {
    PublicationState.SCHEDULED: frozenset(
        {PublicationState.SCHEDULED, PublicationState.CLAIMED, PublicationState.CANCELLED}
    ),
    # a claimed item may be cancelled: the worker's move to publishing is conditional on "claimed"
    PublicationState.CLAIMED: frozenset(
        {PublicationState.CLAIMED, PublicationState.PUBLISHING, PublicationState.SCHEDULED, PublicationState.CANCELLED}
    ),
    PublicationState.PUBLISHING: frozenset(
        {
            PublicationState.PUBLISHING,
            PublicationState.PUBLISHED,
            PublicationState.FAILED,
            PublicationState.NEEDS_ATTENTION,
            PublicationState.SCHEDULED,
        }
    ),
    PublicationState.FAILED: frozenset({PublicationState.SCHEDULED, PublicationState.CANCELLED}),
    # the user answers: it is there (published), post it again (scheduled), or drop it (cancelled)
    PublicationState.NEEDS_ATTENTION: frozenset(
        {PublicationState.PUBLISHED, PublicationState.SCHEDULED, PublicationState.CANCELLED}
    ),
    PublicationState.PUBLISHED: frozenset(),
    PublicationState.CANCELLED: frozenset(),
}
EDITABLE = frozenset({PublicationState.SCHEDULED, PublicationState.FAILED, PublicationState.NEEDS_ATTENTION})
IN_FLIGHT = frozenset({PublicationState.CLAIMED, PublicationState.PUBLISHING})
FINAL = frozenset({PublicationState.PUBLISHED, PublicationState.CANCELLED})


class FailureReason(StrEnum):
    CONTENT_REJECTED = "content_rejected"
    ACCOUNT_DISCONNECTED = "account_disconnected"
    FORBIDDEN = "forbidden"
    COMPLIANCE_PAUSED = "compliance_paused"
    NOT_READY = "content_not_ready"
    RETRIES_EXHAUSTED = "retries_exhausted"
    OUTCOME_UNKNOWN = "outcome_unknown"


class Publication(msgspec.Struct, kw_only=True):
    """One scheduled post of one content version, and everything learned while publishing it."""

    id: uuid.UUID
    user_id: uuid.UUID
    content_id: uuid.UUID
    version_id: uuid.UUID
    text: str  # the pinned version's text (versions never change, so a snapshot is exact)
    media: list[str] = msgspec.field(default_factory=list)  # content-library blob keys
    due_at: datetime  # what the user asked for (UTC)
    timezone: str  # the user's zone when scheduled: the calendar shows local times in it
    run_at: datetime  # when a tick may take it next (due_at, or later after a transient failure)
    state: PublicationState = PublicationState.SCHEDULED
    held: bool = False  # queue paused (vacation mode): not due until resumed
    attempts: int = 0
    last_error: str | None = None
    failure_reason: str | None = None
    outcome_unknown: bool = False  # a post call may have reached LinkedIn without an answer
    media_urns: list[str] = msgspec.field(default_factory=list)
    post_urn: str | None = None
    idempotency_key: str
    claim_token: uuid.UUID | None = None
    claim_expires_at: datetime | None = None
    source: str = "manual"  # manual | slot | csv | recurrence | now
    series_id: uuid.UUID | None = None  # the recurring series it belongs to
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None = None
    version: int = 1

    @property
    def needs_reconciliation(self) -> bool:
        """True when a post may already exist on LinkedIn for this item."""
        return self.state is PublicationState.PUBLISHING or self.outcome_unknown


def idempotency_key_for(publication_id: uuid.UUID) -> str:
    """One key per publication, kept across every attempt."""
    return f"inergize-pub-{publication_id.hex}"


def check_transition(current: PublicationState, target: PublicationState) -> None:
    """``Conflict`` unless the state machine allows ``current`` → ``target``."""
    if target not in TRANSITIONS[current]:
        raise Conflict(
            f"A {current.value} publication cannot become {target.value}.", code="invalid_state", state=current.value
        )


def transition(pub: Publication, target: PublicationState, now: datetime, **changes: object) -> Publication:
    """A copy of ``pub`` moved to ``target`` (checked) with ``changes`` applied."""
    check_transition(pub.state, target)
    return msgspec.structs.replace(pub, state=target, updated_at=now, **changes)


def to_needs_attention(pub: Publication, now: datetime, error: str) -> Publication:
    """Released from its claim for the user to check: LinkedIn may or may not have the post."""
    return transition(
        pub,
        PublicationState.NEEDS_ATTENTION,
        now,
        last_error=error,
        outcome_unknown=True,
        failure_reason=FailureReason.OUTCOME_UNKNOWN,
        claim_token=None,
        claim_expires_at=None,
    )


def to_failed(pub: Publication, now: datetime, error: str, reason: str) -> Publication:
    """Released from its claim as failed for ``reason`` (a ``FailureReason`` or a problem code); only the
    user's retry brings it back."""
    return transition(
        pub,
        PublicationState.FAILED,
        now,
        last_error=error,
        failure_reason=reason,
        claim_token=None,
        claim_expires_at=None,
    )


def backoff(attempts: int, retry_after: float | None = None, policy: PublishBackoff = DEFAULT_BACKOFF) -> timedelta:
    """Delay before attempt ``attempts + 1``: exponential, capped, never shorter than ``retry_after``."""
    delay = min(policy.base_seconds * (2 ** max(attempts - 1, 0)), policy.cap_seconds)
    return timedelta(seconds=math.ceil(max(delay, retry_after or 0.0)))  # whole seconds, never early


def after_transient_failure(
    pub: Publication, now: datetime, error: str, *, retry_after: float | None, maybe_sent: bool,
    policy: PublishBackoff = DEFAULT_BACKOFF,
) -> Publication:
    """A transient error: back to ``scheduled`` after a backoff, or ``failed`` when attempts are spent.

    ``maybe_sent``: the request may have reached LinkedIn, so the next attempt reconciles first."""
    unknown = pub.outcome_unknown or maybe_sent
    if pub.attempts >= MAX_ATTEMPTS:
        if unknown:
            return to_needs_attention(pub, now, error)
        return to_failed(pub, now, error, FailureReason.RETRIES_EXHAUSTED)
    delay = backoff(pub.attempts, retry_after, policy)
    return transition(
        pub,
        PublicationState.SCHEDULED,
        now,
        last_error=error,
        run_at=now + delay,
        claim_token=None,
        claim_expires_at=None,
        outcome_unknown=unknown,
    )


def reset_for_retry(pub: Publication, now: datetime, *, confirmed_repost: bool = False) -> Publication:
    """ "Retry now": a failed item (or, when the user confirms a repost, a needs-attention one) is due now."""
    if pub.state is PublicationState.NEEDS_ATTENTION and not confirmed_repost:
        raise Conflict(
            "LinkedIn may already have this post. Check your feed, then confirm the repost or mark it as published.",
            code="confirm_repost",
        )
    return transition(
        pub,
        PublicationState.SCHEDULED,
        now,
        run_at=now,
        attempts=0,
        last_error=None,
        failure_reason=None,
        outcome_unknown=False,
        claim_token=None,
        claim_expires_at=None,
    )
