"""Passwords in account use cases: hashing off the event loop, the same time for unknown accounts, the
list of common passwords, and the current password asked again before a sensitive change."""

from __future__ import annotations

import asyncio
from datetime import datetime
from functools import cache
from importlib import resources

from inergize.application.accounts.deps import AccountDeps
from inergize.application.accounts.throttling import throttle
from inergize.domain.accounts.security import ClientInfo, check_password, new_secret_token
from inergize.domain.accounts.users import Principal, User
from inergize.domain.platform.errors import NotFound, Unauthorized
from inergize.ports.unit_of_work import UnitOfWork


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords (package data), loaded once."""
    text = resources.files("inergize.application").joinpath("data/common_passwords.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


_dummy_hashes: dict[int, str] = {}


async def hash_password(ports: AccountDeps, password: str) -> str:
    # argon2 takes tens of milliseconds of CPU: in a thread, so other requests keep being served.
    return await asyncio.to_thread(ports.hasher.hash, password)


async def new_password_hash(ports: AccountDeps, password: str, *, email: str) -> str:
    """The hash of a new password that follows the policy (``ValidationFailed`` for one that does not)."""
    check_password(password, email=email, common=common_passwords())
    return await hash_password(ports, password)


async def verify_password(ports: AccountDeps, password_hash: str | None, password: str) -> bool:
    """Check ``password``; with no hash (unknown account) verify against a dummy hash anyway, so the
    answer takes as long as for a real account (no user enumeration by timing)."""
    if password_hash is None:
        key = id(ports.hasher)
        if key not in _dummy_hashes:
            _dummy_hashes[key] = await asyncio.to_thread(ports.hasher.hash, new_secret_token())
        await asyncio.to_thread(ports.hasher.verify, _dummy_hashes[key], password)
        return False
    return await asyncio.to_thread(ports.hasher.verify, password_hash, password)


async def reauthenticate(uow: UnitOfWork, ports: AccountDeps, user: User, password: str) -> None:
    """ASVS V2.1.5 / V3.7.1: sensitive changes need the current password."""
    if not await verify_password(ports, user.password_hash, password):
        raise Unauthorized("The current password is not correct.", code="invalid_credentials")


async def reauthenticated_user(
    ports: AccountDeps, principal: Principal, password: str, *, client: ClientInfo, now: datetime
) -> User:
    """The caller's account, once the current password is given again (attempts throttled per account)."""
    async with ports.uow_factory(read_only=True) as uow:
        user = await uow.users.get(principal.user_id)
    if user is None:
        raise NotFound("No such account.")
    await throttle(ports, "reauth", account=str(user.id), client=client, now=now)
    async with ports.uow_factory(read_only=True) as uow:
        await reauthenticate(uow, ports, user, password)
    return user
