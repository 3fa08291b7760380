"""Shared steps of the accounts tests: sign up a verified user through the real flow, read links."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from inergize.application.accounts import login as login_uc
from inergize.application.accounts import registration
from inergize.domain.accounts.security import ClientInfo
from tests.support.jobs import run_account_jobs

PASSWORD = "violet-harbour-7-lantern"
CLIENT = ClientInfo(ip="203.0.113.7", user_agent="pytest-browser/1.0")


def link_token(text: str, path: str) -> str:
    match = re.search(rf"/{path}/\?token=([A-Za-z0-9_-]+)", text)  # the web app's page (a folder)
    assert match, f"no /{path} link in {text!r}"
    return match.group(1)


def newest_link(messages: list[Any], path: str) -> str:
    """The token of the newest message carrying a ``path`` link: other notices (MFA turned on, new
    sign-in) are sent by jobs too, and two jobs queued in the same instant finish in either order."""
    for message in reversed(messages):
        if f"/{path}/?token=" in message.text:
            return link_token(message.text, path)
    raise AssertionError(f"no /{path} link in {len(messages)} messages")


async def signed_up(container: Any, ports: Any, emails: Any, email: str, password: str = PASSWORD) -> Any:
    """Register and verify ``email``; return the user."""
    return await registered_and_verified(ports, emails, email, lambda: run_account_jobs(container), password)


async def registered_and_verified(ports: Any, emails: Any, email: str, run_jobs: Callable[[], Awaitable[Any]],
                                  password: str = PASSWORD) -> Any:
    """Register ``email``, run the jobs that mail the link (``run_jobs``), follow it; return the user."""
    await registration.register(email, password, client=CLIENT, ports=ports)
    await run_jobs()
    token = newest_link(emails.to(email), "verify-email")
    await registration.verify_email(token, client=CLIENT, ports=ports)
    async with ports.uow_factory(read_only=True) as uow:
        return await uow.users.get_by_email(email)


async def logged_in(ports: Any, email: str, password: str = PASSWORD, client: ClientInfo = CLIENT) -> Any:
    result = await login_uc.login(email, password, client=client, ports=ports)
    assert result.tokens is not None
    return result.tokens
