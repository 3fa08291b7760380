"""Subscription tiers: the public list, your own tier, and the admin's tier switch."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import get, put

from inergize.application.accounts import tiers as uc
from inergize.domain.accounts.users import Principal
from inergize.entrypoints.http.auth import ADMIN, PUBLIC, USER
from inergize.entrypoints.http.deps import AccountDeps
from inergize.entrypoints.http.routes.accounts.schemas import QuotasOut, TierIn, UserTierOut


def quotas_out(q: Any) -> QuotasOut:
    return QuotasOut(**{f: getattr(q, f) for f in QuotasOut.__struct_fields__})


def to_out(t: uc.UserTier) -> UserTierOut:
    return UserTierOut(user_id=t.user_id, tier=t.tier, quotas=quotas_out(t.quotas))


@get("/v1/tiers", opt=PUBLIC, sync_to_thread=False)
def list_tiers() -> dict[str, QuotasOut]:
    return {name: quotas_out(q) for name, q in uc.list_tiers().items()}


@get("/v1/subscription", opt=USER)
async def my_tier(accounts: AccountDeps, principal: Principal) -> UserTierOut:
    return to_out(await uc.get_user_tier(principal.user_id, principal=principal, uow_factory=accounts.uow_factory))


@get("/v1/admin/users/{user_id:uuid}/tier", opt=ADMIN)
async def user_tier(accounts: AccountDeps, user_id: uuid.UUID, principal: Principal) -> UserTierOut:
    return to_out(await uc.get_user_tier(user_id, principal=principal, uow_factory=accounts.uow_factory))


@put("/v1/admin/users/{user_id:uuid}/tier", opt=ADMIN)
async def set_user_tier(accounts: AccountDeps, user_id: uuid.UUID, data: TierIn,
                        principal: Principal) -> UserTierOut:
    return to_out(await uc.set_user_tier(user_id, data.tier, principal=principal, uow_factory=accounts.uow_factory,
                                         clock=accounts.clock))


ROUTES = [list_tiers, my_tier, user_tier, set_user_tier]
