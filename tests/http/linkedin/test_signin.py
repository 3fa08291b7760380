"""Sign in with LinkedIn: account creation, verified-email matching only, TOTP never bypassed,
re-authentication through LinkedIn for accounts without a password."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.support.linkedin_rest import rest_container
from tests.wire import linkedin as linkedin_wire


async def _signin(
    client: Any,
    state: linkedin_wire.WireState | None,
    member: linkedin_wire.Member | None,
    path: str = "/v1/auth/linkedin/start",
    headers: dict[str, str] | None = None,
) -> Any:
    r = await client.post(path, headers=headers or {})
    assert r.status_code == 200, r.text
    assert set(r.json()) == {"authorizationUrl", "expiresAt"} and r.headers["cache-control"] == "no-store"
    query = parse_qs(urlsplit(r.json()["authorizationUrl"]).query)
    code = query["code"][0] if state is None else state.authorize(member)  # type: ignore[arg-type]
    if state is not None:
        assert query["scope"] == ["openid profile email"]
    return await client.get("/v1/auth/linkedin/callback", params={"code": code, "state": query["state"][0]})


def _member(email: str | None = None, verified: bool = True) -> linkedin_wire.Member:
    return linkedin_wire.Member(
        uuid.uuid4().hex, "Grace Hopper", email or f"g{uuid.uuid4().hex[:10]}@example.com", verified
    )


async def test_sandbox_signin_creates_an_account_that_can_use_the_api(client: Any) -> None:
    r = await _signin(client, None, None)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["created"] is True and body["accessToken"] and r.headers["cache-control"] == "no-store"
    assert set(body) == {"accessToken", "refreshToken", "tokenType", "expiresIn", "sessionId", "created"}
    assert body["tokenType"] == "Bearer" and uuid.UUID(body["sessionId"])
    me = await client.post("/v1/linkedin/connect", headers={"Authorization": f"Bearer {body['accessToken']}"})
    assert me.status_code == 200


async def test_signin_links_by_sub_then_matches_only_verified_email(
    client: Any, container: Any, make_user: Any, tmp_path: Any
) -> None:
    async with rest_container(container, tmp_path) as state:
        member = _member()
        first = await _signin(client, state, member)
        assert first.status_code == 200 and first.json()["created"] is True
        again = await _signin(client, state, member)
        assert again.json()["created"] is False  # the same member logs into the same account

        existing = await make_user(email=f"v{uuid.uuid4().hex[:10]}@example.com")  # verified address
        joined = await _signin(client, state, _member(existing.user.email))
        assert joined.status_code == 200 and joined.json()["created"] is False
        token = joined.json()["accessToken"]
        principal, _, _ = container.tokens().verify_access(token, now=container.clock().now())
        assert principal.user_id == existing.user.id

        unverified = await make_user(email=f"u{uuid.uuid4().hex[:10]}@example.com")
        async with container.uow_factory()() as uow:
            stored = await uow.users.get(unverified.user.id)
            stored.email_verified_at = None
            await uow.users.update(stored)
            await uow.commit()
        refused = await _signin(client, state, _member(unverified.user.email))
        assert refused.status_code == 409 and refused.json()["code"] == "linkedin_email_unconfirmed"

        target = await make_user(email=f"t{uuid.uuid4().hex[:10]}@example.com")
        refused = await _signin(client, state, _member(target.user.email, verified=False))
        assert refused.status_code == 409 and refused.json()["code"] == "linkedin_email_unverified"


async def test_signin_never_bypasses_totp(client: Any, container: Any, make_user: Any, tmp_path: Any) -> None:
    user = await make_user(email=f"m{uuid.uuid4().hex[:10]}@example.com")
    now = container.clock().now()
    async with container.uow_factory()() as uow:
        sec = await uow.security.state(user.user.id)
        sec.mfa_secret, sec.mfa_enabled_at = "JBSWY3DPEHPK3PXP", now
        await uow.security.save(sec, now)
        await uow.commit()
    async with rest_container(container, tmp_path) as state:
        r = await _signin(client, state, _member(user.user.email))
    assert r.status_code == 200
    body = r.json()
    assert body["mfaRequired"] is True and body["mfaToken"] and "accessToken" not in body
    assert set(body) == {"mfaRequired", "mfaToken", "created"}


async def test_reauthentication_through_linkedin_gives_a_password_reset_token(
    client: Any, container: Any, tmp_path: Any
) -> None:
    async with rest_container(container, tmp_path) as state:
        member = _member()
        created = (await _signin(client, state, member)).json()
        headers = {"Authorization": f"Bearer {created['accessToken']}"}
        wrong = await _signin(client, state, _member(), "/v1/auth/linkedin/reauth", headers)
        assert wrong.status_code == 403
        r = await _signin(client, state, member, "/v1/auth/linkedin/reauth", headers)
        assert r.status_code == 200, r.text
        assert set(r.json()) == {"resetToken", "expiresAt"} and r.headers["cache-control"] == "no-store"
    reset = await client.post(
        "/v1/auth/password/reset",
        json={"token": r.json()["resetToken"], "newPassword": "a long fresh passphrase 42"},
    )
    assert reset.status_code == 204, reset.text
