"""Administrators search accounts on the server: every word in the email address or the name, any case,
with LIKE's wildcards taken literally, paged like the full list."""

from __future__ import annotations

import uuid
from typing import Any


async def test_admin_finds_accounts_by_words_of_the_email_or_the_name(client: Any, make_user: Any) -> None:
    admin = await make_user(role="admin")
    tag = uuid.uuid4().hex[:8]
    grace = await make_user(email=f"grace.{tag}@navy.example", display_name="Grace Hopper")
    ada = await make_user(email=f"ada_{tag}@engines.example", display_name="Ada Lovelace")
    await make_user(email=f"adaXlovelace{tag}@other.example", display_name="Someone Else")

    async def found(q: str, **extra: Any) -> list[str]:
        r = await client.get("/v1/admin/users", params={"q": q, **extra}, headers=admin.headers)
        assert r.status_code == 200, r.text
        return [u["email"] for u in r.json()["items"]]

    assert await found(f"{tag} HOPPER") == [grace.user.email]  # words in either field, any case
    assert await found(f"{tag} navy grace") == [grace.user.email]
    assert await found(f"ada_{tag}") == [ada.user.email]  # "_" is a character here, not a wildcard
    assert await found(f"{tag} nobody") == []
    first = await client.get("/v1/admin/users", params={"q": tag, "limit": 2}, headers=admin.headers)
    rest = await client.get("/v1/admin/users", params={"q": tag, "limit": 2, "cursor": first.json()["nextCursor"]},
                            headers=admin.headers)
    assert len(first.json()["items"]) == 2 and len(rest.json()["items"]) == 1 and rest.json()["nextCursor"] is None

    too_long = await client.get("/v1/admin/users", params={"q": "x" * 201}, headers=admin.headers)
    assert too_long.status_code == 422
    member = await client.get("/v1/admin/users", params={"q": tag}, headers=grace.headers)
    assert member.status_code == 403
