"""The publishing rules on the in-memory unit of work, against the LinkedIn wire server: 09:00 Berlin on
both sides of DST, retries that end in needs-attention and are never reposted on our own, permanent errors
that fail at once and notify, a paused queue, a 403 that pauses the account, a pause after the claim.
(Concurrent claims, exactly-once under faults and the container's wiring stay on the databases, in
test_publishing.py.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from inergize.application.scheduling import queue_settings as ss
from inergize.application.scheduling import schedule as uc
from inergize.application.scheduling.publishing import tick
from inergize.domain.scheduling.publication import MAX_ATTEMPTS, PublicationState
from tests.support.memory_container import memory_container, memory_make_user  # noqa: F401  (fixtures)
from tests.support.scheduling import (
    Wire,
    publication_of,
    publisher,
    ready_content,
    run_publish_jobs,
    schedule_as,
    schedule_ready,
)

S = PublicationState


async def test_nine_berlin_publishes_at_nine_local_on_both_sides_of_dst(
    container: Any, make_user: Any, clock: Any, rest_gateway: Any, wire: Wire
) -> None:
    user = await make_user(timezone="Europe/Berlin")
    clock.set(datetime(2026, 3, 26, 12, tzinfo=UTC))
    factory = container.uow_factory()
    before_id = await ready_content(container, user.principal, "Before the change")
    after_id = await ready_content(container, user.principal, "After the change")
    berlin = "Europe/Berlin"
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(berlin)
    before = await schedule_as(container, user, clock, before_id, datetime(2026, 3, 27, 9, tzinfo=tz))
    after = await schedule_as(container, user, clock, after_id, datetime(2026, 3, 30, 9, tzinfo=tz))
    pub = publisher(container, rest_gateway)
    for p, utc_hour in ((before, 8), (after, 7)):
        local_nine = p.due_at.astimezone(tz)
        assert (local_nine.hour, local_nine.minute) == (9, 0) and p.due_at.hour == utc_hour
        clock.set(p.due_at - timedelta(seconds=1))
        await tick(uow_factory=factory, clock=clock)
        await run_publish_jobs(container, pub)
        assert (await publication_of(container, user, p.id)).state is S.SCHEDULED  # not a second early
        clock.set(p.due_at)
        await tick(uow_factory=factory, clock=clock)
        await run_publish_jobs(container, pub)
        done = await publication_of(container, user, p.id)
        assert done.state is S.PUBLISHED and done.published_at.astimezone(tz).hour == 9
    assert wire.state.stats()["created"] == 2


async def test_an_outcome_that_stays_unknown_ends_in_needs_attention_and_is_never_reposted(
    container: Any, make_user: Any, clock: Any, rest_gateway: Any, wire: Wire
) -> None:

    user = await make_user()
    factory = container.uow_factory()
    item = await schedule_ready(container, user, clock, f"Unknown {user.user.id}")
    clock.set(item.due_at)
    wire.state.fail_next = [504] * 1000  # every answer is a gateway timeout: did LinkedIn post it?
    pub = publisher(container, rest_gateway)
    for _attempt in range(MAX_ATTEMPTS):
        assert await tick(uow_factory=factory, clock=clock) == 1
        await run_publish_jobs(container, pub)
        clock.advance(hours=2)
    held = await publication_of(container, user, item.id)
    assert (
        held.state is S.NEEDS_ATTENTION and held.outcome_unknown and held.failure_reason == "outcome_unknown"
    )
    assert await tick(uow_factory=factory, clock=clock) == 0  # never picked up again on our own
    async with factory(read_only=True) as uow:
        notes = await uow.notifications.list_for_user(user.user.id, limit=10, cursor=None)
    assert [n.kind for n in notes.items] == ["publishing.needs_attention"]
    assert notes.items[0].link == f"/calendar/?publication={item.id}"
    wire.state.fail_next = []
    await uc.retry_now(
        item.id, principal=user.principal, uow_factory=factory, clock=clock, confirm_repost=True
    )
    await run_publish_jobs(container, pub)
    assert (await publication_of(container, user, item.id)).state is S.PUBLISHED
    assert wire.state.stats()["created"] == 1


async def test_permanent_errors_fail_at_once_with_the_reason_and_notify(
    container: Any, make_user: Any, clock: Any, rest_gateway: Any, wire: Wire
) -> None:
    user = await make_user()
    factory = container.uow_factory()
    content_id = await ready_content(container, user.principal, f"Rejected {user.user.id}")
    item = await uc.post_now(content_id, principal=user.principal, uow_factory=factory, clock=clock)
    assert item.state is S.CLAIMED
    wire.state.fail_next = [401] * 3
    await run_publish_jobs(container, publisher(container, rest_gateway))
    failed = await publication_of(container, user, item.id)
    assert (
        failed.state is S.FAILED and failed.failure_reason == "account_disconnected" and failed.attempts == 1
    )
    assert "refused the token" in (failed.last_error or "")
    async with factory(read_only=True) as uow:
        notes = await uow.notifications.list_for_user(user.user.id, limit=10, cursor=None)
    assert notes.items[0].kind == "publishing.failed" and "account_disconnected" in notes.items[0].body
    wire.state.fail_next = []
    again = await uc.retry_now(item.id, principal=user.principal, uow_factory=factory, clock=clock)
    assert again.state is S.CLAIMED
    await run_publish_jobs(container, publisher(container, rest_gateway))
    assert (await publication_of(container, user, item.id)).state is S.PUBLISHED


async def test_paused_queue_holds_everything_until_resumed(
    container: Any, make_user: Any, clock: Any
) -> None:
    user = await make_user()
    factory = container.uow_factory()
    item = await schedule_ready(container, user, clock, "Held")
    await ss.set_paused(True, principal=user.principal, uow_factory=factory, clock=clock)
    clock.advance(hours=1)
    assert await tick(uow_factory=factory, clock=clock) == 0
    await ss.set_paused(False, principal=user.principal, uow_factory=factory, clock=clock)
    assert await tick(uow_factory=factory, clock=clock) == 1
    assert (await publication_of(container, user, item.id)).state is S.CLAIMED


async def test_a_403_on_a_post_fails_it_pauses_the_account_and_holds_its_other_posts(
    container: Any, make_user: Any, clock: Any, rest_gateway: Any, wire: Wire
) -> None:
    """LinkedIn refusing a post with 403 is a restriction signal: the post fails with the reason, the
    account's automation pauses, and its other scheduled posts wait, held, for the user's resume."""
    user = await make_user()
    factory = container.uow_factory()
    first = await ready_content(container, user.principal, f"Refused {user.user.id}")
    later = await ready_content(container, user.principal, f"Later {user.user.id}")
    item = await uc.post_now(first, principal=user.principal, uow_factory=factory, clock=clock)
    other = await schedule_as(container, user, clock, later, clock.now() + timedelta(hours=2))
    wire.state.fail_next = [403]
    await run_publish_jobs(container, publisher(container, rest_gateway))
    failed = await publication_of(container, user, item.id)
    assert failed.state is S.FAILED and failed.failure_reason == "forbidden"
    assert (await publication_of(container, user, other.id)).held
    async with factory(read_only=True) as uow:
        account = await uow.compliance.get_account(user.user.id)
        notes = await uow.notifications.list_for_user(user.user.id, limit=10, cursor=None)
    assert account is not None and account.paused and account.pause_reason == "restriction_signal"
    assert {n.kind for n in notes.items} == {"publishing.failed", "compliance.paused"}
    clock.advance(hours=3)
    assert await tick(uow_factory=factory, clock=clock) == 0


@pytest.mark.parametrize("how", ["vacation", "restriction"])
async def test_a_pause_after_the_claim_stops_the_post_before_linkedin_hears_of_it(
    container: Any, make_user: Any, clock: Any, wire: Wire, rest_gateway: Any, how: str
) -> None:
    """The tick claimed the item and its job is queued when the user pauses (or a restriction signal
    pauses the account): the job skips it, nothing reaches LinkedIn, and it waits, held, for the resume."""
    from inergize.application.compliance import safety

    user = await make_user()
    factory = container.uow_factory()
    item = await schedule_ready(container, user, clock, f"Claimed then paused {how}")
    clock.advance(minutes=2)
    assert await tick(uow_factory=factory, clock=clock) == 1
    if how == "vacation":
        await ss.set_paused(True, principal=user.principal, uow_factory=factory, clock=clock)
    else:
        async with factory() as uow:  # the account has run automation before
            await uow.compliance.ensure_account(user.user.id, now=clock.now())
            assert await safety.pause(uow, user.user.id, reason="restriction_signal", now=clock.now())
            await uow.commit()
    (counts,) = await run_publish_jobs(container, publisher(container, rest_gateway))
    assert counts == {"skipped": 1} and wire.state.stats()["requests"] == 0
    held = await publication_of(container, user, item.id)
    assert held.state is S.SCHEDULED and held.held and held.claim_token is None and held.attempts == 0
    clock.advance(hours=1)
    assert await tick(uow_factory=factory, clock=clock) == 0  # held: not due for anyone
