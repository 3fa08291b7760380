"""Request and response bodies of the account routes. Every string is bounded (a huge value is a 400
before any work is done) and unknown fields are refused."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

import msgspec
from litestar import Request

from inergize.application.accounts import TokenPair
from inergize.domain.accounts.data_export import DataExport
from inergize.domain.accounts.security import AuditEvent, AuthSession, ClientInfo
from inergize.domain.accounts.users import User
from inergize.entrypoints.http.schemas import RequestBody, ResponseBody

Email = Annotated[str, msgspec.Meta(min_length=3, max_length=254)]
Password = Annotated[str, msgspec.Meta(min_length=1, max_length=1024)]
Token = Annotated[str, msgspec.Meta(min_length=1, max_length=256)]
Code = Annotated[str, msgspec.Meta(min_length=1, max_length=16)]
RecoveryCode = Annotated[str, msgspec.Meta(min_length=1, max_length=32)]
Name = Annotated[str, msgspec.Meta(max_length=200)]
ShortText = Annotated[str, msgspec.Meta(max_length=100)]
Zone = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
HHMM = Annotated[str, msgspec.Meta(min_length=5, max_length=5)]
Day = Annotated[int, msgspec.Meta(ge=1, le=7)]


def client_info(request: Request[Any, Any, Any]) -> ClientInfo:
    agent = request.headers.get("user-agent")
    return ClientInfo(
        ip=request.client.host if request.client else None, user_agent=agent[:300] if agent else None
    )


class Accepted(ResponseBody):
    detail: str


class TokensOut(ResponseBody, kw_only=True):
    access_token: str
    refresh_token: str | None  # null in cookie mode: the token is in the inergize_refresh cookie
    token_type: str = "Bearer"
    expires_in: int
    session_id: uuid.UUID


class LoginOut(ResponseBody, kw_only=True, omit_defaults=True):
    mfa_required: bool = False
    mfa_token: str | None = None
    access_token: str | None = None
    # UNSET is left out with the MFA step; None (cookie mode: the token is in a cookie) is sent as null
    refresh_token: str | msgspec.UnsetType | None = msgspec.UNSET
    token_type: str | None = None
    expires_in: int | None = None
    session_id: uuid.UUID | None = None


def tokens_out(pair: TokenPair) -> TokensOut:
    return TokensOut(
        access_token=pair.access_token,
        refresh_token=pair.refresh_token,
        expires_in=pair.expires_in,
        session_id=pair.session_id,
    )


class WorkingHoursBody(RequestBody, kw_only=True):
    start: HHMM = "09:00"
    end: HHMM = "17:30"
    days: Annotated[list[Day], msgspec.Meta(min_length=1, max_length=7)] = msgspec.field(
        default_factory=lambda: [1, 2, 3, 4, 5]
    )


class WorkingHoursOut(ResponseBody, kw_only=True):
    start: str
    end: str
    days: list[int]


class ProfileOut(ResponseBody, kw_only=True):
    id: uuid.UUID
    email: str
    email_verified: bool
    role: str
    status: str
    display_name: str
    timezone: str
    industry: str | None
    job_role: str | None
    tone: str | None
    working_hours: WorkingHoursOut
    tier: str
    created_at: datetime
    version: int


def profile_out(user: User) -> ProfileOut:
    wh = user.working_hours
    return ProfileOut(
        id=user.id,
        email=user.email,
        email_verified=user.email_verified_at is not None,
        role=user.role.value,
        status=user.status.value,
        display_name=user.display_name,
        timezone=user.timezone,
        industry=user.industry,
        job_role=user.job_role,
        tone=user.tone,
        working_hours=WorkingHoursOut(start=wh.start, end=wh.end, days=list(wh.days)),
        tier=user.tier,
        created_at=user.created_at,
        version=user.version,
    )


class UserPageOut(ResponseBody):
    items: list[ProfileOut]
    next_cursor: str | None


class SessionOut(ResponseBody, kw_only=True):
    id: uuid.UUID
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    ip: str | None
    user_agent: str | None
    current: bool


def session_out(s: AuthSession, current: uuid.UUID | None) -> SessionOut:
    return SessionOut(
        id=s.id,
        created_at=s.created_at,
        last_used_at=s.last_used_at,
        expires_at=s.expires_at,
        ip=s.ip,
        user_agent=s.user_agent,
        current=s.id == current,
    )


class AuditOut(ResponseBody, kw_only=True):
    id: uuid.UUID
    user_id: uuid.UUID | None
    actor_id: uuid.UUID | None
    action: str
    detail: dict[str, Any]
    ip: str | None
    user_agent: str | None
    created_at: datetime


def audit_out(e: AuditEvent) -> AuditOut:
    return AuditOut(
        id=e.id,
        user_id=e.user_id,
        actor_id=e.actor_id,
        action=e.action,
        detail=dict(e.detail),
        ip=e.ip,
        user_agent=e.user_agent,
        created_at=e.created_at,
    )


class AuditPageOut(ResponseBody):
    items: list[AuditOut]
    next_cursor: str | None


NO_STORE = {"Cache-Control": "no-store"}  # responses carrying secrets (tokens, recovery codes)


class DataExportOut(ResponseBody, kw_only=True):
    """Everything stored about you (``format`` names this document's version): table name → your rows."""

    format: str
    user_id: uuid.UUID
    exported_at: str  # ISO 8601 with its UTC offset, as Python writes it
    tables: dict[str, list[dict[str, Any]]]


def data_export_out(export: DataExport) -> DataExportOut:
    return DataExportOut(format=export.format, user_id=export.user_id, exported_at=export.exported_at.isoformat(),
                         tables=export.tables)


class ProfilePatch(RequestBody, kw_only=True):
    display_name: Name | None = None
    timezone: Zone | None = None
    industry: ShortText | None = None
    job_role: ShortText | None = None
    tone: ShortText | None = None
    working_hours: WorkingHoursBody | None = None


class PasswordChangeIn(RequestBody, kw_only=True):
    current_password: Password
    new_password: Password


class EmailChangeIn(RequestBody, kw_only=True):
    password: Password
    new_email: Email


class MfaStatusOut(ResponseBody, kw_only=True):
    enabled: bool
    pending: bool
    recovery_codes_left: int


class EnrolmentOut(ResponseBody, kw_only=True):
    secret: str
    otpauth_uri: str
    qr_png_base64: str


class RecoveryCodesOut(ResponseBody):
    recovery_codes: list[str]


class CodeIn(RequestBody):
    code: Code


class ReauthIn(RequestBody, kw_only=True):
    password: Password
    code: Code | None = None
    recovery_code: RecoveryCode | None = None


class DeleteIn(ReauthIn):
    pass  # deleting the account asks for the same proof as turning two-step verification off


class QuotasOut(ResponseBody, kw_only=True):
    posts_per_month: int | None
    scheduled_posts: int | None
    ai_tokens_per_month: int
    ai_budget_usd_cents_per_month: int
    ai_images_per_month: int
    automation_actions_per_day_multiplier: float
    team_seats: int
    linkedin_accounts: int
    content_library_items: int | None
    analytics_history_days: int


class UserTierOut(ResponseBody, kw_only=True):
    user_id: uuid.UUID
    tier: str
    quotas: QuotasOut


class TierIn(RequestBody, kw_only=True):
    tier: str


class RegisterIn(RequestBody, kw_only=True):
    email: Email
    password: Password
    display_name: Name = ""


class EmailIn(RequestBody):
    email: Email


class TokenIn(RequestBody):
    token: Token


class LoginIn(RequestBody):
    email: Email
    password: Password


class MfaLoginIn(RequestBody, kw_only=True):
    mfa_token: Token
    code: Code | None = None
    recovery_code: RecoveryCode | None = None


class RefreshIn(RequestBody):
    refresh_token: Token


class CookieRefreshIn(RequestBody):
    """Refresh in cookie mode: the token comes from the inergize_refresh cookie, so the body is ``{}``."""


class ResetIn(RequestBody, kw_only=True):
    token: Token
    new_password: Password
    code: Code | None = None
    recovery_code: RecoveryCode | None = None
