"""Compliance in the composition root: where action budgets and duplicate claims are kept (Redis when a
Redis URL is set, else in-process), the gate in front of every automated action, and automation's ports."""

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


def automation_ports(uow_factory: Any, clock: Any, gate: Any, gateway: Any, linkedin_ports: Any,
                     moderator: Any) -> Any:
    from inergize.application.compliance.ports import AutomationPorts, linkedin_auth

    return AutomationPorts(uow_factory=uow_factory, clock=clock, gate=gate, gateway=gateway,
                           auth_for=linkedin_auth(linkedin_ports), moderator=moderator)
