"""The ports the platform use cases are handed, bundled once by the composition root."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from inergize.ports.clock import Clock
from inergize.ports.health import HealthCheck
from inergize.ports.jobs import PingLog
from inergize.ports.metrics import MetricsExporter
from inergize.ports.tokens import TokenService
from inergize.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True, kw_only=True)
class PlatformDeps:
    """What every capability shares and no user asks for by name: storage and time (Idempotency-Key
    answers, the ping job), the readiness checks of the running configuration, the public keys of our
    access tokens, and the metrics with the token that guards them (None: metrics are off)."""

    uow_factory: UnitOfWorkFactory
    clock: Clock
    health_checks: Sequence[HealthCheck]
    pings: PingLog
    tokens: TokenService
    metrics: MetricsExporter
    metrics_token: str | None
