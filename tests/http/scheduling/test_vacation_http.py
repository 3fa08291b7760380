"""Vacation mode over HTTP: the queue paused until a date with If-Match, posts due meanwhile held, and
the scheduler's tick resuming the queue by itself once the date has come."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import msgspec
import pytest

from inergize.entrypoints.workers.scheduling import claim_due_publications
from tests.support.scheduling import ready_content

pytestmark = pytest.mark.usefixtures("publications_settled")


def with_fresh_token(container: Any, user: Any, clock: Any) -> Any:
    """``user`` with an access token issued now (the test's clock moves past the old one's expiry)."""
    return msgspec.structs.replace(user, token=container.tokens().issue_access(user.principal, now=clock.now()))


async def test_posts_due_during_a_vacation_wait_and_go_out_when_it_ends(
    client: Any, container: Any, make_user: Any, clock: Any
) -> None:
    user = await make_user()
    content_id = await ready_content(container, user.principal, "Back from holiday")
    due = clock.now() + timedelta(hours=1)
    r = await client.post("/v1/schedule", json={"contentId": str(content_id), "at": due.isoformat()},
                          headers=user.headers)
    assert r.status_code == 201, r.text
    item_id = r.json()["id"]
    until = clock.now() + timedelta(hours=2)

    r = await client.put("/v1/schedule/settings", json={"pausedUntil": until.isoformat()}, headers=user.headers)
    assert r.status_code == 428  # If-Match is required, as for every settings change
    r = await client.put("/v1/schedule/settings", json={"pausedUntil": until.isoformat()},
                         headers={**user.headers, "If-Match": '"v0"'})
    assert r.status_code == 200, r.text
    assert r.json()["paused"] is True and r.json()["pausedUntil"].startswith(until.strftime("%Y-%m-%dT%H:%M"))
    assert r.headers["ETag"] == '"v1"'
    r = await client.put("/v1/schedule/settings", json={"paused": False}, headers={**user.headers, "If-Match": '"v0"'})
    assert r.status_code == 412  # a stale ETag changes nothing
    assert (await client.get(f"/v1/schedule/{item_id}", headers=user.headers)).json()["held"] is True

    # Due, but on vacation: the tick leaves it where it is. (Hours pass: a fresh access token each time.)
    clock.advance(minutes=90)
    user = with_fresh_token(container, user, clock)
    await claim_due_publications(container)
    item = (await client.get(f"/v1/schedule/{item_id}", headers=user.headers)).json()
    assert item["state"] == "scheduled" and item["held"] is True
    assert (await client.get("/v1/schedule/settings", headers=user.headers)).json()["paused"] is True

    # The end has come: the tick resumes the queue and claims the post in the same pass.
    clock.advance(minutes=31)
    user = with_fresh_token(container, user, clock)
    await claim_due_publications(container)
    r = await client.get("/v1/schedule/settings", headers=user.headers)
    assert r.json()["paused"] is False and r.json()["pausedUntil"] is None and r.headers["ETag"] == '"v2"'
    item = (await client.get(f"/v1/schedule/{item_id}", headers=user.headers)).json()
    assert item["held"] is False and item["state"] == "claimed"


async def test_a_pause_end_in_the_past_or_on_a_running_queue_is_refused(
    client: Any, container: Any, make_user: Any, clock: Any
) -> None:
    user = await make_user()
    headers = {**user.headers, "If-Match": '"v0"'}
    past = (clock.now() - timedelta(minutes=1)).isoformat()
    r = await client.put("/v1/schedule/settings", json={"pausedUntil": past}, headers=headers)
    assert r.status_code == 422 and "future" in r.json()["detail"]
    ahead = (clock.now() + timedelta(days=3)).isoformat()
    r = await client.put("/v1/schedule/settings", json={"paused": False, "pausedUntil": ahead}, headers=headers)
    assert r.status_code == 422
    assert (await client.get("/v1/schedule/settings", headers=user.headers)).json()["version"] == 0

    # Paused until a date, then resumed by hand: the date goes with the pause.
    r = await client.put("/v1/schedule/settings", json={"pausedUntil": ahead}, headers=headers)
    assert r.status_code == 200 and r.json()["pausedUntil"] is not None
    r = await client.post("/v1/schedule/resume", headers=user.headers)
    assert r.json()["paused"] is False and r.json()["pausedUntil"] is None
