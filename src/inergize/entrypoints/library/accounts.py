"""``app.accounts`` of the library façade: the account use cases with the opened container's ports.

async with inergize.open() as app:
    await app.accounts.register("ada@example.com", "a long passphrase", client=ClientInfo())
    result = await app.accounts.login("ada@example.com", "a long passphrase", client=ClientInfo())
    principal, _ = await app.accounts.authenticate(result.tokens.access_token)
"""

from __future__ import annotations

import uuid
from typing import Any

from inergize.application.accounts import (
    TokenPair,
    admin,
    credentials,
    gdpr,
    guard,
    login,
    mfa,
    profile,
    registration,
)
from inergize.application.accounts.deps import AccountDeps
from inergize.application.accounts.login import LoginResult
from inergize.domain.accounts.data_export import DataExport
from inergize.domain.accounts.security import ClientInfo
from inergize.domain.accounts.users import Principal, User

LOCAL = ClientInfo(ip="127.0.0.1", user_agent="inergize-library")


class Accounts:
    """Sign-up, login, sessions, MFA, passwords, profile, audit and GDPR; the same rules as over HTTP.
    Every module of ``inergize.application.accounts`` is reachable too, with :attr:`ports`."""

    admin, credentials, gdpr, mfa, profile = admin, credentials, gdpr, mfa, profile

    def __init__(self, container: Any) -> None:
        self._container = container

    @property
    def ports(self) -> AccountDeps:
        return self._container.account_deps()  # type: ignore[no-any-return]

    async def register(
        self, email: str, password: str, *, display_name: str = "", client: ClientInfo = LOCAL
    ) -> None:
        await registration.register(
            email, password, display_name=display_name, client=client, ports=self.ports
        )

    async def verify_email(self, token: str, *, client: ClientInfo = LOCAL) -> None:
        await registration.verify_email(token, client=client, ports=self.ports)

    async def create(self, email: str, password: str | None, *, admin: bool = False) -> User:
        from inergize.domain.accounts.users import Role

        return await registration.create_account(
            email, password, role=Role.ADMIN if admin else Role.MEMBER, ports=self.ports
        )

    async def login(self, email: str, password: str, *, client: ClientInfo = LOCAL) -> LoginResult:
        return await login.login(email, password, client=client, ports=self.ports)

    async def complete_mfa_login(
        self,
        mfa_token: str,
        *,
        code: str | None = None,
        recovery_code: str | None = None,
        client: ClientInfo = LOCAL,
    ) -> TokenPair:
        return await login.complete_mfa_login(
            mfa_token, code=code, recovery_code=recovery_code, client=client, ports=self.ports
        )

    async def refresh(self, refresh_token: str, *, client: ClientInfo = LOCAL) -> TokenPair:
        return await login.refresh(refresh_token, client=client, ports=self.ports)

    async def authenticate(self, access_token: str) -> tuple[Principal, uuid.UUID | None]:
        return await guard.authenticate(access_token, ports=self.ports)

    async def logout(
        self, principal: Principal, session_id: uuid.UUID | None, *, client: ClientInfo = LOCAL
    ) -> None:
        await login.logout(principal=principal, session_id=session_id, client=client, ports=self.ports)

    async def logout_everywhere(self, principal: Principal, *, client: ClientInfo = LOCAL) -> None:
        await login.logout_everywhere(principal=principal, client=client, ports=self.ports)

    async def export(self, principal: Principal) -> DataExport:
        return await gdpr.export_data(principal=principal, client=LOCAL, ports=self.ports)
