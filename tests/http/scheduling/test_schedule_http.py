"""/v1/schedule over HTTP: schedule, calendar in the user's zone, move, cancel, settings with If-Match,
pause, CSV import progress and export, recommendations, and someone else's items are not found."""

from __future__ import annotations

from typing import Any

import pytest

from inergize.application.scheduling import bulk_csv as imp
from tests.support.scheduling import ready_content

pytestmark = pytest.mark.usefixtures("publications_settled")


async def test_schedule_calendar_move_cancel(client: Any, container: Any, make_user: Any, clock: Any) -> None:
    user = await make_user()
    other = await make_user()
    content_id = await ready_content(container, user.principal, "Hello calendar")
    r = await client.put(
        "/v1/schedule/settings",
        json={"timezone": "Europe/Berlin"},
        headers={**user.headers, "If-Match": '"v0"'},
    )
    assert r.status_code == 200, r.text
    assert r.json()["timezone"] == "Europe/Berlin" and r.headers["ETag"] == '"v1"'
    r = await client.post(
        "/v1/schedule",
        json={"contentId": str(content_id), "at": "2026-03-05T09:00:00+01:00"},
        headers=user.headers,
    )
    assert r.status_code == 201, r.text
    item = r.json()
    assert item["state"] == "scheduled" and item["localTime"] == "2026-03-05T09:00"
    r = await client.get(
        "/v1/schedule/calendar", params={"from": "2026-03-05", "to": "2026-03-05"}, headers=user.headers
    )
    assert [i["id"] for i in r.json()["items"]] == [item["id"]] and r.json()["timezone"] == "Europe/Berlin"
    assert (await client.get(f"/v1/schedule/{item['id']}", headers=other.headers)).status_code == 404
    assert (await client.delete(f"/v1/schedule/{item['id']}", headers=other.headers)).status_code == 404
    r = await client.patch(
        f"/v1/schedule/{item['id']}", json={"at": "2026-03-06T10:30:00+01:00"}, headers=user.headers
    )
    assert r.status_code == 200 and r.json()["localTime"] == "2026-03-06T10:30"
    r = await client.post(
        "/v1/schedule",
        json={"contentId": str(content_id), "at": "2026-03-06T10:45:00+01:00"},
        headers=user.headers,
    )
    assert r.status_code == 409 and r.json()["code"] == "too_close"
    r = await client.post(
        "/v1/schedule",
        json={"contentId": str(content_id), "at": "2026-03-01T10:45:00+01:00"},
        headers=user.headers,
    )
    assert r.status_code == 422
    r = await client.delete(f"/v1/schedule/{item['id']}", headers=user.headers)
    assert r.status_code == 200 and r.json()["state"] == "cancelled"
    r = await client.post(f"/v1/schedule/{item['id']}/retry", headers=user.headers)
    assert r.status_code == 409


