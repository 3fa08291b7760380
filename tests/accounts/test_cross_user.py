"""No endpoint lets user A read or change user B's data.

The test walks EVERY route of ``tests.registries.owner_scoped_routes`` (so routes added later are
covered): B first calls every creating route with a minimal body synthesised from the OpenAPI schema
(so B owns something in as many tables as possible); then A calls every route, with each of B's ids
in the path and in uuid body fields. It proves: no 2xx on a route addressed by one of B's ids, no
response of A's contains any of B's ids or B's address, and B's rows in every user-owned table are
exactly as they were."""

from __future__ import annotations

import re
import uuid
from typing import Any

from inergize.application.notifications import notify
from inergize.domain.users import Principal, Role
from tests.accounts.helpers import PASSWORD
from tests.accounts.http_helpers import UA, bearer, http_login
from tests.accounts.openapi_bodies import request_body
from tests.registries import owner_scoped_routes

PARAM = re.compile(r"\{(\w+):(\w+)\}")
AUTH_FAILURES = {"unauthorized", "session_revoked", "token_revoked", "token_expired", "account_disabled"}
IDS_PER_ROUTE = 4  # B's ids tried per parameterised route: those of the tables the path names first


async def _snapshot(container: Any, user_id: uuid.UUID) -> dict[str, list[dict[str, Any]]]:
    async with container.uow_factory()(read_only=True) as uow:
        data = await uow.user_data.export(user_id)
    return {t: sorted(rows, key=repr) for t, rows in data.items()}


def _ids(snapshot: dict[str, list[dict[str, Any]]]) -> list[str]:
    """B's resource ids, round-robin over tables so every table is tried first."""
    per_table: list[list[str]] = []
    for rows in snapshot.values():
        found = []
        for row in rows:
            for col, value in row.items():
                if (col == "id" or col.endswith("_id")) and isinstance(value, str):
                    try:
                        found.append(str(uuid.UUID(value)))
                    except ValueError:
                        continue
        per_table.append(list(dict.fromkeys(found)))
    out: list[str] = []
    while any(per_table):
        for ids in per_table:
            if ids:
                out.append(ids.pop(0))
    return list(dict.fromkeys(out))


def _ids_for(path: str, snapshot: dict[str, list[dict[str, Any]]], all_ids: list[str],
             user_id: str) -> list[str]:
    """B's ids most likely to address ``path``: ids of the tables whose names share a word with the path
    (``/v1/content/{id}`` -> ``content``, ``content_versions``), then any others, and B's user id."""
    words = {w.rstrip("s") for w in re.split(r"[/_{}:-]+", path) if len(w) > 2}
    ranked = sorted(snapshot, key=lambda t: -len(words & {w.rstrip("s") for w in t.split("_")}))
    picked: list[str] = []
    for table in ranked:
        for row in snapshot[table][:1]:
            value = row.get("id")
            if isinstance(value, str) and value in all_ids and value not in picked:
                picked.append(value)
        if len(picked) >= IDS_PER_ROUTE - 1:
            break
    return [*picked, user_id]


async def _make_account(container: Any, ports: Any, client: Any) -> tuple[Any, dict[str, Any]]:
    from inergize.application.accounts import create_account

    email = f"x{uuid.uuid4().hex[:12]}@example.com"
    user = await create_account(email, PASSWORD, role=Role.MEMBER, ports=ports)
    return user, await http_login(client, email)


async def _call(client: Any, method: str, path: str, headers: dict[str, str], body: Any) -> Any:
    extra = {"If-Match": '"v1"', "Idempotency-Key": uuid.uuid4().hex}
    if body is None:
        return await client.request(method, path, headers={**headers, **extra})
    return await client.request(method, path, json=body, headers={**headers, **extra})


async def test_user_a_can_neither_read_nor_change_user_b_data(client: Any, container: Any, emails: Any,
                                                              ports: Any, clock: Any) -> None:
    app = client.app
    routes = owner_scoped_routes(app)
    assert len(routes) >= 20, "the registry should list every user route"
    b_user, b_tokens = await _make_account(container, ports, client)
    a_user, _ = await _make_account(container, ports, client)
    b_auth = bearer(b_tokens["accessToken"])
    # B creates what it can, everywhere.
    await client.post("/v1/me/mfa/totp", headers=b_auth)
    async with container.uow_factory()() as uow:
        await notify(uow, b_user.id, "publishing.failed", "B's secret title", "B's body", now=clock.now())
        await uow.commit()
    for method, path in routes:
        if method == "POST" and not PARAM.search(path) and not path.startswith(("/v1/auth/", "/v1/me/")):
            body = request_body(app, method, path, str(b_user.id))
            await _call(client, method, path, b_auth, body)
    before = await _snapshot(container, b_user.id)
    b_ids = _ids(before)
    assert str(b_user.id) in b_ids and len(b_ids) >= 5
    secrets = {b_user.email, "B's secret title", *b_ids}
    tables_with_b_rows = sorted(t for t, rows in before.items() if rows)

    a_principal = Principal(a_user.id, Role.MEMBER)
    checked = 0
    for method, path in routes:
        params = PARAM.findall(path)
        if params:
            targets = []
            for b_id in _ids_for(path, before, b_ids, str(b_user.id)):
                concrete = path
                for name, kind in params:
                    concrete = concrete.replace(f"{{{name}:{kind}}}", b_id)
                targets.append((concrete, b_id))
        else:
            targets = [(path, str(b_user.id))]
        for concrete, b_id in targets:
            clock.advance(seconds=1)  # a fresh token for A each time: A's own logouts must not stop the walk
            token = container.tokens().issue_access(a_principal, now=clock.now())
            body = request_body(app, method, path, b_id)
            r = await _call(client, method, concrete, {"Authorization": f"Bearer {token}", **UA}, body)
            checked += 1
            where = f"{method} {concrete} -> {r.status_code}"
            assert r.status_code < 500, where + " " + r.text[:300]
            if r.status_code == 401:
                assert r.json().get("code") not in AUTH_FAILURES, where + " (A was not authenticated)"
            if params and any(kind == "uuid" for _, kind in params):
                assert not 200 <= r.status_code < 300, where + " (B's id was accepted)"
            # A's own input may come back in an error (the problem's ``instance`` is the path A sent).
            text = r.text.replace(concrete, "")
            echo = {b_id} if r.status_code >= 400 else set()
            leaked = [s for s in secrets - echo if s in text]
            assert leaked == [], f"{where} leaked B's data: {leaked}"
    after = await _snapshot(container, b_user.id)
    assert after == before, "A changed B's data"
    assert checked >= len(routes)
    assert {"users", "auth_sessions", "notifications", "audit_log"} <= set(tables_with_b_rows)
