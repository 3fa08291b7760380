"""Pure compliance rules: budgets, local days, schedules, pacing plans, lists, health, auto-pause."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inergize.domain.compliance import (
    ActionType,
    HealthInputs,
    Outcome,
    OutcomeEvent,
    PacingPolicy,
    PauseRules,
    Schedule,
    Target,
    TargetLists,
    action_budget,
    health_score,
    local_day,
    next_open,
    pause_reason,
    plan_slots,
    target_key,
    why_closed,
)
from inergize.domain.compliance.actions import SAFE_DEFAULTS, ActionBudget
from inergize.domain.compliance.campaigns import CampaignConfig, CampaignTarget, render
from inergize.domain.platform.errors import ValidationFailed

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
         "America/Santiago", "Pacific/Chatham", "America/St_Johns"]
instants = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31),
                        timezones=st.just(UTC))


@given(st.sampled_from(list(ActionType)), st.sampled_from(["free", "pro", "team", "unknown"]),
       st.integers(0, 100), st.none() | st.floats(0, 60), st.none() | st.floats(0, 60))
def test_budgets_never_exceed_the_safe_cap_and_daily_fits_weekly(action, tier, health, age, restricted):
    budget = action_budget(action, tier=tier, health=health, account_age_days=age,
                           days_since_restriction=restricted)
    cap = SAFE_DEFAULTS[action]
    assert 1 <= budget.daily <= min(cap.daily, budget.weekly)
    assert budget.weekly <= cap.weekly


@given(st.sampled_from(list(ActionType)), st.integers(0, 99), st.floats(0, 27))
def test_lower_health_and_younger_accounts_never_get_more(action, health, age):
    healthy = action_budget(action, tier="pro", health=health + 1, account_age_days=age + 1)
    worse = action_budget(action, tier="pro", health=health, account_age_days=age)
    assert worse.daily <= healthy.daily and worse.weekly <= healthy.weekly


def test_defaults_are_conservative_for_invitations():
    normal = action_budget(ActionType.INVITATION, tier="pro")
    assert 15 <= normal.daily <= 20 and normal.weekly <= 100
    new = action_budget(ActionType.INVITATION, tier="pro", account_age_days=0)
    assert new.daily < normal.daily / 2
    restricted = action_budget(ActionType.INVITATION, tier="pro", days_since_restriction=1)
    assert restricted.daily < normal.daily / 2
    assert action_budget(ActionType.INVITATION, tier="pro", health=30).daily < normal.daily / 2
    user_cap = {"invitation": ActionBudget(daily=500, weekly=900)}
    assert action_budget(ActionType.INVITATION, tier="pro", overrides=user_cap) == normal


@given(instants, st.sampled_from(ZONES))
def test_local_day_contains_now_and_is_one_calendar_day(now, tz):
    start, seconds = local_day(now, tz)
    assert start <= now < start + timedelta(seconds=seconds)
    assert 22 * 3600 <= seconds <= 26 * 3600


def test_local_day_is_23_and_25_hours_on_dst_days():
    assert local_day(datetime(2026, 3, 29, 12, tzinfo=UTC), "Europe/Berlin")[1] == 23 * 3600
    assert local_day(datetime(2026, 10, 25, 12, tzinfo=UTC), "Europe/Berlin")[1] == 25 * 3600
    start, _ = local_day(datetime(2026, 3, 29, 12, tzinfo=UTC), "Europe/Berlin")
    assert start == datetime(2026, 3, 28, 23, tzinfo=UTC)


def test_schedule_closes_on_days_off_quiet_hours_and_evenings():
    s = Schedule(timezone="Europe/Berlin", quiet=(("12:00", "13:00"),), days_off=(date(2026, 3, 3),))
    assert why_closed(s, datetime(2026, 3, 2, 9, tzinfo=UTC)) is None  # 10:00 Berlin, Monday
    assert why_closed(s, datetime(2026, 3, 2, 11, 30, tzinfo=UTC)) == "quiet_hours"
    assert why_closed(s, datetime(2026, 3, 2, 17, tzinfo=UTC)) == "outside_hours"
    assert why_closed(s, datetime(2026, 3, 3, 10, tzinfo=UTC)) == "day_off"
    assert why_closed(s, datetime(2026, 3, 7, 10, tzinfo=UTC)) == "day_off"  # Saturday
    assert next_open(s, datetime(2026, 3, 2, 17, tzinfo=UTC)) == datetime(2026, 3, 4, 8, tzinfo=UTC)
    with pytest.raises(ValidationFailed):
        Schedule(start="18:00", end="09:00")


schedules = st.builds(
    Schedule, timezone=st.sampled_from(ZONES),
    start=st.sampled_from(["00:00", "07:30", "09:00", "13:00"]),
    end=st.sampled_from(["13:30", "17:30", "23:59"]),
    days=st.sets(st.integers(1, 7), min_size=1).map(lambda d: tuple(sorted(d))),
    quiet=st.sampled_from([(), (("12:00", "13:00"),), (("10:00", "10:30"), ("15:00", "16:00"))]),
)
policies = st.builds(PacingPolicy, min_gap_seconds=st.integers(30, 3600), jitter_seconds=st.integers(0, 3600),
                     long_break_probability=st.floats(0, 1), daily_volume=st.integers(1, 40),
                     daily_variance=st.floats(0, 0.9), skip_day_probability=st.floats(0, 0.5))


@given(schedules, policies, instants, st.integers(0, 2**32), st.integers(1, 60), st.integers(1, 30))
def test_pacing_plans_stay_in_open_hours_apart_and_under_the_daily_cap(schedule, policy, start, seed, count,
                                                                        cap):
    slots = plan_slots(count, start=start, schedule=schedule, policy=policy, seed=seed, daily_cap=cap,
                       horizon_days=20)
    assert slots == plan_slots(count, start=start, schedule=schedule, policy=policy, seed=seed, daily_cap=cap,
                               horizon_days=20)  # reproducible from the seed
    assert len(slots) <= count
    for a, b in itertools.pairwise(slots):
        assert (b - a).total_seconds() >= policy.min_gap_seconds
    per_day: dict[object, int] = {}
    for slot in slots:
        assert slot >= start and why_closed(schedule, slot) is None
        day = local_day(slot, schedule.timezone)[0]
        per_day[day] = per_day.get(day, 0) + 1
    assert all(n <= cap for n in per_day.values())


def test_pacing_varies_daily_volume_and_takes_long_breaks():
    s = Schedule(timezone="Europe/Berlin", start="08:00", end="20:00", days=(1, 2, 3, 4, 5, 6, 7))
    policy = PacingPolicy(min_gap_seconds=120, jitter_seconds=300, daily_volume=15, daily_variance=0.4,
                          long_break_probability=0.2)
    slots = plan_slots(300, start=datetime(2026, 3, 2, tzinfo=UTC), schedule=s, policy=policy, seed=7,
                       daily_cap=30, horizon_days=14)
    per_day: dict[object, int] = {}
    for slot in slots:
        per_day[slot.date()] = per_day.get(slot.date(), 0) + 1
    assert len(set(per_day.values())) > 2  # the volume differs day to day
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(slots) if a.date() == b.date()]
    assert max(gaps) > 1800 and min(gaps) >= 120
    assert plan_slots(5, start=datetime(2026, 3, 2, tzinfo=UTC), schedule=s, policy=policy, seed=8,
                      daily_cap=30) != slots[:5]


def test_lists_deny_people_companies_and_keywords_and_allow_lists_restrict():
    lists = TargetLists.build(deny_people=["https://www.linkedin.com/in/Jane-Doe/"], deny_companies=["ACME"],
                              deny_keywords=["recruiter"])
    assert target_key("linkedin.com/in/jane-doe?x=1") == "in/jane-doe"
    assert lists.why_denied(Target(key="in/jane-doe")) == "denied_person"
    assert lists.why_denied(Target(key="in/bob", company="Acme ")) == "denied_company"
    assert lists.why_denied(Target(key="in/bob", headline="Tech Recruiter")) == "denied_keyword"
    assert lists.why_denied(Target(key="in/bob"), "hi, I am a recruiter") == "denied_keyword"
    assert lists.why_denied(Target(key="in/bob")) is None
    only = TargetLists.build(allow_companies=["Initech"], deny_people=["in/bob"])
    assert only.why_denied(Target(key="in/al", company="initech")) is None
    assert only.why_denied(Target(key="in/al", company="Hooli")) == "not_on_allow_list"
    assert only.why_denied(Target(key="in/bob", company="initech")) == "denied_person"


@given(st.integers(0, 50), st.integers(0, 50), st.integers(0, 5), st.integers(0, 2), st.integers(0, 100),
       st.integers(0, 100), st.integers(0, 500))
def test_health_is_between_0_and_100_and_explained(attempts, successes, limited, restricted, sent, accepted,
                                                   pending):
    inputs = HealthInputs(attempts=attempts, successes=min(successes, attempts), rate_limited=limited,
                          restrictions=restricted, invitations_sent=sent,
                          invitations_accepted=min(accepted, sent),
                          pending_invitations=pending)
    result = health_score(inputs)
    assert 0 <= result.score <= 100
    assert result.score == max(0, 100 - sum(c.points for c in result.causes))
    if restricted:
        assert result.score <= 50 and "restricted" in {c.code for c in result.causes}


def test_auto_pause_rules_look_only_inside_the_window():
    now = datetime(2026, 3, 2, 12, tzinfo=UTC)
    rules = PauseRules(window_seconds=3600, max_rate_limited=3)
    limited = [OutcomeEvent(now - timedelta(minutes=m), Outcome.RATE_LIMITED) for m in (5, 10, 50)]
    assert pause_reason(limited, now=now, rules=rules) == "too_many_rate_limits"
    old = [OutcomeEvent(now - timedelta(minutes=m), Outcome.RATE_LIMITED) for m in (5, 10, 70)]
    assert pause_reason(old, now=now, rules=rules) is None
    assert pause_reason([OutcomeEvent(now, Outcome.RESTRICTED)], now=now, rules=rules) == "restriction_signal"
    failing = [OutcomeEvent(now, Outcome.FAILED)] * 8 + [OutcomeEvent(now, Outcome.SUCCESS)] * 2
    assert pause_reason(failing, now=now, rules=rules) == "low_success_rate"


def test_notes_are_personalised_within_300_characters():
    import uuid

    t = CampaignTarget(id=uuid.uuid4(), campaign_id=uuid.uuid4(), user_id=uuid.uuid4(), key="in/jo",
                       name="Jo Bloggs", company="Initech")
    assert render("Hi {first_name}, fellow {company} fan?", t, limit=300) == "Hi Jo, fellow Initech fan?"
    with pytest.raises(ValidationFailed):
        render("{name}" + "x" * 295, t, limit=300)
    with pytest.raises(ValidationFailed):
        CampaignConfig(note_template="x" * 301)
