"""No endpoint lets user A read or change user B's data.

The test walks EVERY route of ``tests.support.registries.owner_scoped_routes`` (so routes added later are
covered): B first calls every creating route with a minimal body synthesised from the OpenAPI schema
(so B owns something in as many tables as possible); then A calls every route, with each of B's ids
in the path and in uuid body fields. It proves: no 2xx on a route addressed by one of B's ids, no
response of A's contains any of B's ids or B's address, and B's rows in every user-owned table are
exactly as they were."""

from __future__ import annotations

import re
import uuid
from typing import Any

from inergize.application.notifications.inbox import notify
from inergize.domain.accounts.users import Principal, Role
from tests.support.http_accounts import UA, bearer, make_account, user_data_snapshot
from tests.support.openapi_bodies import openapi, request_body
from tests.support.registries import owner_scoped_routes

PARAM = re.compile(r"\{(\w+):(\w+)\}")
AUTH_FAILURES = {"unauthorized", "session_revoked", "token_revoked", "token_expired", "account_disabled"}
IDS_PER_ROUTE = 4  # B's ids tried per parameterised route: those of the tables the path names first


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


async def _call(client: Any, method: str, path: str, headers: dict[str, str], body: Any,
                key: str | None = None, params: dict[str, str] | None = None) -> Any:
    extra = {"If-Match": '"v1"', "Idempotency-Key": key or uuid.uuid4().hex}
    if body is None:
        return await client.request(method, path, headers={**headers, **extra}, params=params)
    return await client.request(method, path, json=body, headers={**headers, **extra}, params=params)


async def _populate(client: Any, container: Any, user: Any, auth: dict[str, str], clock: Any,
                    routes: list[tuple[str, str]], who: str = "B") -> list[tuple[str, str, Any, str]]:
    """``user`` creates what it can, everywhere; answers (method, path, body, Idempotency-Key) of each."""
    await client.post("/v1/me/mfa/totp", headers=auth)
    async with container.uow_factory()() as uow:
        await notify(uow, user.id, "publishing.failed", f"{who}'s secret title", f"{who}'s body", now=clock.now())
        await uow.commit()
    sent = []
    for method, path in routes:
        if method == "POST" and not PARAM.search(path) and not path.startswith(("/v1/auth/", "/v1/me/")):
            body, key = request_body(client.app, method, path, str(user.id)), uuid.uuid4().hex
            await _call(client, method, path, auth, body, key)
            sent.append((method, path, body, key))
    return sent


async def test_user_a_can_neither_read_nor_change_user_b_data(client: Any, container: Any, emails: Any,
                                                              ports: Any, clock: Any) -> None:
    app = client.app
    routes = owner_scoped_routes(app)
    assert len(routes) >= 20, "the registry should list every user route"
    b_user, b_tokens = await make_account(container, ports, client)
    a_user, _ = await make_account(container, ports, client)
    b_auth = bearer(b_tokens["accessToken"])
    await _populate(client, container, b_user, b_auth, clock, routes)  # B creates what it can, everywhere
    before = await user_data_snapshot(container, b_user.id)
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
    after = await user_data_snapshot(container, b_user.id)
    assert after == before, "A changed B's data"
    assert checked >= len(routes)
    assert {"users", "auth_sessions", "notifications", "audit_log"} <= set(tables_with_b_rows)


# --- B's ids anywhere else in A's requests: bodies, query parameters, a CSV column, Idempotency-Keys.
# Each answer is compared with the answer to the same request with a random id instead, made just before
# and just after (an earlier call may have changed A's own state): B's ids must be indistinguishable.

Shape = tuple[Any, ...]


def _shape(r: Any, ident: str) -> Shape:
    """What an answer says, with ``ident`` (the id A sent) blanked: status, and the problem's code and
    detail, or the names of a JSON answer's fields."""
    try:
        body = r.json()
    except ValueError:
        return (r.status_code, r.headers.get("content-type", "").split(";")[0])
    if isinstance(body, dict) and "code" in body and r.status_code >= 400:
        return (r.status_code, body["code"], str(body.get("detail", "")).replace(ident, "<id>"))
    return (r.status_code, sorted(body) if isinstance(body, dict) else type(body).__name__)


class Prober:
    """A's side of the comparison, checking every answer for B's data as it goes."""

    def __init__(self, client: Any, container: Any, clock: Any, a_user: Any, secrets: set[str]) -> None:
        self.client, self.container, self.clock = client, container, clock
        self.principal = Principal(a_user.id, Role.MEMBER)
        self.secrets = secrets
        self.compared = 0

    def headers(self) -> dict[str, str]:
        self.clock.advance(seconds=1)  # a fresh token each time: A's own logouts must not stop the walk
        return {"Authorization": f"Bearer {self.container.tokens().issue_access(self.principal, now=self.clock.now())}",
                **UA}

    def check(self, r: Any, where: str, sent: set[str]) -> None:
        assert r.status_code < 500, f"{where} -> {r.status_code} {r.text[:300]}"
        assert r.headers.get("idempotent-replayed") is None or not (sent & self.secrets), f"{where} replayed B's"
        leaked = [x for x in self.secrets - sent if x in r.text]
        assert leaked == [], f"{where} -> {r.status_code} leaked B's data: {leaked}"

    async def compare(self, where: str, b_id: str, send: Any) -> None:
        """``send(ident)`` makes the request with ``ident`` in it; B's id must answer like random ids."""
        answers = []
        for ident in (str(uuid.uuid4()), b_id, str(uuid.uuid4())):
            r = await send(ident)
            echo = getattr(r, "echo", ident)  # what A sent that an error may quote back (a cursor)
            self.check(r, where, {ident})
            answers.append(_shape(r, echo))
        assert answers[1] in (answers[0], answers[2]), f"{where}: B's id {answers[1]} vs random {answers[0]}"
        self.compared += 1


