"""Liveness and readiness."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import msgspec

from inergize.ports.health import HealthCheck

CHECK_TIMEOUT_SECONDS = 3.0


class DependencyStatus(msgspec.Struct, frozen=True):
    name: str
    ok: bool
    error: str | None = None


class Readiness(msgspec.Struct, frozen=True):
    ready: bool
    checks: list[DependencyStatus]


async def check_readiness(checks: Sequence[HealthCheck]) -> Readiness:
    """Ask every dependency of the running configuration at once; say which failed and why."""

    async def one(check: HealthCheck) -> DependencyStatus:
        try:
            await asyncio.wait_for(check.check(), CHECK_TIMEOUT_SECONDS)
        except Exception as exc:  # any failure means "not ready"; the reason is reported, not raised
            return DependencyStatus(check.name, False, f"{type(exc).__name__}: {exc}"[:300])
        return DependencyStatus(check.name, True)

    results = list(await asyncio.gather(*(one(c) for c in checks)))
    return Readiness(all(r.ok for r in results), results)
