"""``app.linkedin``: the LinkedIn use cases for Python callers (``import inergize``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from inergize.application.linkedin import connection, imports, profile, publishing
from inergize.application.linkedin.deps import LinkedInDeps
from inergize.domain.accounts.users import Principal
from inergize.domain.linkedin.account import ConnectionState, ConnectionSummary
from inergize.domain.linkedin.creator_analytics import AnalyticsImported
from inergize.domain.linkedin.direct_posts import DirectPost
from inergize.domain.linkedin.export import ArchiveImported
from inergize.domain.linkedin.profile_score import ScoredProfile


class LinkedIn:
    def __init__(self, deps: Callable[[], LinkedInDeps]) -> None:
        self._deps = deps  # asked at each call, so a port overridden after opening is seen

    @property
    def _ports(self) -> LinkedInDeps:
        return self._deps()

    async def start_connect(self, principal: Principal) -> connection.AuthorizationStart:
        return await connection.start_connect(principal=principal, ports=self._ports)

    async def complete_connect(self, code: str, state: str) -> ConnectionSummary:
        return await connection.complete_connect(code=code, state=state, ports=self._ports)

    async def connect_sandbox(self, principal: Principal) -> ConnectionSummary:
        """Connect in one step on the sandbox (its authorization URL already carries the code)."""
        start = await self.start_connect(principal)
        query = parse_qs(urlsplit(start.authorization_url).query)
        return await self.complete_connect(query["code"][0], query["state"][0])

    async def status(self, principal: Principal) -> ConnectionState:
        return await connection.connection_status(principal=principal, ports=self._ports)

    async def disconnect(self, principal: Principal) -> None:
        await connection.disconnect(principal=principal, ports=self._ports)

    async def sync_profile(self, principal: Principal) -> ScoredProfile:
        return await profile.sync_profile(principal=principal, ports=self._ports)

    async def profile(self, principal: Principal) -> ScoredProfile:
        return await profile.get_profile(principal=principal, ports=self._ports)

    async def publish(self, principal: Principal, commentary: str, *,
                      media: tuple[publishing.MediaInput, ...] = (), first_comment: str | None = None,
                      idempotency_key: str | None = None) -> DirectPost:
        cmd = publishing.PublishNow(commentary=commentary, media=media, first_comment=first_comment)
        return await publishing.publish_now(cmd, idempotency_key=idempotency_key or str(uuid.uuid4()),
                                            principal=principal, ports=self._ports)

    async def import_data_export(self, principal: Principal, data: bytes) -> ArchiveImported:
        ports = self._ports
        return await imports.import_data_export(data, principal=principal, ports=ports,
                                                max_total_bytes=ports.import_max_bytes)

    async def import_creator_analytics(self, principal: Principal, data: bytes) -> AnalyticsImported:
        ports = self._ports
        return await imports.import_creator_analytics(data, principal=principal, ports=ports, reader=ports.workbooks)
