"""The content list is served from the read cache, and a page read after a write answered is never one
cached before it: in the process that wrote (either cache), and in another process sharing Redis."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.api_processes import ApiProcess, signed_in


async def titles(process: ApiProcess, headers: dict[str, str], **params: Any) -> list[str]:
    r = await process.client.get("/v1/content", headers=headers, params=params)
    assert r.status_code == 200, r.text
    return [item["title"] for item in r.json()["items"]]


async def test_every_write_shows_in_the_next_read_of_the_writing_process(api_processes: Any) -> None:
    a, _ = api_processes
    _, headers = await signed_in(a)
    assert await titles(a, headers) == []
    assert await titles(a, headers) == []  # now cached
    r = await a.client.post("/v1/content", headers=headers, json={"title": "First", "body": "x"})
    assert r.status_code == 201
    first = r.json()
    assert await titles(a, headers) == ["First"]
    r = await a.client.patch(f"/v1/content/{first['id']}", headers={**headers, "If-Match": r.headers["ETag"]},
                             json={"title": "Renamed"})
    assert r.status_code == 200, r.text
    assert await titles(a, headers) == ["Renamed"]
    assert await titles(a, headers, limit=1) == ["Renamed"]  # another page of the same scope
    assert (await a.client.delete(f"/v1/content/{first['id']}", headers=headers)).status_code == 204
    assert await titles(a, headers) == []
    assert await titles(a, headers, limit=1) == []


async def test_a_write_in_one_process_shows_in_the_next_read_of_another_sharing_redis(api_processes: Any) -> None:
    a, b = api_processes
    if a.container.settings().redis_url is None:
        pytest.skip("separate in-process caches: another process's write shows within their 1 s life")
    _, headers = await signed_in(a)
    assert await titles(b, headers) == []
    assert await titles(b, headers) == []
    assert (await a.client.post("/v1/content", headers=headers, json={"title": "Elsewhere"})).status_code == 201
    assert await titles(b, headers) == ["Elsewhere"]


async def test_users_do_not_share_cached_pages(api_processes: Any) -> None:
    a, _ = api_processes
    _, mine = await signed_in(a)
    _, theirs = await signed_in(a)
    assert (await a.client.post("/v1/content", headers=mine, json={"title": "Mine"})).status_code == 201
    assert await titles(a, mine) == ["Mine"]
    assert await titles(a, theirs) == []