def _fill(path: str, ident: str) -> str:
    return PARAM.sub(lambda m: ident, path)


def _query_params(app: Any, method: str, path: str) -> list[str]:
    """The route's query parameters that take text (an id, a cursor, a state), not numbers or dates."""
    op = openapi(app)["paths"].get(path, {}).get(method.lower(), {})
    names = []
    for p in op.get("parameters", []):
        schema = p.get("schema", {})
        options = [schema, *schema.get("anyOf", []), *schema.get("oneOf", [])]
        kinds = {o.get("type") for o in options} | {o.get("format") for o in options}
        if p["in"] == "query" and not kinds & {"integer", "boolean", "number", "date", "date-time"}:
            names.append(p["name"])
    return names


async def test_another_users_ids_anywhere_in_a_request_answer_like_random_ids(
        client: Any, container: Any, emails: Any, ports: Any, clock: Any) -> None:
    from inergize.application.scheduling import bulk_csv as schedule_import
    from inergize.domain.platform.pagination import encode_cursor

    app = client.app
    routes = owner_scoped_routes(app)
    b_user, b_tokens = await make_account(container, ports, client)
    a_user, a_tokens = await make_account(container, ports, client)
    b_sent = await _populate(client, container, b_user, bearer(b_tokens["accessToken"]), clock, routes)
    await _populate(client, container, a_user, bearer(a_tokens["accessToken"]), clock, routes, "A")
    before = await user_data_snapshot(container, b_user.id)
    b_ids = _ids(before)
    a_own = await user_data_snapshot(container, a_user.id)
    a_ids = _ids(a_own)
    a = Prober(client, container, clock, a_user, {b_user.email, "B's secret title", *b_ids})

    # request bodies: every uuid field holds B's id; the path names A's own resource
    for method, path in routes:
        if request_body(app, method, path, "x") is None:
            continue
        concrete = _fill(path, _ids_for(path, a_own, a_ids, str(a_user.id))[0])
        for b_id in _ids_for(path, before, b_ids, str(b_user.id))[:2]:
            await a.compare(f"{method} {concrete} body", b_id, lambda ident, m=method, p=path, c=concrete:
                            _call(client, m, c, a.headers(), request_body(app, m, p, ident)))

    # query parameters: B's id, and a cursor made to start at B's item
    for method, path in routes:
        names = _query_params(app, method, path)
        if not names:
            continue
        concrete = _fill(path, _ids_for(path, a_own, a_ids, str(a_user.id))[0])
        body = request_body(app, method, path, str(a_user.id))
        for b_id in _ids_for(path, before, b_ids, str(b_user.id))[:2]:
            for name in names:
                at = clock.now().isoformat()
                for label, value in (("id", lambda i: i), ("cursor", lambda i, at=at: encode_cursor(at, i))):
                    async def send(ident: str, m: str = method, c: str = concrete, n: str = name,
                                   v: Any = value) -> Any:
                        r = await _call(client, m, c, a.headers(), body, params={n: v(ident)})
                        r.echo = v(ident)
                        return r

                    await a.compare(f"{method} {concrete}?{name}=<B's {label}>", b_id, send)

    # a CSV column: the bulk schedule's media column names B's content
    async def import_csv(ident: str) -> Any:
        csv_body = f"text,media,time\nA post with media,{ident},next\n".encode()
        r = await client.post("/v1/schedule/imports", content=csv_body,
                              headers={**a.headers(), "Content-Type": "text/csv"})
        assert r.status_code == 202, r.text
        await schedule_import.run_import(uuid.UUID(r.json()["id"]), uow_factory=container.uow_factory(),
                                         clock=clock, moderator=None)
        return await client.get(f"/v1/schedule/imports/{r.json()['id']}", headers=a.headers())

    b_content = [row["id"] for table in ("content", "content_versions") for row in before.get(table, [])]
    assert b_content, "B should own content"
    for b_id in b_content[:3]:
        await a.compare("POST /v1/schedule/imports media column", b_id, import_csv)

    # Idempotency-Keys: A replays each of B's keys with B's very body; it must create A's own, never replay B's
    for method, path, body, b_key in b_sent:
        await a.compare(f"{method} {path} Idempotency-Key", b_key, lambda key, m=method, p=path, b=body:
                        _call(client, m, p, a.headers(), b, key))

    assert a.compared >= 60, a.compared
    assert await user_data_snapshot(container, b_user.id) == before, "A changed B's data"
