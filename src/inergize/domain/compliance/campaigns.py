"""Campaigns: connection-request and engagement campaigns, their targets and the steps the engine runs."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

import msgspec

from inergize.domain.compliance.actions import ActionType
from inergize.domain.compliance.targets import Target
from inergize.domain.linkedin.network import ReactionType
from inergize.domain.platform.errors import ValidationFailed

NOTE_LIMIT = 300
_PLACEHOLDER = re.compile(r"\{(first_name|last_name|name|company|headline)\}")


class CampaignKind(StrEnum):
    CONNECTION = "connection"
    ENGAGEMENT = "engagement"


class CampaignState(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class StepKind(StrEnum):
    INVITE = "invite"
    FOLLOW_UP = "follow_up"
    WITHDRAW = "withdraw"
    REACT = "react"
    COMMENT = "comment"


STEP_ACTION: dict[StepKind, ActionType] = {
    StepKind.INVITE: ActionType.INVITATION, StepKind.FOLLOW_UP: ActionType.MESSAGE,
    StepKind.REACT: ActionType.REACTION, StepKind.COMMENT: ActionType.COMMENT,
}  # withdrawing an invitation is housekeeping, not outreach: it spends no budget


class StepState(StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    AWAITING_USER = "awaiting_user"  # assisted mode: the user performs it from the task list
    DONE = "done"
    SKIPPED = "skipped"
    FAILED = "failed"
    CANCELLED = "cancelled"


FINAL_STEP_STATES = frozenset({StepState.DONE, StepState.SKIPPED, StepState.FAILED, StepState.CANCELLED})


class TargetState(StrEnum):
    NEW = "new"
    INVITED = "invited"
    ACCEPTED = "accepted"
    REPLIED = "replied"
    WITHDRAWN = "withdrawn"
    ENGAGED = "engaged"
    SKIPPED = "skipped"


class FollowUp(msgspec.Struct, frozen=True, kw_only=True):
    after_days: float
    template: str


class CampaignConfig(msgspec.Struct, frozen=True, kw_only=True):
    note_template: str = ""
    follow_ups: tuple[FollowUp, ...] = ()
    withdraw_after_days: float = 21
    reaction: str = "LIKE"
    comment_template: str = ""
    daily_volume: int = 15
    seed: int = 0

    def __post_init__(self) -> None:
        if len(self.note_template) > NOTE_LIMIT:
            raise ValidationFailed(f"An invitation note is at most {NOTE_LIMIT} characters.",
                                   field="note_template")
        if not 1 <= self.withdraw_after_days <= 90:
            raise ValidationFailed("Withdraw pending invitations after 1–90 days.",
                                   field="withdraw_after_days")
        if any(f.after_days <= 0 or not f.template.strip() for f in self.follow_ups):
            raise ValidationFailed("Each follow-up needs a positive delay and a message.", field="follow_ups")
        if self.reaction not in {r.value for r in ReactionType}:
            raise ValidationFailed("Unknown reaction.", field="reaction")
        if not 1 <= self.daily_volume <= 100:
            raise ValidationFailed("The daily volume is 1–100.", field="daily_volume")


class Campaign(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    user_id: uuid.UUID
    kind: CampaignKind
    name: str
    state: CampaignState
    config: CampaignConfig
    assisted: bool = False
    created_at: datetime
    updated_at: datetime
    version: int = 1


class CampaignTarget(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    campaign_id: uuid.UUID
    user_id: uuid.UUID
    key: str
    name: str = ""
    company: str = ""
    headline: str = ""
    state: TargetState = TargetState.NEW
    invited_at: datetime | None = None
    data: dict[str, Any] = msgspec.field(default_factory=dict)

    def as_target(self) -> Target:
        return Target(key=self.key, name=self.name, company=self.company, headline=self.headline)


class CampaignStep(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    campaign_id: uuid.UUID
    user_id: uuid.UUID
    target_id: uuid.UUID
    kind: StepKind
    state: StepState
    planned_at: datetime
    sequence: int = 0
    text: str = ""
    outcome: dict[str, Any] = msgspec.field(default_factory=dict)
    executed_at: datetime | None = None
    attempts: int = 0


def render(template: str, target: CampaignTarget, *, limit: int | None = None) -> str:
    """Fill ``{first_name}``, ``{name}``, ``{company}``… from the target; ``ValidationFailed`` if the result
    is longer than ``limit`` (so a long name never produces a note LinkedIn would cut)."""
    first, _, last = target.name.partition(" ")
    values = {"first_name": first, "last_name": last, "name": target.name, "company": target.company,
              "headline": target.headline}
    text = _PLACEHOLDER.sub(lambda m: values[m.group(1)], template).strip()
    if limit is not None and len(text) > limit:
        raise ValidationFailed(f"The personalised text is {len(text)} characters; the limit is {limit}.")
    return text


def stops_follow_ups(state: TargetState) -> bool:
    """Follow-ups go only to people who accepted and have not replied (a reply ends the sequence)."""
    return state is not TargetState.ACCEPTED
