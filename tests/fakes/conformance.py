"""Every fake beside the port it stands in for. mypy checks each assignment below against the Protocol
(``make lint``), and tests/architecture/test_fakes.py checks the same pairs at run time. The in-memory
unit of work is here as a whole (every repository of the port, each also listed alone), so mypy holds it
to ``UnitOfWork`` and its database to ``UnitOfWorkFactory``."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import get_type_hints

from inergize.domain.accounts.users import Role, UserStatus
from inergize.ports.ai import ImageGenerator, TextGenerator
from inergize.ports.audit import AuditLog
from inergize.ports.blob_store import BlobStore
from inergize.ports.cache import Cache
from inergize.ports.clock import Clock
from inergize.ports.compliance_repository import CampaignRepository, ComplianceRepository
from inergize.ports.content_versions import (
    AiCallRepository,
    AiJobRepository,
    ContentPreferencesRepository,
    ContentVersionRepository,
)
from inergize.ports.email import EmailSender
from inergize.ports.health import HealthCheck
from inergize.ports.jobs import JobLedger, OutboxRelay, PingLog
from inergize.ports.linkedin import LinkedInGateway, SandboxControls
from inergize.ports.linkedin_repository import LinkedInRepository
from inergize.ports.metrics import MetricsExporter
from inergize.ports.moderator import Moderator
from inergize.ports.notifications import NotificationRepository
from inergize.ports.passwords import PasswordHasher
from inergize.ports.past_posts import PastPosts
from inergize.ports.read_cache import ReadCache
from inergize.ports.renderers import BannerRenderer, CarouselRenderer, PdfPages
from inergize.ports.repositories import ContentRepository, IdempotencyRepository, UserRepository
from inergize.ports.scheduling import (
    PublicationRepository,
    ScheduleImportRepository,
    ScheduleSettingsRepository,
)
from inergize.ports.secret_box import SecretBox
from inergize.ports.security import AccessState, SecurityRepository
from inergize.ports.sessions import SessionRepository
from inergize.ports.task_queue import TaskQueue
from inergize.ports.tokens import TokenService
from inergize.ports.totp import TotpService
from inergize.ports.unit_of_work import JobOutbox, UnitOfWork, UnitOfWorkFactory
from inergize.ports.user_data import UserDataStore
from inergize.ports.workbook import WorkbookReader
from tests.fakes.accounts_repositories import MemoryAccessState, MemorySecurityRepository, MemorySessionRepository
from tests.fakes.ai import FakePastPosts, ScriptedImageGenerator, ScriptedTextGenerator, WordModerator
from tests.fakes.ai_repositories import MemoryAiCallRepository, MemoryAiJobRepository
from tests.fakes.blob_store import MemoryBlobStore
from tests.fakes.cache import FakeCache
from tests.fakes.clock import FakeClock
from tests.fakes.compliance_repositories import MemoryCampaignRepository, MemoryComplianceRepository
from tests.fakes.documents import BlankPdfPages, PlainBannerRenderer, PlainCarouselRenderer
from tests.fakes.email import RecordingEmailSender
from tests.fakes.jobs import MemoryJobLedger, MemoryPingLog, RecordingTaskQueue
from tests.fakes.linkedin_gateway import FakeLinkedInGateway
from tests.fakes.linkedin_repositories import MemoryLinkedInRepository
from tests.fakes.operations import CountingMetrics, FakeHealthCheck
from tests.fakes.outbox_relay import MemoryOutboxRelay
from tests.fakes.passwords import FakePasswordHasher
from tests.fakes.read_cache import FakeReadCache
from tests.fakes.scheduling_repositories import MemoryPublicationRepository, MemoryScheduleImportRepository
from tests.fakes.secret_box import FakeSecretBox
from tests.fakes.tokens import FakeTokenService
from tests.fakes.totp import FakeTotp
from tests.fakes.unit_of_work import (
    InMemoryDatabase,
    MemoryAuditLog,
    MemoryContentPreferencesRepository,
    MemoryContentRepository,
    MemoryContentVersionRepository,
    MemoryIdempotencyRepository,
    MemoryNotificationRepository,
    MemoryOutbox,
    MemoryScheduleSettingsRepository,
    MemoryUserRepository,
    Tables,
)
from tests.fakes.user_data import MemoryUserDataStore
from tests.fakes.workbook import StoredWorkbookReader

# One annotated tuple: mypy checks each fake against the port in the same place of the annotation, and
# fakes_by_port() reads the ports back from that annotation, so the pairs are written once.
_TABLES = Tables()
FAKES: tuple[
    Clock, Cache, BlobStore, PasswordHasher, SecretBox, TaskQueue, JobLedger, PingLog, HealthCheck,
    MetricsExporter, TextGenerator, ImageGenerator, PastPosts, Moderator, EmailSender, UserRepository,
    ContentRepository, ContentVersionRepository, IdempotencyRepository, JobOutbox, ContentPreferencesRepository,
    AuditLog, ScheduleSettingsRepository, NotificationRepository, ReadCache,
    OutboxRelay, CarouselRenderer, BannerRenderer, PdfPages, WorkbookReader,
    LinkedInRepository, AiCallRepository, AiJobRepository,
    PublicationRepository, ScheduleImportRepository,
    ComplianceRepository, CampaignRepository,
    SessionRepository, SecurityRepository, AccessState, UserDataStore, TokenService, TotpService,
    LinkedInGateway, SandboxControls, UnitOfWorkFactory, UnitOfWork,
] = (
    FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC)), FakeCache(FakeClock()), MemoryBlobStore(),
    FakePasswordHasher(), FakeSecretBox(), RecordingTaskQueue(), MemoryJobLedger(FakeClock()), MemoryPingLog(),
    FakeHealthCheck(), CountingMetrics(), ScriptedTextGenerator(), ScriptedImageGenerator(), FakePastPosts(),
    WordModerator(), RecordingEmailSender(), MemoryUserRepository(_TABLES), MemoryContentRepository(_TABLES),
    MemoryContentVersionRepository(_TABLES), MemoryIdempotencyRepository(_TABLES), MemoryOutbox(_TABLES),
    MemoryContentPreferencesRepository(_TABLES), MemoryAuditLog(_TABLES), MemoryScheduleSettingsRepository(_TABLES),
    MemoryNotificationRepository(_TABLES), FakeReadCache(FakeClock()),
    MemoryOutboxRelay(InMemoryDatabase(), FakeClock(), RecordingTaskQueue()), PlainCarouselRenderer(),
    PlainBannerRenderer(), BlankPdfPages(), StoredWorkbookReader(),
    MemoryLinkedInRepository(_TABLES), MemoryAiCallRepository(_TABLES), MemoryAiJobRepository(_TABLES),
    MemoryPublicationRepository(_TABLES), MemoryScheduleImportRepository(_TABLES),
    MemoryComplianceRepository(_TABLES), MemoryCampaignRepository(_TABLES),
    MemorySessionRepository(_TABLES), MemorySecurityRepository(_TABLES),
    MemoryAccessState(UserStatus.ACTIVE, Role.MEMBER, None, False), MemoryUserDataStore(_TABLES),
    FakeTokenService(), FakeTotp(),
    FakeLinkedInGateway(), FakeLinkedInGateway(), InMemoryDatabase(), InMemoryDatabase()(),
)


def fakes_by_port() -> list[tuple[type, object]]:
    """(Protocol, a fake of it) for every port that has a fake."""
    ports = get_type_hints(sys.modules[__name__])["FAKES"].__args__
    return list(zip(ports, FAKES, strict=True))
