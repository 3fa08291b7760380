"""Auto-pause, on the in-memory unit of work: 429s or a restriction pause the account within the
configured window, record why, tell the user, hold scheduled posts on a restriction; nothing runs until
an audited manual resume."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from inergize.application.compliance import campaigns as uc
from inergize.application.compliance.dashboard import dashboard
from inergize.application.compliance.engine import run_step
from inergize.application.compliance.safety import ResumeAutomation, pause_automation, resume_automation
from inergize.domain.compliance.campaigns import CampaignConfig, CampaignKind, StepState
from inergize.domain.platform.errors import ValidationFailed
from tests.fakes.linkedin_gateway import FakeLinkedInGateway
from tests.support.campaigns import berlin_user_on_fakes, drain, due, people_csv, start, steps


async def _logs(ports: Any, user: Any) -> list[Any]:
    async with ports.uow_factory(read_only=True) as uow:
        return await uow.compliance.list_logs(user.user.id)


async def _notices(ports: Any, user: Any) -> list[Any]:
    async with ports.uow_factory(read_only=True) as uow:
        return (await uow.notifications.list_for_user(user.user.id, limit=50, cursor=None)).items


async def test_429s_pause_the_account_within_the_window_and_nothing_runs_until_resume(clock: Any) -> None:
    gateway = FakeLinkedInGateway()
    ports, user = await berlin_user_on_fakes(clock, gateway)
    await start(ports, user, people_csv(20))
    gateway.answer_429s(50)
    first_429 = None
    results: list[str] = []
    for _ in range(600):
        if any(entry.kind == "pause" for entry in await _logs(ports, user)):
            break
        for step_id in await due(ports, user.user.id):
            result = await run_step(step_id, ports=ports)
            results.append(result)
            if result == "failed:rate_limited" and first_429 is None:
                first_429 = clock.now()
        clock.advance(60)
        assert clock.now() - ports.clock.now() == timedelta(0)
    else:
        raise AssertionError(f"never paused: {results}")
    pause_log = next(entry for entry in await _logs(ports, user) if entry.kind == "pause")
    assert pause_log.reason == "too_many_rate_limits" and pause_log.detail["actor"] == "system"
    assert first_429 is not None
    assert (pause_log.created_at - first_429).total_seconds() <= 3600  # PauseRules.window_seconds
    assert results.count("failed:rate_limited") == 3
    notices = await _notices(ports, user)
    assert [n.kind for n in notices] == ["compliance.paused"]
    board = await dashboard(principal=user.principal, ports=ports)
    assert board.paused and board.pause_reason == "too_many_rate_limits" and board.health < 100
    assert {c.code for c in board.health_causes} >= {"rate_limited"}
    # Paused: nothing runs, whatever time it is and whoever asks.
    gateway.failures.clear()
    before = len(gateway.calls)
    await drain(ports, clock, user.user.id, until=clock.now() + timedelta(days=3))
    for s in await steps(ports, user, StepState.PLANNED):
        assert await run_step(s.id, ports=ports) == "not_runnable"
    assert len(gateway.calls) == before == 0
    with pytest.raises(ValidationFailed):
        await resume_automation(ResumeAutomation(reason="ok"), principal=user.principal,
                                uow_factory=ports.uow_factory, clock=ports.clock)
    cmd = ResumeAutomation(reason="LinkedIn limits reset", acknowledge_risk=True)
    resumed = await resume_automation(cmd, principal=user.principal, uow_factory=ports.uow_factory,
                                      clock=ports.clock)
    assert not resumed.paused
    override = next(entry for entry in await _logs(ports, user) if entry.kind == "override")
    assert override.reason == "LinkedIn limits reset" and override.detail["actor"] == str(user.user.id)
    await drain(ports, clock, user.user.id, until=clock.now() + timedelta(days=2))
    assert len(gateway.calls) > 0


async def test_a_restriction_signal_pauses_at_once_and_holds_scheduled_posts(clock: Any) -> None:
    gateway = FakeLinkedInGateway()
    ports, user = await berlin_user_on_fakes(clock, gateway)
    await start(ports, user, people_csv(5))
    gateway.restricted = True
    results = await drain(ports, clock, user.user.id, until=clock.now() + timedelta(days=1))
    assert results[0] == "failed:restricted" and set(results[1:]) <= {"not_runnable"}
    pause_log = next(entry for entry in await _logs(ports, user) if entry.kind == "pause")
    assert pause_log.reason == "restriction_signal"
    async with ports.uow_factory(read_only=True) as uow:
        account = await uow.compliance.get_account(user.user.id)
    assert account is not None and account.last_restriction_at is not None
    held = pause_log.detail["publications_held"]
    assert held is None or held >= 0  # None only where scheduling is not installed
    # after a restriction the budgets restart from a quarter, however old the account is
    board = await dashboard(principal=user.principal, ports=ports)
    invitations = next(b for b in board.budgets if b.action == "invitation")
    assert invitations.daily_limit <= 5


async def test_the_user_can_pause_by_hand_and_resuming_an_active_account_changes_nothing(clock: Any) -> None:
    ports, user = await berlin_user_on_fakes(clock)
    paused = await pause_automation("holiday", principal=user.principal, uow_factory=ports.uow_factory,
                                    clock=ports.clock)
    assert paused.paused and paused.pause_reason == "manual"
    assert await _notices(ports, user) == []
    cmd = ResumeAutomation(reason="back", acknowledge_risk=True)
    clock.advance(60)
    await resume_automation(cmd, principal=user.principal, uow_factory=ports.uow_factory, clock=ports.clock)
    again = await resume_automation(cmd, principal=user.principal, uow_factory=ports.uow_factory,
                                    clock=ports.clock)
    assert not again.paused
    assert [e.kind for e in await _logs(ports, user)] == ["override", "pause"]


async def test_engagement_campaigns_react_and_comment_on_supplied_posts(clock: Any) -> None:
    gateway = FakeLinkedInGateway()
    ports, user = await berlin_user_on_fakes(clock, gateway)
    campaign = await uc.create_campaign(uc.CreateCampaign(
        kind=CampaignKind.ENGAGEMENT, name="watch list",
        config=CampaignConfig(comment_template="Great point!")),
        principal=user.principal, ports=ports)
    urls = [f"https://www.linkedin.com/feed/update/urn:li:activity:{7000 + i}/" for i in range(3)]
    assert await uc.add_posts(campaign.id, urls + urls[:1], principal=user.principal, ports=ports) == 3
    with pytest.raises(ValidationFailed):
        await uc.add_posts(campaign.id, ["https://example.com/x"], principal=user.principal, ports=ports)
    await uc.start_campaign(campaign.id, principal=user.principal, ports=ports)
    await drain(ports, clock, user.user.id, until=clock.now() + timedelta(days=3))
    kinds = sorted((kind, target) for kind, target, _ in gateway.calls)
    assert kinds == sorted([("reaction", f"urn:li:activity:{7000 + i}") for i in range(3)]
                           + [("comment", f"urn:li:activity:{7000 + i}") for i in range(3)])
