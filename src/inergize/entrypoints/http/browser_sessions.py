"""Browser sessions: the refresh token in a cookie script cannot read, checked against CSRF.

A browser asks for this mode with ``X-Session-Mode: cookie`` on login, MFA login and refresh. The
refresh token then travels only in ``inergize_refresh`` (HttpOnly, SameSite=Strict, sent only to
``/v1/auth``), so an injected script cannot steal it, and the access token stays in the page's memory.
Refresh is the one call a cookie alone authorises, so it also needs ``X-CSRF-Token`` equal to the
``inergize_csrf`` cookie (double submit): a page of another origin can neither read that cookie nor
set that header. JSON API clients, without the header, keep tokens in bodies as before."""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from typing import Annotated, Any, Literal

from litestar import Request
from litestar.datastructures import Cookie
from litestar.params import Parameter

from inergize.domain.platform.errors import Forbidden, Unauthorized

REFRESH_COOKIE = "inergize_refresh"
CSRF_COOKIE = "inergize_csrf"
REFRESH_PATH = "/v1/auth"

SessionMode = Annotated[
    Literal["cookie"] | None,
    Parameter(header="X-Session-Mode", required=False, description=(
        "`cookie`: a browser session. The refresh token is set as the HttpOnly cookie "
        f"`{REFRESH_COOKIE}` (and read from it on refresh) instead of travelling in the body, whose "
        f"`refreshToken` is then null; a `{CSRF_COOKIE}` cookie is set for the `X-CSRF-Token` header "
        "of refresh. Absent: tokens in bodies, for API clients.")),
]
CsrfHeader = Annotated[
    str | None,
    Parameter(header="X-CSRF-Token", required=False, max_length=256, description=(
        f"Cookie mode only: the value of the `{CSRF_COOKIE}` cookie.")),
]
RefreshCookie = Annotated[
    str | None,
    Parameter(cookie=REFRESH_COOKIE, required=False, max_length=256, description=(
        "Cookie mode only: the refresh token, set by login in cookie mode.")),
]
CsrfCookie = Annotated[
    str | None,
    Parameter(cookie=CSRF_COOKIE, required=False, max_length=256, description=(
        "Cookie mode only: the CSRF token, set by login in cookie mode.")),
]


def is_loopback(host: str | None) -> bool:
    """A host only this machine reaches: cookies there may travel over plain HTTP (``make run``)."""
    if not host:
        return False
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _secure(request: Request[Any, Any, Any]) -> bool:
    return not is_loopback(request.url.hostname)


def session_cookies(request: Request[Any, Any, Any], refresh_token: str, max_age: int) -> list[Cookie]:
    """The refresh cookie and a fresh CSRF cookie, both living as long as the refresh token."""
    secure = _secure(request)
    return [
        Cookie(key=REFRESH_COOKIE, value=refresh_token, path=REFRESH_PATH, max_age=max_age, httponly=True,
               secure=secure, samesite="strict"),
        # readable by the page's script on purpose: it copies it into X-CSRF-Token
        Cookie(key=CSRF_COOKIE, value=secrets.token_urlsafe(32), path="/", max_age=max_age, httponly=False,
               secure=secure, samesite="strict"),
    ]


def cleared_cookies(request: Request[Any, Any, Any]) -> list[Cookie]:
    """Both cookies expired at once (same name and path, so the browser drops the ones it holds)."""
    secure = _secure(request)
    return [
        Cookie(key=REFRESH_COOKIE, value="", path=REFRESH_PATH, max_age=0, httponly=True, secure=secure,
               samesite="strict"),
        Cookie(key=CSRF_COOKIE, value="", path="/", max_age=0, httponly=False, secure=secure, samesite="strict"),
    ]


def refresh_token_from_cookies(refresh_cookie: str | None, csrf_cookie: str | None, csrf_header: str | None) -> str:
    """The refresh token of a browser session, once the CSRF header matches its cookie. Without a refresh
    cookie there is no session to protect, so that is a 401 (sign in), checked first."""
    if not refresh_cookie:
        raise Unauthorized("No browser session: sign in.", code="invalid_refresh_token")
    if not csrf_cookie or not csrf_header or not hmac.compare_digest(csrf_cookie.encode(), csrf_header.encode()):
        raise Forbidden(f"Send the {CSRF_COOKIE} cookie's value in the X-CSRF-Token header.", code="csrf_failed")
    return refresh_cookie
