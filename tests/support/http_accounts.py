"""HTTP steps of the accounts tests."""

from __future__ import annotations

from typing import Any

from tests.support.accounts import PASSWORD, newest_link
from tests.support.jobs import run_account_jobs

UA = {"User-Agent": "pytest-http/1.0"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **UA}


async def http_signup(client: Any, container: Any, emails: Any, email: str, password: str = PASSWORD) -> None:
    r = await client.post("/v1/auth/register", json={"email": email, "password": password}, headers=UA)
    assert r.status_code == 202, r.text
    await run_account_jobs(container)
    token = newest_link(emails.to(email.lower()), "verify-email")
    r = await client.post("/v1/auth/verify-email", json={"token": token}, headers=UA)
    assert r.status_code == 204, r.text


async def http_login(client: Any, email: str, password: str = PASSWORD) -> dict[str, Any]:
    r = await client.post("/v1/auth/login", json={"email": email, "password": password}, headers=UA)
    assert r.status_code == 200, r.text
    return r.json()
