"""/v1/admin/ping: enqueue a ``ping`` job and read whether a worker ran it (operators, tests)."""

from __future__ import annotations

from litestar import get, post

from inergize.application.platform import ping as uc
from inergize.domain.accounts.users import Principal
from inergize.entrypoints.http.auth import ADMIN
from inergize.entrypoints.http.deps import PlatformDeps
from inergize.entrypoints.http.routes.platform.schemas import PingOut


@post("/v1/admin/ping", opt=ADMIN, status_code=202)
async def enqueue_ping(platform: PlatformDeps, principal: Principal) -> PingOut:
    token = await uc.request_ping(principal=principal, uow_factory=platform.uow_factory)
    return PingOut(token=token, runs=0)


@get("/v1/admin/ping/{token:str}", opt=ADMIN)
async def read_ping(platform: PlatformDeps, token: str, principal: Principal) -> PingOut:
    return PingOut(token=token, runs=await uc.ping_count(token, principal=principal, pings=platform.pings))


ROUTES = [enqueue_ping, read_ping]
