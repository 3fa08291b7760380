"""Content versions: every edit is a draft version; only moderation makes one ready; the scheduling
helper reads the current ready version."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from inergize.application.content import library as uc
from inergize.domain.platform.errors import Conflict, NotFound
from tests.support.content import BLOCKED_TEXTS


async def _create(client: Any, u: Any, body: str, kind: str = "post") -> Any:
    r = await client.post("/v1/content", json={"title": "t", "body": body, "kind": kind}, headers=u.headers)
    assert r.status_code == 201
    return r


async def test_a_clean_draft_becomes_ready_and_an_edit_needs_moderation_again(
    client: Any, make_user: Any, container: Any
) -> None:
    u = await make_user()
    created = await _create(client, u, "Shipping beats perfect.\n\nWhat did you ship this week?")
    url, tag = created.headers["location"], created.headers["etag"]
    r = await client.post(url + "/ready", headers={**u.headers, "If-Match": tag})
    assert r.status_code == 200 and r.json()["state"] == "ready"
    ready = await uc.get_ready_version(
        uuid.UUID(created.json()["id"]), principal=u.principal, uow_factory=container.uow_factory()
    )
    assert ready.number == 1 and ready.text.startswith("Shipping") and ready.media == ()

    r = await client.patch(
        url, json={"body": "Edited text."}, headers={**u.headers, "If-Match": r.headers["etag"]}
    )
    assert r.status_code == 200 and r.json()["state"] == "draft"
    versions = (await client.get(url + "/versions", headers=u.headers)).json()["items"]
    assert [(v["number"], v["state"]) for v in versions] == [(2, "draft"), (1, "ready")]
    with pytest.raises(Conflict) as exc:
        await uc.get_ready_version(
            uuid.UUID(created.json()["id"]), principal=u.principal, uow_factory=container.uow_factory()
        )
    assert exc.value.code == "content_not_ready"


@pytest.mark.parametrize(("body", "code"), BLOCKED_TEXTS)
async def test_moderation_blocks_with_the_reason_and_the_draft_cannot_be_ready(
    client: Any, make_user: Any, container: Any, body: str, code: str
) -> None:
    u = await make_user()
    created = await _create(client, u, body)
    url = created.headers["location"]
    r = await client.post(url + "/ready", headers={**u.headers, "If-Match": created.headers["etag"]})
    assert r.status_code == 409 and r.json()["code"] == "moderation_blocked"
    assert code in [i["code"] for i in r.json()["issues"]]
    assert (await client.get(url, headers=u.headers)).json()["state"] == "draft"
    versions = (await client.get(url + "/versions", headers=u.headers)).json()["items"]
    assert versions[0]["state"] == "draft" and code in [i["code"] for i in versions[0]["moderation"]]
    with pytest.raises(Conflict):
        await uc.get_ready_version(
            uuid.UUID(created.json()["id"]), principal=u.principal, uow_factory=container.uow_factory()
        )


async def test_another_users_ready_version_is_not_found(client: Any, make_user: Any, container: Any) -> None:
    a, b = await make_user(), await make_user()
    created = await _create(client, a, "Fine text.")
    await client.post(created.headers["location"] + "/ready", headers={**a.headers, "If-Match": '"v1"'})
    with pytest.raises(NotFound):
        await uc.get_ready_version(
            uuid.UUID(created.json()["id"]), principal=b.principal, uow_factory=container.uow_factory()
        )
    r = await client.post(created.headers["location"] + "/ready", headers={**b.headers, "If-Match": '"v2"'})
    assert r.status_code == 404


async def test_ready_needs_the_current_etag(client: Any, make_user: Any) -> None:
    u = await make_user()
    created = await _create(client, u, "Fine text.")
    r = await client.post(created.headers["location"] + "/ready", headers=u.headers)
    assert r.status_code == 428
    r = await client.post(created.headers["location"] + "/ready", headers={**u.headers, "If-Match": '"v9"'})
    assert r.status_code == 412


async def test_versions_and_files_of_another_user_are_not_found(client: Any, make_user: Any) -> None:
    a, b = await make_user(), await make_user()
    url = (await _create(client, a, "Mine.")).headers["location"]
    assert (await client.get(url + "/versions", headers=b.headers)).status_code == 404
    assert (await client.get(url + "/file", headers=b.headers)).status_code == 404
    assert (await client.get(url + "/file", headers=a.headers)).status_code == 404  # a post has no file
