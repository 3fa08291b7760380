"""Subscription tiers of users: read a user's tier and quotas; admins change a user's tier."""

from __future__ import annotations

import uuid

import msgspec

from inergize.domain.accounts.tiers import Tier, TierQuotas, parse_tier, quotas_for
from inergize.domain.accounts.users import Principal
from inergize.domain.platform.errors import Forbidden, NotFound
from inergize.ports.clock import Clock
from inergize.ports.unit_of_work import UnitOfWorkFactory


class UserTier(msgspec.Struct, frozen=True, kw_only=True):
    user_id: uuid.UUID
    tier: str
    quotas: TierQuotas


async def get_user_tier(user_id: uuid.UUID, *, principal: Principal,
                        uow_factory: UnitOfWorkFactory) -> UserTier:
    """A user's tier and quotas: for the user themself or an admin (anyone else: ``NotFound``)."""
    if not (principal.may_act_for(user_id) or principal.is_admin):
        raise NotFound("No such user.")
    async with uow_factory(read_only=True) as uow:
        user = await uow.users.get(user_id)
    if user is None:
        raise NotFound("No such user.")
    return UserTier(user_id=user.id, tier=user.tier, quotas=quotas_for(user.tier))


async def set_user_tier(user_id: uuid.UUID, tier: str, *, principal: Principal,
                        uow_factory: UnitOfWorkFactory, clock: Clock) -> UserTier:
    """Put a user on ``tier`` (admins only, until billing sets tiers); ``Forbidden`` for anyone else."""
    if not principal.is_admin:
        raise Forbidden("Only administrators can change a user's tier.")
    chosen = parse_tier(tier)
    async with uow_factory() as uow:
        user = await uow.users.get(user_id)
        if user is None:
            raise NotFound("No such user.")
        if user.tier != chosen.value:
            user.tier = chosen.value
            user.updated_at = clock.now()
            await uow.users.update(user)
            await uow.commit()
    return UserTier(user_id=user_id, tier=chosen.value, quotas=quotas_for(chosen.value))


def list_tiers() -> dict[str, TierQuotas]:
    """Every tier and its quotas (public: the pricing page shows them)."""
    return {t.value: q for t, q in ((t, quotas_for(t.value)) for t in Tier)}
