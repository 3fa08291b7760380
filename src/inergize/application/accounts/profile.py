"""The user's own profile and preferences: name, IANA time zone, industry, role, tone, working hours."""

from __future__ import annotations

import msgspec

from inergize.application.accounts.deps import AccountDeps
from inergize.domain.accounts.security import check_timezone, check_working_hours
from inergize.domain.accounts.users import Principal, User, WorkingHours
from inergize.domain.platform.errors import NotFound, PreconditionFailed, ValidationFailed

MAX_TEXT = 100


class ProfileChange(msgspec.Struct, frozen=True, kw_only=True):
    """Fields to change; None leaves a field as it is, "" clears an optional text."""

    display_name: str | None = None
    timezone: str | None = None
    industry: str | None = None
    job_role: str | None = None
    tone: str | None = None
    working_hours: WorkingHours | None = None


def _text(value: str, field: str, limit: int = MAX_TEXT) -> str | None:
    value = value.strip()
    if len(value) > limit:
        raise ValidationFailed(f"{field} must be at most {limit} characters.", field=field)
    return value or None


async def get_profile(*, principal: Principal, ports: AccountDeps) -> User:
    async with ports.uow_factory(read_only=True) as uow:
        user = await uow.users.get(principal.user_id)
    if user is None:
        raise NotFound("No such account.")
    return user


async def update_profile(
    change: ProfileChange, *, expected_version: int, principal: Principal, ports: AccountDeps
) -> User:
    """Apply ``change`` if the caller saw the current version (``PreconditionFailed`` otherwise)."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        user = await uow.users.get(principal.user_id)
        if user is None:
            raise NotFound("No such account.")
        if user.version != expected_version:
            raise PreconditionFailed("Your profile changed since you read it; fetch it again.")
        if change.display_name is not None:
            user.display_name = _text(change.display_name, "displayName", 200) or ""
        if change.timezone is not None:
            user.timezone = check_timezone(change.timezone)
        if change.industry is not None:
            user.industry = _text(change.industry, "industry")
        if change.job_role is not None:
            user.job_role = _text(change.job_role, "jobRole")
        if change.tone is not None:
            user.tone = _text(change.tone, "tone")
        if change.working_hours is not None:
            user.working_hours = check_working_hours(change.working_hours)
        user.updated_at = now
        await uow.users.update(user)
        await uow.commit()
    return user
