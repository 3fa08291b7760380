"""Account safety for automation: action budgets, pacing plans, allow/deny lists, verdicts, account
health and auto-pause rules, and the campaigns that run under them. Pure: ``now`` is a parameter."""

from inergize.domain.compliance.actions import ActionBudget, ActionType, action_budget
from inergize.domain.compliance.calendar import Schedule, local_day, next_open, why_closed
from inergize.domain.compliance.health import (
    HealthInputs,
    HealthScore,
    Outcome,
    OutcomeEvent,
    PauseRules,
    health_score,
    pause_reason,
)
from inergize.domain.compliance.pacing import PacingPolicy, plan_slots
from inergize.domain.compliance.targets import Target, TargetLists, target_key
from inergize.domain.compliance.verdicts import ActionRequest, ComplianceProfile, Verdict, precheck

__all__ = [
    "ActionBudget", "ActionRequest", "ActionType", "ComplianceProfile", "HealthInputs", "HealthScore",
    "Outcome", "OutcomeEvent", "PacingPolicy", "PauseRules", "Schedule", "Target", "TargetLists", "Verdict",
    "action_budget", "health_score", "local_day", "next_open", "pause_reason", "plan_slots", "precheck",
    "target_key", "why_closed",
]
