"""GDPR: export everything stored about the user as one JSON document, and delete the account with
everything that belongs to it (re-authentication first), keeping only the audit trail."""

from __future__ import annotations

from inergize.application.accounts.audit import audit
from inergize.application.accounts.deps import AccountDeps
from inergize.application.accounts.mfa_check import check_second_factor
from inergize.application.accounts.passwords import reauthenticated_user
from inergize.domain.accounts.data_export import DataExport
from inergize.domain.accounts.security import ClientInfo
from inergize.domain.accounts.users import Principal


async def export_data(*, principal: Principal, client: ClientInfo, ports: AccountDeps) -> DataExport:
    """Every table that holds the user's data (the registry of user-owned tables), secrets left out."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        tables = await uow.user_data.export(principal.user_id)
        await audit(uow, "gdpr.exported", user_id=principal.user_id, now=now, client=client)
        await uow.commit()
    return DataExport(user_id=principal.user_id, exported_at=now, tables=tables)


async def delete_account(
    password: str,
    *,
    code: str | None = None,
    recovery_code: str | None = None,
    principal: Principal,
    client: ClientInfo,
    ports: AccountDeps,
) -> dict[str, int]:
    """Erase the account after re-authentication (password, and a code when two-step verification is on).
    Audit events stay (legal obligation and security interest); everything else goes."""
    now = ports.clock.now()
    user = await reauthenticated_user(ports, principal, password, client=client, now=now)
    async with ports.uow_factory() as uow:
        state = await uow.security.state(user.id)
        await check_second_factor(uow, ports, state, code=code, recovery_code=recovery_code, now=now)
        await audit(uow, "account.deleted", user_id=user.id, now=now, client=client)
        counts = await uow.user_data.erase(user.id)
        await uow.commit()
    return counts
