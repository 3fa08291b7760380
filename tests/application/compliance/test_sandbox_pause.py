"""Done-when: forcing the sandbox to answer 429s pauses the account within the configured window, and
nothing runs until a manual resume. Uses the container's own wiring: the sandbox gateway, the member's
stored LinkedIn connection, the engine and the tick's periodic task."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from inergize.application.compliance import campaigns as uc
from inergize.application.compliance.engine import run_step
from inergize.application.compliance.safety import ResumeAutomation, resume_automation
from inergize.domain.compliance.campaigns import CampaignConfig, CampaignKind, StepState
from inergize.entrypoints.workers.compliance import run_due_steps
from tests.support.campaigns import BERLIN, due, next_planned
from tests.support.linkedin_rest import connect_linkedin

pytestmark = pytest.mark.usefixtures("nothing_runnable_left")


async def _state(container: Any, user: Any) -> tuple[Any, list[Any]]:
    async with container.uow_factory()(read_only=True) as uow:
        account = await uow.compliance.get_account(user.user.id)
        done = await uow.campaigns.steps_for_user(user.user.id, states=[StepState.DONE], limit=1000)
    return account, done


async def test_sandbox_429s_pause_the_account_until_a_manual_resume(client: Any, container: Any,
                                                                  make_user: Any, clock: Any) -> None:
    user = await make_user(**BERLIN)
    connected = await connect_linkedin(client, user)
    ports = container.compliance_deps()
    config = CampaignConfig(note_template="Hi {first_name}")
    cmd = uc.CreateCampaign(kind=CampaignKind.CONNECTION, name="network", config=config)
    campaign = await uc.create_campaign(cmd, principal=user.principal, ports=ports)
    assert not campaign.assisted  # the sandbox can invite
    assert await uc.add_network_targets(campaign.id, limit=12, principal=user.principal, ports=ports) >= 6
    await uc.start_campaign(campaign.id, principal=user.principal, ports=ports)
    sandbox = container.linkedin()
    await sandbox.misbehave(connected["memberUrn"], rate_limit=100, retry_after=30)
    rules_window = timedelta(seconds=3600)
    first_429 = paused_at = None
    for _ in range(500):
        for step_id in await due(ports, user.user.id):
            if await run_step(step_id, ports=ports) == "failed:rate_limited" and first_429 is None:
                first_429 = clock.now()
        account, _ = await _state(container, user)
        if account is not None and account.paused:
            paused_at = account.paused_at
            break
        nxt = await next_planned(ports, user.user.id)
        assert nxt is not None
        clock.set(max(nxt, clock.now() + timedelta(seconds=1)))
    assert first_429 is not None and paused_at is not None, "the account was never paused"
    assert paused_at - first_429 <= rules_window
    assert account.pause_reason == "too_many_rate_limits"
    # LinkedIn is fine again, but nothing runs while paused: not the engine, not the tick.
    await sandbox.misbehave(connected["memberUrn"])
    for _ in range(3):
        clock.advance(hours=6)
        await run_due_steps(container)
        for step_id in await due(ports, user.user.id):
            assert await run_step(step_id, ports=ports) == "not_runnable"
    assert (await _state(container, user))[1] == []
    await resume_automation(ResumeAutomation(reason="checked my account", acknowledge_risk=True),
                            principal=user.principal, uow_factory=ports.uow_factory, clock=ports.clock)
    for _ in range(200):
        for step_id in await due(ports, user.user.id):
            await run_step(step_id, ports=ports)
        if (await _state(container, user))[1]:
            break
        nxt = await next_planned(ports, user.user.id)
        assert nxt is not None
        clock.set(max(nxt, clock.now() + timedelta(seconds=1)))
    account, done = await _state(container, user)
    assert not account.paused and len(done) >= 1  # the sandbox accepted the invitation after the resume
