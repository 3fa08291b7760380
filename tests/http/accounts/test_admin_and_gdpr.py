"""Roles, admin endpoints, audit and GDPR through HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from tests.support.accounts import PASSWORD
from tests.support.http_accounts import UA, bearer, http_login, http_signup
from tests.support.registries import user_owned_tables


def _email() -> str:
    return f"g{uuid.uuid4().hex[:12]}@example.com"


async def test_admin_lists_disables_and_enables(
    client: Any, container: Any, emails: Any, budgets: Any, make_user: Any
) -> None:
    admin = await make_user(role="admin")
    email = _email()
    await http_signup(client, container, emails, email)
    s1, s2 = await http_login(client, email), await http_login(client, email)
    member = bearer(s1["accessToken"])
    assert (await client.get("/v1/admin/users", headers=member)).status_code == 403
    user_id = (await client.get("/v1/me", headers=member)).json()["id"]
    assert (await client.post(f"/v1/admin/users/{user_id}/disable", headers=member)).status_code == 403
    listed = await client.get("/v1/admin/users?limit=200", headers=admin.headers)
    assert listed.status_code == 200 and listed.json()["items"]
    r = await client.post(f"/v1/admin/users/{user_id}/disable", headers=admin.headers)
    assert r.status_code == 200 and r.json()["status"] == "disabled"
    # every session dies at once: access tokens and refresh tokens
    assert (await client.get("/v1/me", headers=member)).status_code == 401
    assert (await client.get("/v1/me", headers=bearer(s2["accessToken"]))).status_code == 401
    assert (
        await client.post("/v1/auth/refresh", json={"refreshToken": s2["refreshToken"]}, headers=UA)
    ).status_code == 401
    login = await client.post("/v1/auth/login", json={"email": email, "password": PASSWORD}, headers=UA)
    assert login.status_code == 403 and login.json()["code"] == "account_disabled"
    assert (
        await client.post(f"/v1/admin/users/{uuid.uuid4()}/disable", headers=admin.headers)
    ).status_code == 404
    r = await client.post(f"/v1/admin/users/{user_id}/enable", headers=admin.headers)
    assert r.status_code == 200 and r.json()["status"] == "active"
    assert "accessToken" in await http_login(client, email)
    audit = await client.get(f"/v1/admin/audit?userId={user_id}", headers=admin.headers)
    actions = [e["action"] for e in audit.json()["items"]]
    assert "admin.user_disabled" in actions and "admin.user_enabled" in actions
    by_admin = next(e for e in audit.json()["items"] if e["action"] == "admin.user_disabled")
    assert by_admin["actorId"] == str(admin.user.id)


async def test_demoted_admin_loses_admin_at_once(
    client: Any, container: Any, budgets: Any, make_user: Any
) -> None:
    admin = await make_user(role="admin")
    assert (await client.get("/v1/admin/users", headers=admin.headers)).status_code == 200
    async with container.uow_factory()() as uow:
        user = await uow.users.get(admin.user.id)
        from inergize.domain.accounts.users import Role

        user.role = Role.MEMBER
        await uow.users.update(user)
        await uow.commit()
    assert (await client.get("/v1/admin/users", headers=admin.headers)).status_code == 403


async def test_audit_records_who_what_when_where(
    client: Any, container: Any, emails: Any, budgets: Any, clock: Any
) -> None:
    email = _email()
    await http_signup(client, container, emails, email)
    clock.advance(seconds=1)
    await client.post("/v1/auth/login", json={"email": email, "password": "wrong-password-x"}, headers=UA)
    clock.advance(seconds=1)
    auth = bearer((await http_login(client, email))["accessToken"])
    events = (await client.get("/v1/me/audit", headers=auth)).json()["items"]
    actions = [e["action"] for e in events]
    assert actions[:2] == ["login.succeeded", "login.failed"]
    assert {"email.verified", "register.created"} <= set(actions[2:])
    assert all(e["ip"] and e["createdAt"] for e in events) and events[0]["userAgent"] == "pytest-http/1.0"
    assert (await client.get("/v1/admin/audit", headers=auth)).status_code == 403


async def test_export_covers_every_user_owned_table(
    client: Any, container: Any, emails: Any, budgets: Any
) -> None:
    email = _email()
    await http_signup(client, container, emails, email)
    auth = bearer((await http_login(client, email))["accessToken"])
    await client.post("/v1/content", json={"title": "My draft", "body": "Hello"}, headers=auth)
    r = await client.get("/v1/me/export", headers=auth)
    assert r.status_code == 200 and r.headers["content-disposition"].startswith("attachment")
    doc = r.json()
    assert list(doc) == ["format", "userId", "exportedAt", "tables"] and doc["format"] == "inergize-export/1"
    assert datetime.fromisoformat(doc["exportedAt"]).utcoffset() is not None
    assert doc["userId"] == (await client.get("/v1/me", headers=auth)).json()["id"]
    assert set(doc["tables"]) == set(user_owned_tables())
    assert doc["tables"]["users"][0]["email"] == email
    assert "password_hash" not in doc["tables"]["users"][0]
    assert all("token_hash" not in row for row in doc["tables"]["refresh_tokens"])
    assert doc["tables"]["refresh_tokens"] and doc["tables"]["auth_sessions"]
    assert [c["title"] for c in doc["tables"]["content"]] == ["My draft"]


async def test_delete_account_needs_reauth_and_keeps_only_audit(
    client: Any, container: Any, emails: Any, budgets: Any
) -> None:
    email = _email()
    await http_signup(client, container, emails, email)
    tokens = await http_login(client, email)
    auth = bearer(tokens["accessToken"])
    user_id = uuid.UUID((await client.get("/v1/me", headers=auth)).json()["id"])
    await client.post("/v1/content", json={"title": "Gone soon"}, headers=auth)
    denied = await client.post("/v1/me/delete", json={"password": "wrong-password-z"}, headers=auth)
    assert denied.status_code == 401
    assert (await client.post("/v1/me/delete", json={"password": PASSWORD}, headers=auth)).status_code == 204
    assert (await client.get("/v1/me", headers=auth)).status_code == 401
    assert (
        await client.post("/v1/auth/refresh", json={"refreshToken": tokens["refreshToken"]}, headers=UA)
    ).status_code == 401
    from inergize.adapters.persistence.tables import metadata

    left = {}
    async with container.engine().connect() as conn:
        for name, column in user_owned_tables().items():
            table = metadata.tables[name]
            value = str(user_id) if table.info.get("owner_is_text") else user_id
            left[name] = (
                await conn.execute(select(func.count()).select_from(table).where(table.c[column] == value))
            ).scalar_one()
    assert {k: v for k, v in left.items() if v} == {"audit_log": left["audit_log"]}
    assert left["audit_log"] >= 3
    # the address is free again
    await http_signup(client, container, emails, email)
