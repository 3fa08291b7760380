from __future__ import annotations

from types import TracebackType
from typing import Any, Protocol, Self

from inergize.ports.audit import AuditLog
from inergize.ports.compliance_repository import CampaignRepository, ComplianceRepository
from inergize.ports.content_versions import (
    AiCallRepository,
    AiJobRepository,
    ContentPreferencesRepository,
    ContentVersionRepository,
)
from inergize.ports.linkedin_repository import LinkedInRepository
from inergize.ports.notifications import NotificationRepository
from inergize.ports.repositories import ContentRepository, IdempotencyRepository, UserRepository
from inergize.ports.scheduling import (
    PublicationRepository,
    ScheduleImportRepository,
    ScheduleSettingsRepository,
)
from inergize.ports.security import SecurityRepository
from inergize.ports.sessions import SessionRepository
from inergize.ports.user_data import UserDataStore


class JobOutbox(Protocol):
    """Jobs enqueued inside a unit of work: written in the same transaction, relayed after commit."""

    def enqueue(self, actor: str, /, **kwargs: Any) -> None: ...


class UnitOfWork(Protocol):
    """One transaction. ``async with uow:`` opens it; ``commit()`` makes it durable; leaving without
    commit rolls back."""

    users: UserRepository
    content: ContentRepository
    idempotency: IdempotencyRepository
    linkedin: LinkedInRepository
    notifications: NotificationRepository
    sessions: SessionRepository
    security: SecurityRepository
    audit: AuditLog
    user_data: UserDataStore  # GDPR
    content_versions: ContentVersionRepository
    ai_calls: AiCallRepository
    ai_jobs: AiJobRepository
    content_preferences: ContentPreferencesRepository
    publications: PublicationRepository
    schedule_settings: ScheduleSettingsRepository
    schedule_imports: ScheduleImportRepository
    compliance: ComplianceRepository
    campaigns: CampaignRepository
    jobs: JobOutbox

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self, *, read_only: bool = False) -> UnitOfWork: ...
