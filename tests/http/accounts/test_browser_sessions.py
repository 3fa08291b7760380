"""Browser sessions (``X-Session-Mode: cookie``): the refresh token only in an HttpOnly cookie, refresh
guarded by the double-submit CSRF check, rotation and reuse detection as for API clients, cookies
cleared on logout. On SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from http.cookies import SimpleCookie
from typing import Any

import httpx
import pyotp
import pytest

from tests.support.accounts import PASSWORD
from tests.support.http_accounts import UA, bearer, http_login, http_signup

COOKIE_MODE = {"X-Session-Mode": "cookie", **UA}
PROBLEM = "application/problem+json"


def _email() -> str:
    return f"b{uuid.uuid4().hex[:12]}@example.com"


def set_cookies(response: httpx.Response) -> dict[str, dict[str, Any]]:
    """Each Set-Cookie of ``response`` by name: its value and attributes (lower-case names)."""
    out: dict[str, dict[str, Any]] = {}
    for header in response.headers.get_list("set-cookie"):
        jar: SimpleCookie = SimpleCookie()
        jar.load(header)
        for name, morsel in jar.items():
            attrs = {k: v for k, v in morsel.items() if v}
            flags = {part.strip().lower() for part in header.split(";")[1:]}
            out[name] = {"value": morsel.value, **attrs, "secure": "secure" in flags,
                         "httponly": "httponly" in flags}
    return out


def cookie_header(cookies: dict[str, dict[str, Any]], *names: str) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{n}={cookies[n]['value']}" for n in names)}


async def cookie_login(client: Any, email: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    r = await client.post("/v1/auth/login", json={"email": email, "password": PASSWORD},
                          headers=COOKIE_MODE)
    assert r.status_code == 200, r.text
    return r.json(), set_cookies(r)


def refresh_headers(cookies: dict[str, dict[str, Any]], csrf: str | None = None) -> dict[str, str]:
    return {**COOKIE_MODE, **cookie_header(cookies, "inergize_refresh", "inergize_csrf"),
            "X-CSRF-Token": cookies["inergize_csrf"]["value"] if csrf is None else csrf}


@pytest.fixture
async def browser(client: Any) -> AsyncIterator[Any]:
    """The shared client, sending only the cookies a test names (httpx would otherwise replay them)."""
    client.cookies.clear()
    yield client
    client.cookies.clear()


@pytest.fixture
async def signed_up(browser: Any, container: Any, emails: Any, budgets: Any) -> str:
    email = _email()
    await http_signup(browser, container, emails, email)
    return email


async def test_cookie_login_sets_the_refresh_and_csrf_cookies(browser: Any, container: Any,
                                                            signed_up: str) -> None:
    body, cookies = await cookie_login(browser, signed_up)
    assert body["accessToken"] and body["refreshToken"] is None and body["tokenType"] == "Bearer"
    assert set(cookies) == {"inergize_refresh", "inergize_csrf"}
    ttl = container.settings().refresh_token_ttl_days * 86_400
    refresh, csrf = cookies["inergize_refresh"], cookies["inergize_csrf"]
    assert refresh["path"] == "/v1/auth" and refresh["httponly"] and refresh["samesite"].lower() == "strict"
    assert int(refresh["max-age"]) == ttl and refresh["secure"]  # testserver.local is not loopback
    assert csrf["path"] == "/" and not csrf["httponly"] and csrf["samesite"].lower() == "strict"
    assert int(csrf["max-age"]) == ttl and csrf["secure"] and len(csrf["value"]) >= 32
    assert refresh["value"] != csrf["value"]
    me = await browser.get("/v1/me", headers=bearer(body["accessToken"]))
    assert me.status_code == 200 and me.json()["email"] == signed_up


async def test_json_clients_are_unchanged(browser: Any, signed_up: str) -> None:
    r = await browser.post("/v1/auth/login", json={"email": signed_up, "password": PASSWORD},
                           headers=UA)
    assert r.status_code == 200 and r.json()["refreshToken"] and "set-cookie" not in r.headers
    again = await browser.post("/v1/auth/refresh", json={"refreshToken": r.json()["refreshToken"]}, headers=UA)
    assert again.status_code == 200 and again.json()["refreshToken"] and "set-cookie" not in again.headers
    # an API client's refresh still needs its token in the body
    empty = await browser.post("/v1/auth/refresh", json={}, headers=UA)
    assert empty.status_code == 400 and empty.headers["content-type"].startswith(PROBLEM)


async def test_refresh_rotates_through_the_cookie_and_reuse_still_ends_the_session(
        browser: Any, signed_up: str) -> None:
    _, first = await cookie_login(browser, signed_up)
    r = await browser.post("/v1/auth/refresh", json={}, headers=refresh_headers(first))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["accessToken"] and body["refreshToken"] is None and body["sessionId"] and body["expiresIn"] > 0
    assert r.headers["cache-control"] == "no-store"
    second = set_cookies(r)
    assert second["inergize_refresh"]["value"] != first["inergize_refresh"]["value"]
    assert second["inergize_refresh"]["path"] == "/v1/auth" and second["inergize_refresh"]["httponly"]
    assert (await browser.get("/v1/me", headers=bearer(body["accessToken"]))).status_code == 200
    # an empty body is taken as {} in cookie mode
    r = await browser.post("/v1/auth/refresh", content=b"", headers=refresh_headers(second))
    assert r.status_code == 200, r.text
    third, latest_access = set_cookies(r), r.json()["accessToken"]
    # the first cookie, replayed (a stolen copy): refused, and the whole session ends
    replay = await browser.post("/v1/auth/refresh", json={}, headers=refresh_headers(first))
    assert replay.status_code == 401 and replay.json()["code"] == "invalid_refresh_token"
    assert (await browser.get("/v1/me", headers=bearer(latest_access))).status_code == 401
    after = await browser.post("/v1/auth/refresh", json={}, headers=refresh_headers(third))
    assert after.status_code == 401


@pytest.mark.parametrize("csrf", ["", "forged-value", None])
async def test_refresh_without_the_matching_csrf_header_is_forbidden(browser: Any, signed_up: str,
                                                                     csrf: str | None) -> None:
    _body, cookies = await cookie_login(browser, signed_up)
    headers = {**COOKIE_MODE, **cookie_header(cookies, "inergize_refresh", "inergize_csrf")}
    if csrf is not None:
        headers["X-CSRF-Token"] = csrf
    r = await browser.post("/v1/auth/refresh", json={}, headers=headers)
    assert r.status_code == 403 and r.headers["content-type"].startswith(PROBLEM)
    assert r.json()["type"].endswith("/csrf_failed") and "set-cookie" not in r.headers
    # without the CSRF cookie, a header alone proves nothing either
    only_refresh = {**COOKIE_MODE, **cookie_header(cookies, "inergize_refresh"),
                    "X-CSRF-Token": cookies["inergize_csrf"]["value"]}
    r = await browser.post("/v1/auth/refresh", json={}, headers=only_refresh)
    assert r.status_code == 403 and r.json()["code"] == "csrf_failed"
    # the refused attempts spent nothing: the genuine page still refreshes
    ok = await browser.post("/v1/auth/refresh", json={}, headers=refresh_headers(cookies))
    assert ok.status_code == 200, ok.text


async def test_refresh_without_the_refresh_cookie_is_unauthorized(browser: Any, signed_up: str) -> None:
    _, cookies = await cookie_login(browser, signed_up)
    headers = {**COOKIE_MODE, **cookie_header(cookies, "inergize_csrf"),
               "X-CSRF-Token": cookies["inergize_csrf"]["value"]}
    r = await browser.post("/v1/auth/refresh", json={}, headers=headers)
    assert r.status_code == 401 and r.headers["content-type"].startswith(PROBLEM)
    # a first visit: no cookie at all
    r = await browser.post("/v1/auth/refresh", json={}, headers=COOKIE_MODE)
    assert r.status_code == 401 and r.json()["code"] == "invalid_refresh_token"


async def test_cookie_mode_refresh_refuses_a_token_in_the_body(browser: Any, signed_up: str) -> None:
    _, cookies = await cookie_login(browser, signed_up)
    r = await browser.post("/v1/auth/refresh", json={"refreshToken": cookies["inergize_refresh"]["value"]},
                           headers=refresh_headers(cookies))
    assert r.status_code == 400 and r.headers["content-type"].startswith(PROBLEM)
    bad = await browser.post("/v1/auth/refresh", json={}, headers={**refresh_headers(cookies),
                                                                    "X-Session-Mode": "cookies"})
    assert bad.status_code == 400 and bad.headers["content-type"].startswith(PROBLEM)


@pytest.mark.parametrize("path", ["/v1/auth/logout", "/v1/auth/logout-all"])
async def test_logout_clears_both_cookies_whatever_the_mode(browser: Any, signed_up: str, path: str) -> None:
    for mode in (COOKIE_MODE, UA):
        body, cookies = await cookie_login(browser, signed_up)
        r = await browser.post(path, headers={**mode, **bearer(body["accessToken"]),
                                              **cookie_header(cookies, "inergize_refresh", "inergize_csrf")})
        assert r.status_code == 204, r.text
        cleared = set_cookies(r)
        assert set(cleared) == {"inergize_refresh", "inergize_csrf"}
        assert cleared["inergize_refresh"]["path"] == "/v1/auth" and cleared["inergize_csrf"]["path"] == "/"
        assert all(int(c["max-age"]) == 0 and c["value"] == "" for c in cleared.values())
        # and the session is over: its refresh cookie no longer works
        r = await browser.post("/v1/auth/refresh", json={}, headers=refresh_headers(cookies))
        assert r.status_code == 401


async def test_mfa_login_in_cookie_mode(browser: Any, signed_up: str, clock: Any) -> None:
    auth = bearer((await http_login(browser, signed_up))["accessToken"])
    secret = (await browser.post("/v1/me/mfa/totp", headers=auth)).json()["secret"]
    totp = pyotp.TOTP(secret)
    ok = await browser.post("/v1/me/mfa/totp/confirm", json={"code": totp.at(clock.now())}, headers=auth)
    assert ok.status_code == 200
    clock.advance(seconds=30)
    first, cookies = await cookie_login(browser, signed_up)
    assert first["mfaRequired"] is True and cookies == {} and "refreshToken" not in first
    r = await browser.post("/v1/auth/login/mfa", json={"mfaToken": first["mfaToken"], "code": totp.at(clock.now())},
                           headers=COOKIE_MODE)
    assert r.status_code == 200, r.text
    assert r.json()["refreshToken"] is None and r.json()["accessToken"]
    cookies = set_cookies(r)
    assert cookies["inergize_refresh"]["httponly"] and cookies["inergize_refresh"]["path"] == "/v1/auth"
    refreshed = await browser.post("/v1/auth/refresh", json={}, headers=refresh_headers(cookies))
    assert refreshed.status_code == 200, refreshed.text


async def test_cookies_are_not_secure_on_loopback_hosts(container: Any, signed_up: str) -> None:
    from inergize.entrypoints.http.app import create_app

    app = create_app(container)
    for base in ("http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
        async with httpx.AsyncClient(transport=transport, base_url=base) as local:
            r = await local.post("/v1/auth/login",
                                 json={"email": signed_up, "password": PASSWORD},
                                 headers=COOKIE_MODE)
            assert r.status_code == 200, r.text
            cookies = set_cookies(r)
            assert not cookies["inergize_refresh"]["secure"] and not cookies["inergize_csrf"]["secure"], base
            assert cookies["inergize_refresh"]["httponly"]


def test_loopback_hosts() -> None:
    from inergize.entrypoints.http.browser_sessions import is_loopback

    assert all(is_loopback(h) for h in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST",
                                        "app.localhost"))
    assert not any(is_loopback(h) for h in ("inergize.app", "10.0.0.1", "0.0.0.0", "localhost.evil.com", "",
                                            None, "::"))


async def test_openapi_declares_the_mode_header_the_cookies_and_both_refresh_bodies(browser: Any) -> None:
    from tests.support.openapi_bodies import openapi

    doc = openapi(browser.app)
    refresh = doc["paths"]["/v1/auth/refresh"]["post"]
    params = {(p["in"], p["name"]) for p in refresh["parameters"]}
    assert {("header", "X-Session-Mode"), ("header", "X-CSRF-Token"), ("cookie", "inergize_refresh"),
            ("cookie", "inergize_csrf")} <= params
    shapes = refresh["requestBody"]["content"]["application/json"]["schema"]["oneOf"]
    assert [s["title"] for s in shapes] == ["RefreshIn", "CookieRefreshIn"]
    assert shapes[0]["required"] == ["refreshToken"] and shapes[1]["properties"] == {}
    for path in ("/v1/auth/login", "/v1/auth/login/mfa"):
        names = {p["name"] for p in doc["paths"][path]["post"]["parameters"]}
        assert "X-Session-Mode" in names, path
