"""The LinkedIn connect callback reached by a browser: the member lands on the web app's LinkedIn page,
told whether it worked, never on a JSON document. API clients keep their JSON answer."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


async def _authorization(client: Any, user: Any) -> dict[str, str]:
    r = await client.post("/v1/linkedin/connect", headers=user.headers)
    assert r.status_code == 200, r.text
    query = parse_qs(urlsplit(r.json()["authorizationUrl"]).query)  # the sandbox grants at once
    return {"code": query["code"][0], "state": query["state"][0]}


async def test_a_browser_is_sent_to_the_linkedin_page_connected(client: Any, make_user: Any) -> None:
    user = await make_user()
    params = await _authorization(client, user)
    r = await client.get("/v1/linkedin/callback", params=params, headers=BROWSER)
    assert r.status_code == 303 and r.headers["location"] == "/linkedin/?connected=1"
    assert r.headers["cache-control"] == "no-store"
    status = (await client.get("/v1/linkedin/connection", headers=user.headers)).json()
    assert status["connected"] is True
    # the same state again (a reload of the callback): back to the page with the problem's code
    again = await client.get("/v1/linkedin/callback", params=params, headers=BROWSER)
    assert again.status_code == 303 and again.headers["location"] == "/linkedin/?error=invalid_oauth_state"


async def test_a_browser_that_declined_on_linkedin_learns_why(client: Any, make_user: Any) -> None:
    user = await make_user()
    params = await _authorization(client, user)
    r = await client.get("/v1/linkedin/callback", headers=BROWSER,
                         params={"state": params["state"], "error": "user_cancelled_authorize"})
    assert r.status_code == 303 and r.headers["location"] == "/linkedin/?error=linkedin_denied"


async def test_api_clients_keep_the_json_answer(client: Any, make_user: Any) -> None:
    user = await make_user()
    params = await _authorization(client, user)
    r = await client.get("/v1/linkedin/callback", params=params, headers={"Accept": "application/json"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    bad = await client.get("/v1/linkedin/callback", params=params, headers={"Accept": "application/json"})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