async def test_settings_pause_import_export_and_recommendations(
    client: Any, container: Any, make_user: Any, clock: Any
) -> None:
    user = await make_user()
    r = await client.get("/v1/schedule/settings", headers=user.headers)
    assert r.status_code == 200 and r.json()["version"] == 0
    r = await client.put(
        "/v1/schedule/settings", json={"slots": [{"weekday": 2, "time": "08:30"}]}, headers=user.headers
    )
    assert r.status_code == 428  # If-Match is required
    r = await client.put(
        "/v1/schedule/settings",
        json={"slots": [{"weekday": 2, "time": "08:30"}]},
        headers={**user.headers, "If-Match": '"v0"'},
    )
    assert r.status_code == 200 and r.json()["slots"] == [{"weekday": 2, "time": "08:30"}]
    r = await client.put("/v1/schedule/settings", json={"minGapMinutes": 30},
                         headers={**user.headers, "If-Match": '"v0"'})
    assert r.status_code == 412  # a stale ETag: someone changed the settings meanwhile
    assert (await client.post("/v1/schedule/pause", headers=user.headers)).json()["paused"] is True
    csv_body = b"text,time\nQueued post,next\n,next\n"
    r = await client.post(
        "/v1/schedule/imports", content=csv_body, headers={**user.headers, "Content-Type": "text/csv"}
    )
    assert r.status_code == 202 and r.json()["state"] == "running"
    import_id = r.json()["id"]
    await imp.run_import(
        __import__("uuid").UUID(import_id), uow_factory=container.uow_factory(), clock=clock, moderator=None
    )
    r = await client.get(f"/v1/schedule/imports/{import_id}", headers=user.headers)
    body = r.json()
    assert (
        body["state"] == "done"
        and body["imported"] == 1
        and body["errors"] == [{"line": 3, "reason": "text is empty."}]
    )
    r = await client.get("/v1/schedule/export", headers=user.headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "Queued post" in r.content.decode("utf-8-sig")
    r = await client.get("/v1/schedule/recommendations", params={"top": 3}, headers=user.headers)
    assert r.status_code == 200 and len(r.json()["items"]) == 3 and r.json()["items"][0]["explanation"]
    assert (await client.post("/v1/schedule/resume", headers=user.headers)).json()["paused"] is False


async def test_recurring_posts_need_one_variant_per_occurrence(
    client: Any, container: Any, make_user: Any, clock: Any
) -> None:
    user = await make_user()
    variants = [str(await ready_content(container, user.principal, f"Weekly tip {i}")) for i in range(2)]
    body = {"first": "2026-03-10T09:00:00+01:00", "variants": variants, "count": 3}
    r = await client.post("/v1/schedule/recurring", json=body, headers=user.headers)
    assert r.status_code == 422
    r = await client.post("/v1/schedule/recurring", json={**body, "count": 2}, headers=user.headers)
    assert r.status_code == 201, r.text
    assert [i["localTime"] for i in r.json()] == ["2026-03-10T08:00", "2026-03-17T08:00"]  # user zone: UTC


async def test_a_move_or_cancel_with_a_stale_if_match_changes_nothing(
    client: Any, container: Any, make_user: Any, clock: Any
) -> None:
    user = await make_user()
    content_id = await ready_content(container, user.principal, "Seen once")
    r = await client.post(
        "/v1/schedule", json={"contentId": str(content_id), "at": "2026-03-05T09:00:00Z"}, headers=user.headers
    )
    item = r.json()
    seen = r.headers["ETag"]
    r = await client.get(f"/v1/schedule/{item['id']}", headers=user.headers)
    assert r.headers["ETag"] == seen and r.json()["version"] == item["version"]
    r = await client.patch(
        f"/v1/schedule/{item['id']}", json={"at": "2026-03-06T09:00:00Z"}, headers={**user.headers, "If-Match": seen}
    )
    assert r.status_code == 200, r.text
    for answer in (
        await client.patch(
            f"/v1/schedule/{item['id']}",
            json={"at": "2026-03-07T09:00:00Z"},
            headers={**user.headers, "If-Match": seen},
        ),
        await client.delete(f"/v1/schedule/{item['id']}", headers={**user.headers, "If-Match": seen}),
    ):
        assert answer.status_code == 412 and answer.json()["code"] == "precondition_failed"
    r = await client.get(f"/v1/schedule/{item['id']}", headers=user.headers)
    assert r.json()["state"] == "scheduled" and r.json()["dueAt"].startswith("2026-03-06T09:00")
    r = await client.delete(f"/v1/schedule/{item['id']}", headers={**user.headers, "If-Match": r.headers["ETag"]})
    assert r.status_code == 200 and r.json()["state"] == "cancelled"
    r = await client.patch(
        f"/v1/schedule/{item['id']}", json={"at": "2026-03-07T09:00:00Z"}, headers={**user.headers, "If-Match": "v1"}
    )
    assert r.status_code == 422 and r.json()["field"] == "If-Match"


async def test_recommendations_cover_every_hour_of_the_week_for_the_heat_map(
    client: Any, make_user: Any
) -> None:
    user = await make_user()
    r = await client.get("/v1/schedule/recommendations", params={"top": 168}, headers=user.headers)
    assert r.status_code == 200, r.text
    cells = {(i["weekday"], i["hour"]) for i in r.json()["items"]}
    assert len(cells) == 168 and {w for w, _ in cells} == set(range(1, 8)) and {h for _, h in cells} == set(range(24))
    r = await client.get("/v1/schedule/recommendations", params={"top": 169}, headers=user.headers)
    assert r.status_code in (400, 422)
