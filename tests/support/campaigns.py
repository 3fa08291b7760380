"""Shared helpers of the compliance tests: automation ports on a test container, and a driver that
runs due steps while moving the fake clock to each next planned step."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from inergize.adapters.compliance import MemoryActionLedger
from inergize.application.compliance.deps import ComplianceDeps
from inergize.application.compliance.engine import run_step
from inergize.application.compliance.gate import ComplianceGate
from inergize.domain.accounts.users import WorkingHours
from inergize.domain.compliance.campaigns import StepState
from tests.fakes.automation_gateway import FakeAutomationGateway, fake_auth

BERLIN = {"timezone": "Europe/Berlin", "working_hours": WorkingHours(start="09:00", end="17:30"),
          "tier": "pro"}


def automation(container: Any, gateway: Any | None = None, ledger: Any | None = None) -> ComplianceDeps:
    return ComplianceDeps(uow_factory=container.uow_factory(), clock=container.clock(),
                           gate=ComplianceGate(ledger or MemoryActionLedger()),
                           gateway=gateway or FakeAutomationGateway(), auth_for=fake_auth)


async def due(ports: ComplianceDeps, user_id: uuid.UUID) -> list[uuid.UUID]:
    """The user's due steps (the session database holds other tests' users too)."""
    async with ports.uow_factory(read_only=True) as uow:
        steps = await uow.campaigns.steps_for_user(user_id, states=[StepState.PLANNED], limit=1000)
    return [s.id for s in steps if s.planned_at <= ports.clock.now()]


async def next_planned(ports: ComplianceDeps, user_id: uuid.UUID) -> datetime | None:
    async with ports.uow_factory(read_only=True) as uow:
        steps = await uow.campaigns.steps_for_user(user_id, states=[StepState.PLANNED], limit=1)
    return steps[0].planned_at if steps else None


async def drain(ports: ComplianceDeps, clock: Any, user_id: uuid.UUID, *, until: datetime) -> list[str]:
    """Run every due step, jump to the next planned one, repeat until ``until``; the results in order."""
    results: list[str] = []
    while clock.now() <= until:
        ran = [await run_step(step_id, ports=ports) for step_id in await due(ports, user_id)]
        results += ran
        if ran and all(r == "not_runnable" for r in ran):
            break  # paused (or the campaign stopped): nothing will move until someone acts
        nxt = await next_planned(ports, user_id)
        if nxt is None or nxt > until:
            break
        clock.set(max(nxt, clock.now() + timedelta(seconds=1)))
    return results
