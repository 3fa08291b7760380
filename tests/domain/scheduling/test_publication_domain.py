"""The publication state machine and the optimal-time model."""

from __future__ import annotations

import math
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inergize.domain.platform.errors import Conflict
from inergize.domain.scheduling.optimal_times import PostStat, cells, prior_rate, recommend
from inergize.domain.scheduling.publication import (
    BACKOFF_CAP_SECONDS,
    MAX_ATTEMPTS,
    TRANSITIONS,
    Publication,
    PublicationState,
    PublishBackoff,
    after_transient_failure,
    backoff,
    reset_for_retry,
    transition,
)

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)
S = PublicationState


def pub(state: S = S.SCHEDULED, **kw: object) -> Publication:
    pid = uuid.uuid4()
    base = dict(
        id=pid,
        user_id=uuid.uuid4(),
        content_id=uuid.uuid4(),
        version_id=uuid.uuid4(),
        text="hi",
        due_at=NOW,
        timezone="UTC",
        run_at=NOW,
        state=state,
        idempotency_key=f"k{pid.hex}",
        created_at=NOW,
        updated_at=NOW,
    )
    base.update(kw)
    return Publication(**base)  # type: ignore[arg-type]


@given(a=st.sampled_from(list(S)), b=st.sampled_from(list(S)))
def test_only_listed_transitions_are_allowed(a: S, b: S) -> None:
    if b in TRANSITIONS[a]:
        assert transition(pub(a), b, NOW).state is b
    else:
        with pytest.raises(Conflict):
            transition(pub(a), b, NOW)


def test_published_and_cancelled_are_final() -> None:
    assert not TRANSITIONS[S.PUBLISHED] and not TRANSITIONS[S.CANCELLED]


@given(attempts=st.integers(0, 40), retry_after=st.none() | st.floats(0, 10_000))
def test_backoff_grows_is_capped_and_respects_retry_after(attempts: int, retry_after: float | None) -> None:
    d = backoff(attempts, retry_after).total_seconds()
    assert d >= (retry_after or 0)
    assert d <= max(BACKOFF_CAP_SECONDS, math.ceil(retry_after or 0))
    assert backoff(attempts + 1).total_seconds() >= backoff(attempts).total_seconds()


@given(attempts=st.integers(1, MAX_ATTEMPTS + 2), maybe_sent=st.booleans(), unknown=st.booleans())
def test_transient_failure_retries_then_fails_and_never_forgets_an_unknown_outcome(
    attempts: int, maybe_sent: bool, unknown: bool
) -> None:
    p = pub(S.PUBLISHING, attempts=attempts, outcome_unknown=unknown)
    after = after_transient_failure(p, NOW, "timeout", retry_after=None, maybe_sent=maybe_sent)
    if attempts < MAX_ATTEMPTS:
        assert after.state is S.SCHEDULED and after.run_at > NOW
        assert after.outcome_unknown == (unknown or maybe_sent)
    elif unknown or maybe_sent:
        assert after.state is S.NEEDS_ATTENTION  # unknown outcome: ask the user, never repost
    else:
        assert after.state is S.FAILED and after.failure_reason == "retries_exhausted"
    assert after.claim_token is None and after.due_at == p.due_at


@given(base=st.floats(0.5, 120), cap_factor=st.floats(1, 200), attempts=st.integers(1, MAX_ATTEMPTS - 1),
       retry_after=st.none() | st.floats(0, 600))
def test_a_retry_policy_sets_the_wait_doubling_from_its_base_up_to_its_cap(
    base: float, cap_factor: float, attempts: int, retry_after: float | None
) -> None:
    policy = PublishBackoff(base_seconds=base, cap_seconds=base * cap_factor)
    after = after_transient_failure(pub(S.PUBLISHING, attempts=attempts), NOW, "timeout",
                                    retry_after=retry_after, maybe_sent=False, policy=policy)
    wait = min(base * 2 ** (attempts - 1), base * cap_factor)
    assert after.run_at == NOW + timedelta(seconds=math.ceil(max(wait, retry_after or 0)))


def test_retry_now_needs_confirmation_when_the_outcome_is_unknown() -> None:
    with pytest.raises(Conflict):
        reset_for_retry(pub(S.NEEDS_ATTENTION), NOW)
    again = reset_for_retry(pub(S.NEEDS_ATTENTION, outcome_unknown=True), NOW, confirmed_repost=True)
    assert again.state is S.SCHEDULED and not again.outcome_unknown and again.run_at == NOW
    assert reset_for_retry(pub(S.FAILED, attempts=5), NOW).attempts == 0


times = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 1, 1), timezones=st.just(UTC))
stats = st.lists(
    st.builds(
        PostStat, published_at=times, impressions=st.integers(0, 50_000), engagements=st.integers(0, 5_000)
    ),
    max_size=30,
)


@given(history=stats, strength=st.floats(1, 10_000), top=st.integers(0, 10))
def test_recommendations_are_sorted_bounded_and_shrunk_between_prior_and_own_rate(
    history: list[PostStat], strength: float, top: int
) -> None:
    tz = ZoneInfo("Europe/Berlin")
    recs = recommend(history, tz, "marketing", top=top, prior_strength=strength)
    assert len(recs) == top
    assert [r.expected_rate for r in recs] == sorted((r.expected_rate for r in recs), reverse=True)
    assert all(r.explanation for r in recs)
    for c in cells(history, tz, "marketing", strength):
        own = c.engagements / c.impressions if c.impressions else c.prior_rate
        lo, hi = sorted((own, c.prior_rate))
        assert lo - 1e-12 <= c.rate <= hi + 1e-12
        assert 0 <= c.own_weight < 1


def test_without_history_the_prior_decides_and_weekday_mornings_win() -> None:
    recs = recommend([], ZoneInfo("UTC"), None, top=3)
    assert all(r.weekday in (2, 3, 4) for r in recs)
    assert recs[0].expected_rate == pytest.approx(prior_rate(recs[0].weekday, recs[0].hour, None))
    assert "industry" in recs[0].explanation


@given(n=st.integers(1, 30))
def test_strong_own_evidence_outweighs_the_prior(n: int) -> None:
    tz = ZoneInfo("America/New_York")
    # Sunday 22:00 local is a poor prior slot; the user's posts there do very well
    sunday_night = datetime(2025, 6, 1, 22, tzinfo=tz).astimezone(UTC)
    history = [PostStat(sunday_night + timedelta(weeks=i), 10_000 * n, 2_000 * n) for i in range(3)]
    best = recommend(history, tz, "finance", top=1)[0]
    assert (best.weekday, best.hour) == (7, 22)
    assert best.own_weight > 0.9 and "Your 3 posts" in best.explanation
