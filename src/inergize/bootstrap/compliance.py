"""Compliance in the composition root: where action budgets and duplicate claims are kept (Redis when a
Redis URL is set, else in-process), and the gate in front of every automated action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from inergize.adapters.compliance.memory import MemoryActionLedger
from inergize.adapters.compliance.redis import RedisActionLedger
from inergize.settings import Settings


def action_ledger(settings: Settings, client: Callable[[], Any]) -> Any:
    if settings.redis_url:
        return RedisActionLedger(client(), prefix=settings.redis_prefix)
    return MemoryActionLedger()


def compliance_gate(ledger: Any) -> Any:
    from inergize.application.compliance.gate import ComplianceGate

    return ComplianceGate(ledger)
