"""Recurring series over HTTP: listed with what is to come and their version, stopped as one with
``If-Match`` (412 once a post of it changed, 428 without it), someone else's not found."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.support.scheduling import ready_content

pytestmark = pytest.mark.usefixtures("publications_settled")


async def test_a_series_is_listed_and_stopping_it_cancels_the_posts_to_come(
    client: Any, container: Any, make_user: Any, clock: Any
) -> None:
    user = await make_user()
    other = await make_user()
    assert (await client.get("/v1/schedule/recurring", headers=user.headers)).json() == []
    variants = [str(await ready_content(container, user.principal, f"Friday lesson {i}")) for i in range(3)]
    r = await client.post("/v1/schedule/recurring", headers=user.headers,
                          json={"first": "2026-03-06T16:00:00Z", "variants": variants, "count": 3})
    assert r.status_code == 201, r.text
    created = r.json()
    series_id = created[0]["seriesId"]
    assert series_id and {p["seriesId"] for p in created} == {series_id}
    single = await client.post("/v1/schedule", json={"contentId": variants[0], "at": "2026-03-04T09:00:00Z"},
                               headers=user.headers)
    assert single.json()["seriesId"] is None

    [listed] = (await client.get("/v1/schedule/recurring", headers=user.headers)).json()
    assert (listed["id"], listed["total"], listed["toCome"], listed["published"]) == (series_id, 3, 3, 0)
    assert listed["nextDue"].startswith("2026-03-06T16:00") and listed["nextText"] == "Friday lesson 0"
    assert listed["lastDue"].startswith("2026-03-20T16:00")
    assert (await client.get("/v1/schedule/recurring", headers=other.headers)).json() == []

    listed_etag = {"If-Match": f'"v{listed["version"]}"'}
    stop = f"/v1/schedule/recurring/{series_id}"
    required = await client.delete(stop, headers=user.headers)
    assert required.status_code == 428 and required.json()["code"] == "precondition_required"
    assert (await client.delete(stop, headers=other.headers | listed_etag)).status_code == 404

    # One post of the series is cancelled on its own after the list was read: that stop is refused.
    await client.delete(f"/v1/schedule/{created[0]['id']}", headers=user.headers)
    stale = await client.delete(stop, headers=user.headers | listed_etag)
    assert stale.status_code == 412 and stale.json()["code"] == "precondition_failed"
    assert (await client.get(f"/v1/schedule/{created[1]['id']}", headers=user.headers)).json()["state"] == "scheduled"

    [reread] = (await client.get("/v1/schedule/recurring", headers=user.headers)).json()
    assert reread["version"] > listed["version"]
    r = await client.delete(stop, headers=user.headers | {"If-Match": f'"v{reread["version"]}"'})
    assert r.status_code == 200, r.text
    assert (r.json()["toCome"], r.json()["cancelled"], r.json()["nextDue"]) == (0, 3, None)
    assert r.headers["ETag"] == f'"v{r.json()["version"]}"'
    states = {(await client.get(f"/v1/schedule/{p['id']}", headers=user.headers)).json()["state"] for p in created}
    assert states == {"cancelled"}
    untouched = await client.get(f"/v1/schedule/{single.json()['id']}", headers=user.headers)
    assert untouched.json()["state"] == "scheduled"
    again = await client.delete(stop, headers=user.headers | {"If-Match": r.headers["ETag"]})
    assert again.status_code == 200 and again.json() == r.json()
    missing = await client.delete(f"/v1/schedule/recurring/{uuid.uuid4()}", headers=user.headers | listed_etag)
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
