"""Shared helpers of the compliance tests: automation ports over a unit-of-work factory, and a driver
that runs due steps while moving the fake clock to each next planned step."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from inergize.adapters.compliance import MemoryActionLedger
from inergize.application.compliance import campaigns as uc
from inergize.application.compliance.deps import ComplianceDeps
from inergize.application.compliance.engine import run_step
from inergize.application.compliance.gate import ComplianceGate
from inergize.domain.accounts.users import WorkingHours
from inergize.domain.compliance.campaigns import CampaignConfig, CampaignKind, StepState
from tests.fakes.linkedin_gateway import FakeLinkedInGateway, fake_auth
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.support.memory_users import MemoryUser, add_memory_user

BERLIN = {"timezone": "Europe/Berlin", "working_hours": WorkingHours(start="09:00", end="17:30"),
          "tier": "pro"}


def automation(uow_factory: Any, clock: Any, gateway: Any | None = None, ledger: Any | None = None) -> ComplianceDeps:
    """The automation ports over ``uow_factory`` (the in-memory database or a container's), with an
    in-process ledger and the fake LinkedIn gateway unless given others."""
    return ComplianceDeps(uow_factory=uow_factory, clock=clock, gate=ComplianceGate(ledger or MemoryActionLedger()),
                          gateway=gateway or FakeLinkedInGateway(), auth_for=fake_auth)


async def berlin_user_on_fakes(clock: Any, gateway: Any | None = None) -> tuple[ComplianceDeps, MemoryUser]:
    """Automation ports over a new in-memory database, and a pro user working Berlin hours in it."""
    database = InMemoryDatabase()
    return automation(database, clock, gateway), await add_memory_user(database, **BERLIN)


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


def people_csv(n: int, offset: int = 0, company: str = "Initech") -> str:
    """LinkedIn's connections export (with its preamble) of ``n`` people at ``company``."""
    rows = "\n".join(f"Ann,Lee{i},https://www.linkedin.com/in/ann-lee-{i}/,,{company},Engineer,01 Mar 2026"
                     for i in range(offset, offset + n))
    return ("\ufeffNotes:\n\"When exporting your connection data, you may notice...\"\n\n"
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows)


async def start(ports: Any, user: Any, csv: str, **config: Any) -> Any:
    """A started connection campaign of ``user`` over the people in ``csv``."""
    campaign = await uc.create_campaign(uc.CreateCampaign(kind=CampaignKind.CONNECTION, name="Q1 outreach",
                                                          config=CampaignConfig(**config)),
                                        principal=user.principal, ports=ports)
    await uc.import_targets_csv(campaign.id, csv, principal=user.principal, ports=ports)
    return await uc.start_campaign(campaign.id, principal=user.principal, ports=ports)


async def steps(ports: ComplianceDeps, user: Any, *states: StepState) -> list[Any]:
    async with ports.uow_factory(read_only=True) as uow:
        return await uow.campaigns.steps_for_user(user.user.id, states=list(states), limit=1000)
