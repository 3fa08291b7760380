"""/v1/compliance and /v1/campaigns over HTTP, with the container's own wiring."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.campaigns import BERLIN, people_csv

pytestmark = pytest.mark.usefixtures("nothing_runnable_left")


async def test_dashboard_settings_pause_and_resume(client: Any, make_user: Any) -> None:
    user = await make_user(**BERLIN)
    board = (await client.get("/v1/compliance", headers=user.headers)).json()
    assert board["paused"] is False and board["health"] == 100
    invitations = next(b for b in board["budgets"] if b["action"] == "invitation")
    assert invitations["dailyLimit"] == invitations["dailyLeft"] >= 1 and invitations["weeklyLimit"] <= 100
    got = await client.get("/v1/compliance/settings", headers=user.headers)
    assert got.status_code == 200
    missing = await client.patch("/v1/compliance/settings", json={"quiet": [["12:00", "13:00"]]},
                                 headers=user.headers)
    assert missing.status_code == 428
    match = {**user.headers, "If-Match": got.headers["etag"]}
    changed = await client.patch("/v1/compliance/settings", headers=match,
                                 json={"lists": {"denyCompanies": ["Hooli"]}, "quiet": [["12:00", "13:00"]]})
    assert changed.status_code == 422  # list names are the API's own words: deny_companies
    match = {**user.headers, "If-Match": got.headers["etag"]}
    changed = await client.patch("/v1/compliance/settings", headers=match,
                                 json={"lists": {"deny_companies": ["Hooli"]}, "quiet": [["12:00", "13:00"]]})
    assert changed.status_code == 200 and changed.json()["lists"] == {"deny_companies": ["Hooli"]}
    paused = await client.post("/v1/compliance/pause", json={"reason": "travelling"}, headers=user.headers)
    assert paused.json()["paused"] is True
    refused = await client.post("/v1/compliance/resume", json={"reason": "back"},
                                headers=user.headers)
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    resumed = await client.post("/v1/compliance/resume", json={"reason": "back", "acknowledgeRisk": True},
                                headers=user.headers)
    assert resumed.status_code == 200 and resumed.json()["paused"] is False
    history = (await client.get("/v1/compliance", headers=user.headers)).json()["history"]
    assert {h["kind"] for h in history} == {"pause", "override"}


async def test_campaign_lifecycle_and_other_users_see_nothing(client: Any, make_user: Any) -> None:
    user, other = await make_user(**BERLIN), await make_user()
    created = await client.post("/v1/campaigns", headers=user.headers, json={
        "kind": "connection", "name": "Founders", "config": {"noteTemplate": "Hi {first_name}"}})
    assert created.status_code == 201, created.text
    cid = created.json()["id"]
    too_long = await client.post("/v1/campaigns", headers=user.headers, json={
        "kind": "connection", "name": "x", "config": {"noteTemplate": "x" * 301}})
    assert too_long.status_code == 422
    added = await client.post(f"/v1/campaigns/{cid}/targets", json={"csv": people_csv(5)},
                              headers=user.headers)
    assert added.json() == {"added": 5}
    started = await client.post(f"/v1/campaigns/{cid}/start", headers=user.headers)
    assert started.json()["state"] == "active"
    steps = (await client.get(f"/v1/campaigns/{cid}/steps", headers=user.headers)).json()
    assert len(steps) == 5 and {s["state"] for s in steps} == {"planned"}
    assert steps[0]["text"] == "Hi Ann"
    detail = (await client.get(f"/v1/campaigns/{cid}", headers=user.headers)).json()
    assert detail["steps"] == {"planned": 5}
    board = (await client.get("/v1/compliance", headers=user.headers)).json()
    assert len(board["nextActions"]) == 5
    for method, path in [("GET", f"/v1/campaigns/{cid}"), ("POST", f"/v1/campaigns/{cid}/start"),
                         ("GET", f"/v1/campaigns/{cid}/steps")]:
        assert (await client.request(method, path, headers=other.headers)).status_code == 404
    listed = (await client.get("/v1/campaigns", headers=other.headers)).json()
    assert listed["items"] == []
    assert (await client.get("/v1/campaigns/tasks", headers=user.headers)).json() == []
    assert (await client.post(f"/v1/campaigns/{cid}/sync", headers=other.headers)).status_code == 404
    synced = await client.post(f"/v1/campaigns/{cid}/sync", headers=user.headers)
    assert synced.status_code in (200, 404)  # 404: this user has no LinkedIn connection to read
    cancelled = await client.post(f"/v1/campaigns/{cid}/cancel", headers=user.headers)
    assert cancelled.json()["state"] == "cancelled"
    assert (await client.post(f"/v1/campaigns/{cid}/start", headers=user.headers)).status_code == 409


@pytest.mark.usefixtures("publications_settled")
async def test_a_post_refused_for_a_restriction_shows_the_account_paused(
    client: Any, container: Any, make_user: Any, clock: Any
) -> None:
    """The publish job's restriction signal pauses the account in the same commit as the failed post:
    the dashboard then says paused, and the user can resume."""
    from inergize.application.scheduling.publishing import PUBLISH_JOB
    from inergize.entrypoints.workers.jobs import JOBS
    from inergize.entrypoints.workers.periodic import PERIODIC
    from tests.support.linkedin_rest import connect_linkedin
    from tests.support.scheduling import pending_publish_jobs, publication_of, schedule_ready

    user = await make_user()
    await connect_linkedin(client, user)
    r = await client.post("/v1/linkedin/sandbox/misbehave", json={"restricted": True}, headers=user.headers)
    assert r.status_code == 204, r.text
    assert (await client.get("/v1/compliance", headers=user.headers)).json()["paused"] is False
    item = await schedule_ready(container, user, clock, f"Restricted {user.user.id}", minutes=3)
    (claim,) = [t for t in PERIODIC if t.name == "publications.claim"]
    clock.set(item.due_at)
    await claim.fn(container)
    for job in await pending_publish_jobs(container):
        await JOBS[PUBLISH_JOB](container, **job)
    assert (await publication_of(container, user, item.id)).state.value == "failed"
    board = (await client.get("/v1/compliance", headers=user.headers)).json()
    assert board["paused"] is True and board["pauseReason"] == "restriction_signal"
    resumed = await client.post("/v1/compliance/resume", json={"reason": "appeal won", "acknowledgeRisk": True},
                                headers=user.headers)
    assert resumed.status_code == 200 and resumed.json()["paused"] is False
