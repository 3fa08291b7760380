"""Every account flow through the HTTP API, on SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pyotp

from tests.support.accounts import PASSWORD, newest_link
from tests.support.http_accounts import UA, bearer, http_login, http_signup
from tests.support.jobs import run_account_jobs


def _email() -> str:
    return f"h{uuid.uuid4().hex[:12]}@example.com"


async def test_signup_login_me_refresh_logout(client: Any, container: Any, emails: Any, budgets: Any) -> None:
    email = _email()
    await http_signup(client, container, emails, email)
    tokens = await http_login(client, email)
    assert tokens["tokenType"] == "Bearer" and tokens["expiresIn"] <= 900
    me = await client.get("/v1/me", headers=bearer(tokens["accessToken"]))
    assert me.status_code == 200 and me.json()["email"] == email and me.json()["emailVerified"] is True
    assert me.headers["etag"] == '"v2"'  # verification bumped the version
    assert "ratelimit" in me.headers and "ratelimit-policy" in me.headers
    r = await client.post("/v1/auth/refresh", json={"refreshToken": tokens["refreshToken"]}, headers=UA)
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    new = r.json()
    again = await client.post("/v1/auth/refresh", json={"refreshToken": tokens["refreshToken"]}, headers=UA)
    assert again.status_code == 401 and again.headers["content-type"].startswith("application/problem+json")
    # the reuse revoked the family: the rotated tokens are dead too
    assert (await client.get("/v1/me", headers=bearer(new["accessToken"]))).status_code == 401
    fresh = await http_login(client, email)
    sessions = await client.get("/v1/me/sessions", headers=bearer(fresh["accessToken"]))
    assert [s["current"] for s in sessions.json()] == [True]
    assert (await client.post("/v1/auth/logout", headers=bearer(fresh["accessToken"]))).status_code == 204
    assert (await client.get("/v1/me", headers=bearer(fresh["accessToken"]))).status_code == 401


async def test_login_answers_alike_for_unknown_and_wrong(
    client: Any, container: Any, emails: Any, budgets: Any
) -> None:
    email = _email()
    await http_signup(client, container, emails, email)
    wrong = await client.post(
        "/v1/auth/login", json={"email": email, "password": "nope-nope-nope"}, headers=UA
    )
    unknown = await client.post(
        "/v1/auth/login", json={"email": "x" + email, "password": "nope-nope-nope"}, headers=UA
    )
    assert wrong.status_code == unknown.status_code == 401
    assert {k: v for k, v in wrong.json().items()} == {k: v for k, v in unknown.json().items()}
    for path in ("/v1/auth/password/forgot", "/v1/auth/verify-email/resend"):
        a = await client.post(path, json={"email": email}, headers=UA)
        b = await client.post(path, json={"email": "x" + email}, headers=UA)
        assert a.status_code == b.status_code == 202 and a.json() == b.json()
    a = await client.post(
        "/v1/auth/register", json={"email": email, "password": "fresh-password-22"}, headers=UA
    )
    b = await client.post(
        "/v1/auth/register", json={"email": "y" + email, "password": "fresh-password-22"}, headers=UA
    )
    assert a.status_code == b.status_code == 202 and a.json() == b.json()


async def test_mfa_enrol_login_codes_once_recovery_and_disable(
    client: Any, container: Any, emails: Any, budgets: Any, clock: Any
) -> None:
    email = _email()
    await http_signup(client, container, emails, email)
    auth = bearer((await http_login(client, email))["accessToken"])
    enrol = await client.post("/v1/me/mfa/totp", headers=auth)
    assert enrol.status_code == 201
    body = enrol.json()
    assert body["otpauthUri"].startswith("otpauth://totp/") and "issuer=InErgize" in body["otpauthUri"]
    assert base64.b64decode(body["qrPngBase64"]).startswith(b"\x89PNG")
    qr = await client.get("/v1/me/mfa/totp/qr.png", headers=auth)
    assert qr.status_code == 200 and qr.headers["content-type"] == "image/png"
    totp = pyotp.TOTP(body["secret"])
    bad = await client.post("/v1/me/mfa/totp/confirm", json={"code": "000000"}, headers=auth)
    assert bad.status_code == 401
    ok = await client.post("/v1/me/mfa/totp/confirm", json={"code": totp.at(clock.now())}, headers=auth)
    codes = ok.json()["recoveryCodes"]
    assert ok.status_code == 200 and len(codes) == 10 and len(set(codes)) == 10
    # login now needs the second step; the confirming code is spent, the next step's code works once
    first = await http_login(client, email)
    assert first["mfaRequired"] is True and "accessToken" not in first
    spent = await client.post(
        "/v1/auth/login/mfa", json={"mfaToken": first["mfaToken"], "code": totp.at(clock.now())}, headers=UA
    )
    assert spent.status_code == 401
    clock.advance(seconds=30)
    next_code = totp.at(clock.now())
    done = await client.post(
        "/v1/auth/login/mfa", json={"mfaToken": first["mfaToken"], "code": next_code}, headers=UA
    )
    assert done.status_code == 200 and done.json()["accessToken"]
    second = await http_login(client, email)
    replay = await client.post(
        "/v1/auth/login/mfa", json={"mfaToken": second["mfaToken"], "code": next_code}, headers=UA
    )
    assert replay.status_code == 401  # the same code cannot be used twice
    # ±1 step of clock skew: the code of the next step is accepted now
    skew = await client.post(
        "/v1/auth/login/mfa",
        json={"mfaToken": second["mfaToken"], "code": totp.at(clock.now().timestamp() + 30)},
        headers=UA,
    )
    assert skew.status_code == 200
    # the challenge was spent with that success
    assert (
        await client.post(
            "/v1/auth/login/mfa", json={"mfaToken": second["mfaToken"], "recoveryCode": codes[0]}, headers=UA
        )
    ).status_code == 401
    third = await http_login(client, email)
    rec = await client.post(
        "/v1/auth/login/mfa", json={"mfaToken": third["mfaToken"], "recoveryCode": codes[0]}, headers=UA
    )
    assert rec.status_code == 200
    fourth = await http_login(client, email)
    assert (
        await client.post(
            "/v1/auth/login/mfa", json={"mfaToken": fourth["mfaToken"], "recoveryCode": codes[0]}, headers=UA
        )
    ).status_code == 401
    auth = bearer(rec.json()["accessToken"])
    assert (await client.get("/v1/me/mfa", headers=auth)).json() == {
        "enabled": True,
        "pending": False,
        "recoveryCodesLeft": 9,
    }
    no_pw = await client.post(
        "/v1/me/mfa/disable", json={"password": "wrong-password-1", "recoveryCode": codes[1]}, headers=auth
    )
    assert no_pw.status_code == 401
    off = await client.post(
        "/v1/me/mfa/disable", json={"password": PASSWORD, "recoveryCode": codes[1]}, headers=auth
    )
    assert off.status_code == 204
    assert "accessToken" in await http_login(client, email)
    await run_account_jobs(container)
    subjects = {m.subject for m in emails.to(email)}
    assert {
        "Two-step verification is on",
        "Two-step verification is off",
        "A recovery code was used",
    } <= subjects


async def test_challenge_expires(
    client: Any, container: Any, emails: Any, budgets: Any, clock: Any, ports: Any
) -> None:
    email = _email()
    await http_signup(client, container, emails, email)
    auth = bearer((await http_login(client, email))["accessToken"])
    secret = (await client.post("/v1/me/mfa/totp", headers=auth)).json()["secret"]
    await client.post(
        "/v1/me/mfa/totp/confirm", json={"code": pyotp.TOTP(secret).at(clock.now())}, headers=auth
    )
    # the TOTP secret is stored encrypted (AES-256-GCM via the SecretBox), never in clear
    from sqlalchemy import select

    from inergize.adapters.persistence.tables.accounts import user_security

    async with container.engine().connect() as conn:
        stored = (await conn.execute(select(user_security.c.mfa_secret))).scalars().all()
    assert any(stored) and all(s is None or secret not in s for s in stored)
    challenge = (await http_login(client, email))["mfaToken"]
    clock.advance(minutes=5, seconds=1)
    late = await client.post(
        "/v1/auth/login/mfa",
        json={"mfaToken": challenge, "code": pyotp.TOTP(secret).at(clock.now())},
        headers=UA,
    )
    assert late.status_code == 401 and late.json()["code"] == "invalid_mfa_token"


async def test_password_reset_needs_mfa_revokes_sessions_and_notifies(
    client: Any, container: Any, emails: Any, budgets: Any, clock: Any
) -> None:
    email = _email()
    await http_signup(client, container, emails, email)
    session = await http_login(client, email)
    auth = bearer(session["accessToken"])
    secret = (await client.post("/v1/me/mfa/totp", headers=auth)).json()["secret"]
    await client.post(
        "/v1/me/mfa/totp/confirm", json={"code": pyotp.TOTP(secret).at(clock.now())}, headers=auth
    )
    assert (
        await client.post("/v1/auth/password/forgot", json={"email": email}, headers=UA)
    ).status_code == 202
    await run_account_jobs(container)
    token = newest_link(emails.to(email), "reset-password")
    new_password = "a-brand-new-passphrase-42"
    no_code = await client.post(
        "/v1/auth/password/reset", json={"token": token, "newPassword": new_password}, headers=UA
    )
    assert no_code.status_code == 422 and no_code.json()["code"] == "mfa_required"
    weak = await client.post(
        "/v1/auth/password/reset", json={"token": token, "newPassword": "password1234"}, headers=UA
    )
    assert weak.status_code == 422 and weak.json()["code"] == "password_common"
    clock.advance(seconds=30)
    ok = await client.post(
        "/v1/auth/password/reset",
        json={"token": token, "newPassword": new_password, "code": pyotp.TOTP(secret).at(clock.now())},
        headers=UA,
    )
    assert ok.status_code == 204, ok.text
    again = await client.post(
        "/v1/auth/password/reset",
        json={"token": token, "newPassword": new_password + "x", "code": pyotp.TOTP(secret).at(clock.now())},
        headers=UA,
    )
    assert again.status_code == 422 and again.json()["code"] == "invalid_token"
    assert (await client.get("/v1/me", headers=auth)).status_code == 401
    refreshed = await client.post(
        "/v1/auth/refresh", json={"refreshToken": session["refreshToken"]}, headers=UA
    )
    assert refreshed.status_code == 401
    assert (
        await client.post("/v1/auth/login", json={"email": email, "password": PASSWORD}, headers=UA)
    ).status_code == 401
    assert (await http_login(client, email, new_password))["mfaRequired"] is True
    await run_account_jobs(container)
    assert "Your password was reset" in {m.subject for m in emails.to(email)}


async def test_reset_link_expires_after_30_minutes(
    client: Any, container: Any, emails: Any, budgets: Any, clock: Any
) -> None:
    email = _email()
    await http_signup(client, container, emails, email)
    await client.post("/v1/auth/password/forgot", json={"email": email}, headers=UA)
    await run_account_jobs(container)
    token = newest_link(emails.to(email), "reset-password")
    clock.advance(minutes=30, seconds=1)
    r = await client.post(
        "/v1/auth/password/reset", json={"token": token, "newPassword": "late-but-long-enough-9"}, headers=UA
    )
    assert r.status_code == 422


async def test_change_password_and_email(client: Any, container: Any, emails: Any, budgets: Any) -> None:
    email = _email()
    await http_signup(client, container, emails, email)
    keep = await http_login(client, email)
    other = await http_login(client, email)
    auth = bearer(keep["accessToken"])
    wrong = await client.post(
        "/v1/me/password",
        json={"currentPassword": "not-it-at-all", "newPassword": "another-good-passphrase"},
        headers=auth,
    )
    assert wrong.status_code == 401
    ok = await client.post(
        "/v1/me/password",
        json={"currentPassword": PASSWORD, "newPassword": "another-good-passphrase"},
        headers=auth,
    )
    assert ok.status_code == 204
    assert (await client.get("/v1/me", headers=auth)).status_code == 200  # this session stays
    assert (await client.get("/v1/me", headers=bearer(other["accessToken"]))).status_code == 401
    new_email = _email()
    r = await client.post(
        "/v1/me/email", json={"password": "another-good-passphrase", "newEmail": new_email}, headers=auth
    )
    assert r.status_code == 202
    await run_account_jobs(container)
    token = newest_link(emails.to(new_email), "confirm-email")
    assert (await client.post("/v1/auth/email/confirm", json={"token": token}, headers=UA)).status_code == 204
    assert (await client.get("/v1/me", headers=auth)).json()["email"] == new_email
    await run_account_jobs(container)
    assert "Your email address was changed" in {m.subject for m in emails.to(email)}  # notice to the old one
    assert "accessToken" in await http_login(client, new_email, "another-good-passphrase")


async def test_new_device_sign_in_is_notified(client: Any, container: Any, emails: Any, budgets: Any) -> None:
    email = _email()
    await http_signup(client, container, emails, email)
    await http_login(client, email)
    await http_login(client, email)  # same device: no notice
    r = await client.post(
        "/v1/auth/login",
        json={"email": email, "password": PASSWORD},
        headers={"User-Agent": "Other Browser/9"},
    )
    assert r.status_code == 200
    await run_account_jobs(container)
    notices = [m for m in emails.to(email) if m.subject == "New sign-in to your account"]
    assert len(notices) == 1 and "Other Browser/9" in notices[0].text


async def test_profile_and_preferences(client: Any, container: Any, emails: Any, budgets: Any) -> None:
    email = _email()
    await http_signup(client, container, emails, email)
    auth = bearer((await http_login(client, email))["accessToken"])
    me = await client.get("/v1/me", headers=auth)
    patch = {
        "displayName": "Ada L.",
        "timezone": "Europe/Paris",
        "industry": "Software",
        "jobRole": "CTO",
        "tone": "warm",
        "workingHours": {"start": "08:30", "end": "16:00", "days": [5, 1, 2]},
    }
    missing = await client.patch("/v1/me", json=patch, headers=auth)
    assert missing.status_code == 428
    r = await client.patch("/v1/me", json=patch, headers={**auth, "If-Match": me.headers["etag"]})
    assert r.status_code == 200, r.text
    out = r.json()
    assert (
        out["timezone"] == "Europe/Paris"
        and out["workingHours"]["days"] == [1, 2, 5]
        and out["jobRole"] == "CTO"
    )
    stale = await client.patch(
        "/v1/me", json={"tone": "dry"}, headers={**auth, "If-Match": me.headers["etag"]}
    )
    assert stale.status_code == 412
    bad_tz = await client.patch(
        "/v1/me", json={"timezone": "Mars/Olympus"}, headers={**auth, "If-Match": r.headers["etag"]}
    )
    assert bad_tz.status_code == 422 and bad_tz.json()["field"] == "timezone"
