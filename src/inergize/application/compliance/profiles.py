"""Per-account compliance profiles, cached briefly in process so a decision needs no database read.

The cache only speeds up the gate; what must never be stale is enforced in the database (a paused
account's steps cannot be claimed), and every change made in this process forgets the entry at once."""

from __future__ import annotations

import uuid

from inergize.domain.compliance.account import build_profile
from inergize.domain.compliance.verdicts import ComplianceProfile
from inergize.domain.platform.errors import NotFound
from inergize.ports.clock import Clock
from inergize.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory


async def load_profile(uow: UnitOfWork, user_id: uuid.UUID, *, clock: Clock) -> ComplianceProfile:
    """The account's profile read in ``uow`` (its automation state is created on first use)."""
    user = await uow.users.get(user_id)
    if user is None:
        raise NotFound("No such user.")
    account = await uow.compliance.ensure_account(user_id, now=clock.now())
    return build_profile(user, account)


class ProfileCache:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock, *, ttl_seconds: float = 30.0,
                 max_entries: int = 10_000) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._ttl = ttl_seconds
        self._max = max_entries
        self._entries: dict[uuid.UUID, tuple[float, ComplianceProfile]] = {}

    async def get(self, user_id: uuid.UUID) -> ComplianceProfile:
        """The account's profile, at most ``ttl_seconds`` old."""
        hit = self._entries.get(user_id)
        if hit is not None and hit[0] > self._clock.monotonic():
            return hit[1]
        async with self._uow_factory() as uow:
            profile = await load_profile(uow, user_id, clock=self._clock)
            await uow.commit()
        if len(self._entries) >= self._max:
            self._entries.clear()
        self._entries[user_id] = (self._clock.monotonic() + self._ttl, profile)
        return profile

    def put(self, profile: ComplianceProfile) -> None:
        self._entries[profile.user_id] = (self._clock.monotonic() + self._ttl, profile)

    def forget(self, user_id: uuid.UUID) -> None:
        self._entries.pop(user_id, None)
