"""The engine end to end on the in-memory unit of work: paced campaigns within budgets and working hours,
follow-ups that stop on a reply, duplicate and deny-list protection, assisted mode. (Its races, parallel
workers over one budget and one target, run on SQLite and PostgreSQL in test_concurrency.py.)"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any

from inergize.application.compliance import campaign_events as events
from inergize.application.compliance.dashboard import AutomationSettings, dashboard, update_settings
from inergize.domain.compliance.actions import ActionType, action_budget
from inergize.domain.compliance.calendar import Schedule, local_day, why_closed
from inergize.domain.compliance.campaigns import (
    FollowUp,
    StepKind,
    StepState,
    TargetState,
)
from inergize.domain.linkedin.auth import LinkedInCapability
from tests.fakes.linkedin_gateway import ALL, FakeLinkedInGateway
from tests.support.campaigns import berlin_user_on_fakes, drain, people_csv, start, steps

SCHEDULE = Schedule(timezone="Europe/Berlin", start="09:00", end="17:30")


async def test_a_campaign_runs_paced_inside_working_hours_and_daily_budgets(clock: Any) -> None:
    gateway = FakeLinkedInGateway()
    ports, user = await berlin_user_on_fakes(clock, gateway)
    note = "Hi {first_name}, fellow {company} fan?"
    campaign = await start(ports, user, people_csv(12), note_template=note)
    await drain(ports, clock, user.user.id, until=clock.now() + timedelta(days=6))
    invited = [c for c in gateway.calls if c[0] == "invitation"]
    assert len(invited) == 12 and len({c[1] for c in invited}) == 12
    assert invited[0][2] == "Hi Ann, fellow Initech fan?"
    done = await steps(ports, user, StepState.DONE)
    async with ports.uow_factory(read_only=True) as uow:
        account = await uow.compliance.get_account(user.user.id)
        targets = await uow.campaigns.targets(campaign.id)
    assert account is not None
    per_day: dict[datetime, int] = {}
    for step in done:
        assert why_closed(SCHEDULE, step.executed_at) is None
        day = local_day(step.executed_at, "Europe/Berlin")[0]
        per_day[day] = per_day.get(day, 0) + 1
    for day, n in per_day.items():  # a new account ramps up from a quarter of the safe budget
        age = max((day - account.automation_since).total_seconds() / 86400, 0)
        assert n <= action_budget(ActionType.INVITATION, tier="pro", account_age_days=age).daily
    assert len(per_day) >= 3
    times = sorted(s.executed_at for s in done)
    assert all((b - a).total_seconds() >= 240 for a, b in pairwise(times))
    assert {t.state for t in targets} == {TargetState.INVITED}
    planned = await steps(ports, user, StepState.PLANNED)
    assert sum(1 for s in planned if s.kind is StepKind.WITHDRAW) == 12


async def test_acceptance_plans_follow_ups_a_reply_stops_them_stale_invites_are_withdrawn(clock: Any) -> None:
    gateway = FakeLinkedInGateway()
    ports, user = await berlin_user_on_fakes(clock, gateway)
    follow = (FollowUp(after_days=1, template="Thanks {first_name}!"),
              FollowUp(after_days=3, template="Coffee?"))
    campaign = await start(ports, user, people_csv(3), follow_ups=follow, withdraw_after_days=5)
    await drain(ports, clock, user.user.id, until=clock.now() + timedelta(days=1))
    targets = {t.key: t for t in await _targets(ports, campaign.id)}
    assert {t.state for t in targets.values()} == {TargetState.INVITED}
    a, b, c = (targets[f"in/ann-lee-{i}"] for i in range(3))
    gateway.connections = [_member(a.key)]  # a accepted: a appears among the member's connections
    assert await events.sync_acceptances(user.user.id, [campaign.id], ports=ports) == 1
    assert await events.sync_acceptances(user.user.id, [campaign.id], ports=ports) == 0
    await events.record_target_event(campaign.id, b.id, events.TargetEvent.ACCEPTED, principal=user.principal,
                                     ports=ports)
    await drain(ports, clock, user.user.id, until=clock.now() + timedelta(days=2))
    await events.record_target_event(campaign.id, b.id, events.TargetEvent.REPLIED, principal=user.principal,
                                     ports=ports)
    await drain(ports, clock, user.user.id, until=clock.now() + timedelta(days=8))
    messages = [(t, text) for kind, t, text in gateway.calls if kind == "message"]
    assert (a.key, "Thanks Ann!") in messages and (a.key, "Coffee?") in messages
    assert [m for m in messages if m[0] == b.key] == [(b.key, "Thanks Ann!")]  # the reply stopped "Coffee?"
    withdrawn = [t for kind, t, _ in gateway.calls if kind == "withdraw"]
    assert len(withdrawn) == 1  # only c, still pending after 5 days
    final = {t.key: t.state for t in await _targets(ports, campaign.id)}
    assert final == {a.key: TargetState.ACCEPTED, b.key: TargetState.REPLIED, c.key: TargetState.WITHDRAWN}


async def _targets(ports: Any, campaign_id: Any) -> list[Any]:
    async with ports.uow_factory(read_only=True) as uow:
        return await uow.campaigns.targets(campaign_id)


def _member(urn: str) -> Any:
    from inergize.domain.linkedin.network import NetworkMember

    return NetworkMember(urn=urn, name="x")


async def test_denied_targets_are_skipped_and_nobody_is_invited_twice_across_campaigns(clock: Any) -> None:
    gateway = FakeLinkedInGateway()
    ports, user = await berlin_user_on_fakes(clock, gateway)
    settings = await _settings(ports, user)
    await update_settings(AutomationSettings(lists={"deny_companies": ["Hooli"],
                                                    "deny_people": ["linkedin.com/in/ann-lee-1"]}),
                          expected_version=settings.version, principal=user.principal, ports=ports)
    hooli = people_csv(2, offset=10, company="Hooli").split("\n", 4)[4]
    await start(ports, user, people_csv(4) + "\n" + hooli)
    await start(ports, user, people_csv(4))  # the same four people again, in a second campaign
    await drain(ports, clock, user.user.id, until=clock.now() + timedelta(days=10))
    invited = [t for kind, t, _ in gateway.calls if kind == "invitation"]
    assert sorted(invited) == ["in/ann-lee-0", "in/ann-lee-2", "in/ann-lee-3"]
    skipped = await steps(ports, user, StepState.SKIPPED, StepState.CANCELLED)
    reasons = sorted(s.outcome.get("reason", "") for s in skipped)
    # ann-lee-1 is in both campaigns; the second campaign's other three were already invited by the first
    assert reasons.count("denied_person") == 2 and reasons.count("denied_company") == 2
    assert reasons.count("duplicate_target") == 3


async def _settings(ports: Any, user: Any) -> Any:
    from inergize.application.compliance.dashboard import get_settings

    return await get_settings(principal=user.principal, ports=ports)


async def test_assisted_mode_plans_tasks_within_budget_when_the_adapter_cannot_invite(clock: Any) -> None:
    rest_like = ALL - {LinkedInCapability.SEND_INVITATION, LinkedInCapability.WITHDRAW_INVITATION}
    gateway = FakeLinkedInGateway(available=rest_like)
    ports, user = await berlin_user_on_fakes(clock, gateway)
    campaign = await start(ports, user, people_csv(8), note_template="Hello {first_name}")
    assert campaign.assisted
    await drain(ports, clock, user.user.id, until=clock.now() + timedelta(hours=10))
    assert gateway.calls == []
    todo = await events.tasks(principal=user.principal, ports=ports)
    first_day = action_budget(ActionType.INVITATION, tier="pro", account_age_days=0).daily
    assert 1 <= len(todo) <= first_day  # still within the day's budget
    assert todo[0].outcome["open"].startswith("https://www.linkedin.com/in/ann-lee-")
    assert todo[0].outcome["copy"] == "Hello Ann"
    done = await events.complete_task(todo[0].id, done=True, principal=user.principal, ports=ports)
    assert done.state is StepState.DONE
    board = await dashboard(principal=user.principal, ports=ports)
    invitations = next(b for b in board.budgets if b.action == "invitation")
    assert invitations.daily_left == invitations.daily_limit - len(todo)
    assert board.tasks_waiting == len(todo) - 1
