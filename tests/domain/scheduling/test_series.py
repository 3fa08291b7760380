"""Recurring series summarised for their owner: what is to come, what went out, what was stopped."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import msgspec
from hypothesis import given
from hypothesis import strategies as st

from inergize.domain.scheduling.publication import Publication, PublicationState
from inergize.domain.scheduling.recurrence import summarize_series

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
S = PublicationState


def post(series: uuid.UUID | None, days: int, state: PublicationState, text: str = "tip") -> Publication:
    due = T0 + timedelta(days=days)
    return Publication(id=uuid.uuid4(), user_id=uuid.UUID(int=1), content_id=uuid.uuid4(), version_id=uuid.uuid4(),
                       text=text, due_at=due, timezone="UTC", run_at=due, state=state, idempotency_key=str(days),
                       series_id=series, created_at=T0, updated_at=T0)


def test_a_series_counts_its_posts_and_names_the_next_one_to_come() -> None:
    weekly = uuid.uuid4()
    items = [post(weekly, 0, S.PUBLISHED), post(weekly, 7, S.CLAIMED, "second"), post(weekly, 14, S.SCHEDULED),
             post(weekly, 21, S.CANCELLED), post(None, 1, S.SCHEDULED)]
    [summary] = summarize_series(items)
    assert (summary.id, summary.total, summary.to_come, summary.published, summary.cancelled) == (weekly, 4, 2, 1, 1)
    assert (summary.first_due, summary.last_due) == (T0, T0 + timedelta(days=21))
    assert (summary.next_due, summary.next_text) == (T0 + timedelta(days=7), "second")


def test_series_with_posts_to_come_come_first_soonest_first_then_the_finished_latest_first() -> None:
    later, sooner, old, older = (uuid.uuid4() for _ in range(4))
    items = [post(older, -30, S.PUBLISHED), post(later, 9, S.SCHEDULED), post(old, -2, S.CANCELLED),
             post(sooner, 3, S.SCHEDULED), post(later, 2, S.PUBLISHED)]
    summaries = summarize_series(items)
    assert [s.id for s in summaries] == [sooner, later, old, older]
    assert summaries[2].next_due is None and summaries[2].next_text is None


@given(versions=st.lists(st.integers(min_value=1, max_value=50), min_size=1, max_size=8), data=st.data())
def test_any_change_to_a_post_of_a_series_makes_its_version_larger(versions: list[int], data: st.DataObject) -> None:
    series = uuid.uuid4()
    items = [msgspec.structs.replace(post(series, i, S.SCHEDULED), version=v) for i, v in enumerate(versions)]
    changed = data.draw(st.integers(min_value=0, max_value=len(items) - 1))
    after = list(items)
    after[changed] = msgspec.structs.replace(items[changed], version=items[changed].version + 1)
    [before_summary], [after_summary] = summarize_series(items), summarize_series(after)
    assert after_summary.version > before_summary.version
