"""Recurring series over HTTP: listed with what is to come, stopped as one, someone else's not found."""

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

    # The first one is already out: stopping leaves it and cancels the other two.
    await client.delete(f"/v1/schedule/{created[0]['id']}", headers=user.headers)
    assert (await client.delete(f"/v1/schedule/recurring/{series_id}", headers=other.headers)).status_code == 404
    r = await client.delete(f"/v1/schedule/recurring/{series_id}", headers=user.headers)
    assert r.status_code == 200, r.text
    assert (r.json()["toCome"], r.json()["cancelled"], r.json()["nextDue"]) == (0, 3, None)
    states = {(await client.get(f"/v1/schedule/{p['id']}", headers=user.headers)).json()["state"] for p in created}
    assert states == {"cancelled"}
    untouched = await client.get(f"/v1/schedule/{single.json()['id']}", headers=user.headers)
    assert untouched.json()["state"] == "scheduled"
    again = await client.delete(f"/v1/schedule/recurring/{series_id}", headers=user.headers)
    assert again.status_code == 200 and again.json() == r.json()
    missing = await client.delete(f"/v1/schedule/recurring/{uuid.uuid4()}", headers=user.headers)
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
