"""Bad input on every endpoint with a JSON body (all capabilities, found through the OpenAPI schema):
missing fields, wrong types, over-long strings, broken JSON, invalid email and time zone. Each gets a
4xx problem+json, and nothing the caller owns changes."""

from __future__ import annotations

import re
import uuid
from typing import Any

from tests.support.http_accounts import UA, bearer, http_login, make_account, user_data_snapshot
from tests.support.openapi_bodies import _resolve, example, openapi

OPENAPI_PARAM = re.compile(r"\{\w+\}")


def account_paths() -> set[str]:
    """The OpenAPI paths of the accounts capability's own routes."""
    from inergize.entrypoints.http.routes.accounts import admin as admin_accounts
    from inergize.entrypoints.http.routes.accounts import me, mfa
    from inergize.entrypoints.http.routes.accounts import routes as accounts
    from inergize.entrypoints.http.routes.notifications import routes as notifications

    return {
        re.sub(r"\{(\w+):\w+\}", r"{\1}", p)
        for m in (accounts, admin_accounts, me, mfa, notifications)
        for h in m.ROUTES
        for p in h.paths
    }


def _wrong(prop: dict[str, Any], components: dict[str, Any]) -> Any | None:
    prop = _resolve(prop, components)
    kinds = {(_resolve(o, components).get("type")) for o in prop.get("oneOf", prop.get("anyOf", [prop]))}
    kinds.discard(None)
    kinds.discard("null")
    if not kinds:
        return None
    if kinds <= {"string"}:
        return 12345
    if kinds <= {"integer", "number"}:
        return "not a number"
    if kinds <= {"boolean"}:
        return "maybe"
    if kinds <= {"array", "object"}:
        return "not a container"
    return None


def _strings(schema: dict[str, Any], components: dict[str, Any]) -> list[tuple[str, int | None]]:
    """(property, maxLength) of the top-level string properties."""
    out = []
    for name, prop in schema.get("properties", {}).items():
        prop = _resolve(prop, components)
        for option in prop.get("oneOf", prop.get("anyOf", [prop])):
            option = _resolve(option, components)
            if option.get("type") == "string" and option.get("format") not in ("uuid", "date-time", "date"):
                out.append((name, option.get("maxLength") or prop.get("maxLength")))
                break
    return out


def _cases(app: Any, method: str, path: str) -> list[tuple[str, Any, bytes | None]]:
    doc = openapi(app)
    op = doc["paths"][path][method.lower()]
    body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    components = doc.get("components", {}).get("schemas", {})
    if body is None:
        return []
    schema = _resolve(body, components)
    valid = example(schema, components, str(uuid.uuid4()))
    cases: list[tuple[str, Any, bytes | None]] = [
        ("broken json", None, b'{"oops": '),
        ("not an object", [1, 2], None),
    ]
    if schema.get("required"):
        cases.append(("missing fields", {}, None))
    for name, prop in schema.get("properties", {}).items():
        wrong = _wrong(prop, components)
        if wrong is not None and isinstance(valid, dict):
            cases.append((f"wrong type {name}", {**valid, name: wrong}, None))
    if isinstance(valid, dict):
        cases.append(("unknown field", {**valid, "zzUnknownField": 1}, None))
        for name, limit in _strings(schema, components):
            size = (limit + 1) if limit else 2_000_000  # unbounded: beyond the request size limit
            cases.append((f"huge {name}", {**valid, name: "x" * size}, None))
            if "email" in name.lower():
                cases.append((f"invalid {name}", {**valid, name: "not-an-email"}, None))
    return cases


async def test_bad_input_on_every_endpoint_is_a_4xx_problem(
    client: Any, container: Any, emails: Any, ports: Any, clock: Any
) -> None:
    app = client.app
    user, tokens = await make_account(container, ports, client)
    auth = bearer(tokens["accessToken"])
    before = await user_data_snapshot(container, user.id)
    doc = openapi(app)
    mine = account_paths()
    assert "/v1/me" in mine and "/v1/auth/login" in mine
    failures, checked, unbounded = [], 0, []
    for path, ops in doc["paths"].items():
        for method in ops:
            if method.upper() not in ("POST", "PUT", "PATCH"):
                continue
            concrete = OPENAPI_PARAM.sub(lambda m: str(uuid.uuid4()), path)
            for label, body, raw in _cases(app, method, path):
                headers = {**auth, "If-Match": '"v1"', **UA}
                if raw is not None:
                    r = await client.request(
                        method.upper(),
                        concrete,
                        content=raw,
                        headers={**headers, "Content-Type": "application/json"},
                    )
                else:
                    r = await client.request(method.upper(), concrete, json=body, headers=headers)
                checked += 1
                ok = 400 <= r.status_code < 500 and r.headers.get("content-type", "").startswith(
                    "application/problem+json"
                )
                if r.status_code == 404 and r.json().get("code") == "not_found" and "No route" in r.text:
                    failures.append(f"{method.upper()} {path}: the test built a path that does not exist")
                if not ok:
                    failures.append(f"{method.upper()} {path} [{label}] -> {r.status_code} {r.text[:120]}")
                if label.startswith("huge") and r.status_code == 413 and path in mine:
                    unbounded.append(f"{path} {label}")
    assert failures == [], "\n".join(failures)
    assert unbounded == [], f"account strings without max_length: {unbounded}"
    assert checked > 100
    clock.advance(seconds=1)
    # The caller's own session is still valid and nothing of theirs changed.
    assert (await client.get("/v1/me", headers=auth)).status_code == 200
    assert await user_data_snapshot(container, user.id) == before


async def test_invalid_email_and_timezone_change_nothing(
    client: Any, container: Any, emails: Any, ports: Any
) -> None:
    user, tokens = await make_account(container, ports, client)
    auth = bearer(tokens["accessToken"])
    before = await user_data_snapshot(container, user.id)
    etag = (await client.get("/v1/me", headers=auth)).headers["etag"]
    for tz in ("Mars/Olympus", "../../etc/passwd", "UTC+99", "Europe/"):
        r = await client.patch(
            "/v1/me", json={"timezone": tz, "displayName": "Changed"}, headers={**auth, "If-Match": etag}
        )
        assert r.status_code == 422 and r.json()["field"] == "timezone", tz
    bad_hours = await client.patch(
        "/v1/me",
        json={"workingHours": {"start": "18:00", "end": "09:00"}},
        headers={**auth, "If-Match": etag},
    )
    assert bad_hours.status_code == 422
    for email in ("plainaddress", "@no-local.com", "two@@example.com", "spaces in@example.com"):
        r = await client.post(
            "/v1/auth/register", json={"email": email, "password": "long-enough-password-1"}, headers=UA
        )
        assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json"), (
            email
        )
        r = await client.post("/v1/me/email", json={"password": "x", "newEmail": email}, headers=auth)
        assert r.status_code in (401, 422), email
    assert await user_data_snapshot(container, user.id) == before
    assert (await http_login(client, user.email))["accessToken"]
