"""HTTP steps of the accounts tests."""

from __future__ import annotations

import uuid
from typing import Any

from inergize.application.accounts import create_account
from inergize.domain.accounts.users import Role
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


async def make_account(container: Any, ports: Any, client: Any) -> tuple[Any, dict[str, Any]]:
    """A new member created by the use case, and its login answer through the API."""
    email = f"x{uuid.uuid4().hex[:12]}@example.com"
    user = await create_account(email, PASSWORD, role=Role.MEMBER, ports=ports)
    return user, await http_login(client, email)


async def user_data_snapshot(container: Any, user_id: uuid.UUID) -> dict[str, list[dict[str, Any]]]:
    """Every row the user owns, by table, in a stable order (to compare before and after)."""
    async with container.uow_factory()(read_only=True) as uow:
        data = await uow.user_data.export(user_id)
    return {t: sorted(rows, key=repr) for t, rows in data.items()}
