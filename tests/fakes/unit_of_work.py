"""An in-memory unit of work with in-memory repositories, for rule-heavy use-case tests.

Each unit of work works on a private copy of the database taken when it opens; ``commit()`` makes that
copy the database, leaving without commit (or ``rollback()``) throws it away, and a read-only unit never
writes back. Commits are last-writer-wins: exactly-once and concurrency tests stay on SQLite and
PostgreSQL, where the database's own locking is what is under test."""

from __future__ import annotations

import copy
import pickle
import uuid
from datetime import datetime
from types import TracebackType
from typing import Any, Self

import msgspec

from inergize.domain.accounts.security import AuditEvent, AuthSession
from inergize.domain.accounts.users import User
from inergize.domain.ai.generation import AiCall, AiJob, ContentPreferences
from inergize.domain.content.library import Content, ContentFilter, ContentVersion
from inergize.domain.linkedin.account import LinkedInConnection, LinkedInIdentityLink, LinkedInProfile, OAuthState
from inergize.domain.linkedin.direct_posts import DirectPost
from inergize.domain.notifications.notification import Notification, NotificationPreference
from inergize.domain.platform.errors import PreconditionFailed
from inergize.domain.platform.idempotency import StoredResponse
from inergize.domain.platform.pagination import Page
from inergize.domain.scheduling.publication import Publication
from inergize.domain.scheduling.schedules import ScheduleSettings
from inergize.ports.audit import AuditLog
from inergize.ports.compliance_repository import CampaignRepository, ComplianceRepository
from inergize.ports.content_versions import (
    AiCallRepository,
    AiJobRepository,
    ContentPreferencesRepository,
    ContentVersionRepository,
)
from inergize.ports.email import EmailMessage
from inergize.ports.linkedin_repository import LinkedInRepository
from inergize.ports.notifications import NotificationRepository
from inergize.ports.repositories import ContentRepository, IdempotencyRepository, UserRepository
from inergize.ports.scheduling import (
    ImportProgress,
    PublicationRepository,
    ScheduleImportRepository,
    ScheduleSettingsRepository,
)
from inergize.ports.security import SecurityRepository
from inergize.ports.sessions import SessionRepository
from inergize.ports.unit_of_work import JobOutbox
from inergize.ports.user_data import UserDataStore
from tests.fakes.accounts_repositories import (
    MemorySecurityRepository,
    MemorySessionRepository,
    OneTimeTokenRow,
    RecoveryCodeRow,
    RefreshTokenRow,
    SecurityRow,
)
from tests.fakes.ai_repositories import MemoryAiCallRepository, MemoryAiJobRepository
from tests.fakes.compliance_repositories import ComplianceTables, MemoryCampaignRepository, MemoryComplianceRepository
from tests.fakes.linkedin_repositories import MemoryLinkedInRepository
from tests.fakes.outbox_relay import Delivery
from tests.fakes.pagination import newest_first_page
from tests.fakes.rows import row_at_version
from tests.fakes.scheduling_repositories import MemoryPublicationRepository, MemoryScheduleImportRepository
from tests.fakes.user_data import MemoryUserDataStore

IN_PROGRESS = 0  # status_code of a reserved Idempotency-Key whose request has not finished


class Tables(msgspec.Struct, kw_only=True):
    """Everything the fake database holds; copied whole when a unit of work opens."""

    users: dict[uuid.UUID, User] = msgspec.field(default_factory=dict)
    content: dict[uuid.UUID, Content] = msgspec.field(default_factory=dict)
    content_versions: dict[uuid.UUID, ContentVersion] = msgspec.field(default_factory=dict)
    idempotency: dict[tuple[str, str], StoredResponse] = msgspec.field(default_factory=dict)
    content_preferences: dict[uuid.UUID, ContentPreferences] = msgspec.field(default_factory=dict)
    audit: dict[uuid.UUID, AuditEvent] = msgspec.field(default_factory=dict)
    schedule_settings: dict[uuid.UUID, ScheduleSettings] = msgspec.field(default_factory=dict)
    notifications: dict[uuid.UUID, Notification] = msgspec.field(default_factory=dict)
    notification_preferences: dict[tuple[uuid.UUID, str], NotificationPreference] = msgspec.field(
        default_factory=dict)
    pending_emails: dict[uuid.UUID, EmailMessage] = msgspec.field(default_factory=dict)
    outbox: list[tuple[uuid.UUID, str, dict[str, Any]]] = msgspec.field(default_factory=list)
    linkedin_connections: dict[uuid.UUID, LinkedInConnection] = msgspec.field(default_factory=dict)  # by user
    linkedin_states: dict[str, OAuthState] = msgspec.field(default_factory=dict)  # by state hash
    linkedin_identities: dict[str, LinkedInIdentityLink] = msgspec.field(default_factory=dict)  # by sub
    linkedin_profiles: dict[uuid.UUID, LinkedInProfile] = msgspec.field(default_factory=dict)  # by user
    linkedin_posts: dict[uuid.UUID, DirectPost] = msgspec.field(default_factory=dict)
    analytics_events: list[dict[str, Any]] = msgspec.field(default_factory=list)
    ai_calls: dict[uuid.UUID, AiCall] = msgspec.field(default_factory=dict)
    ai_jobs: dict[uuid.UUID, AiJob] = msgspec.field(default_factory=dict)
    publications: dict[uuid.UUID, Publication] = msgspec.field(default_factory=dict)
    schedule_imports: dict[uuid.UUID, ImportProgress] = msgspec.field(default_factory=dict)
    compliance: ComplianceTables = msgspec.field(default_factory=ComplianceTables)
    auth_sessions: dict[uuid.UUID, AuthSession] = msgspec.field(default_factory=dict)
    refresh_tokens: dict[str, RefreshTokenRow] = msgspec.field(default_factory=dict)  # by digest
    user_security: dict[uuid.UUID, SecurityRow] = msgspec.field(default_factory=dict)
    one_time_tokens: dict[str, OneTimeTokenRow] = msgspec.field(default_factory=dict)  # by digest
    recovery_codes: dict[uuid.UUID, RecoveryCodeRow] = msgspec.field(default_factory=dict)


class MemoryUserRepository:
    def __init__(self, tables: Tables) -> None:
        self._rows = tables.users

    async def add(self, user: User) -> None:
        if user.id in self._rows or any(u.email == user.email for u in self._rows.values()):
            raise ValueError(f"a user with this id or email exists: {user.email}")  # the unique index
        self._rows[user.id] = copy.deepcopy(user)

    async def get(self, user_id: uuid.UUID) -> User | None:
        return copy.deepcopy(self._rows.get(user_id))

    async def get_by_email(self, email: str) -> User | None:
        return next((copy.deepcopy(u) for u in self._rows.values() if u.email == email), None)

    async def update(self, user: User) -> None:
        stored = self._rows.get(user.id)
        if stored is None or stored.version != user.version:
            raise PreconditionFailed("The account changed meanwhile; read it again and retry.")
        user.version += 1  # as the SQL repository does: the caller's object carries the new version
        self._rows[user.id] = copy.deepcopy(msgspec.structs.replace(user, created_at=stored.created_at))

    async def list(self, *, limit: int, cursor: str | None, words: tuple[str, ...] = ()) -> Page[User]:
        found = [u for u in self._rows.values()
                 if all(any(w.lower() in f.lower() for f in (u.email, u.display_name)) for w in words)]
        return newest_first_page(found, limit, cursor, sort=lambda u: u.created_at, ident=lambda u: u.id)


class MemoryContentRepository:
    def __init__(self, tables: Tables) -> None:
        self._rows = tables.content

    async def add(self, content: Content) -> None:
        self._rows[content.id] = copy.deepcopy(content)

    async def get(self, content_id: uuid.UUID) -> Content | None:
        return copy.deepcopy(self._rows.get(content_id))

    async def update(self, content: Content, *, expected_version: int) -> Content:
        stored = row_at_version(self._rows, content.id, expected_version,
                                "The content changed since you read it; fetch it again.")
        saved = msgspec.structs.replace(content, user_id=stored.user_id, created_at=stored.created_at,
                                        version=expected_version + 1)
        self._rows[content.id] = copy.deepcopy(saved)
        return saved

    async def delete(self, content_id: uuid.UUID) -> bool:
        return self._rows.pop(content_id, None) is not None

    async def list_for_user(self, user_id: uuid.UUID, *, limit: int, cursor: str | None,
                            only: ContentFilter | None = None) -> Page[Content]:
        items = [c for c in self._rows.values() if c.user_id == user_id and _matches(c, only)]
        return newest_first_page(items, limit, cursor, sort=lambda c: c.created_at, ident=lambda c: c.id)


def _matches(item: Content, only: ContentFilter | None) -> bool:
    """Every word in the title or the text (case-insensitive), the kind, the state: the SQL filter."""
    if only is None:
        return True
    text = (item.title.lower(), item.body.lower())
    return (all(any(w.lower() in t for t in text) for w in only.words)
            and (only.kind is None or item.kind == only.kind)
            and (only.state is None or item.state == only.state))


class MemoryContentVersionRepository:
    def __init__(self, tables: Tables) -> None:
        self._rows = tables.content_versions

    async def add(self, version: ContentVersion) -> None:
        if any(v.content_id == version.content_id and v.number == version.number for v in self._rows.values()):
            raise ValueError(f"version {version.number} of {version.content_id} exists")  # the unique index
        self._rows[version.id] = copy.deepcopy(version)

    async def latest(self, content_id: uuid.UUID) -> ContentVersion | None:
        versions = await self.list_for_content(content_id)
        return versions[0] if versions else None

    async def get(self, version_id: uuid.UUID) -> ContentVersion | None:
        return copy.deepcopy(self._rows.get(version_id))

    async def update(self, version: ContentVersion) -> None:
        stored = self._rows.get(version.id)
        if stored is not None:  # only what the SQL update writes: state, moderation, media, data
            self._rows[version.id] = msgspec.structs.replace(
                stored, state=version.state, moderation=copy.deepcopy(version.moderation),
                media=list(version.media), data=copy.deepcopy(version.data))

    async def list_for_content(self, content_id: uuid.UUID) -> list[ContentVersion]:
        return sorted((copy.deepcopy(v) for v in self._rows.values() if v.content_id == content_id),
                      key=lambda v: v.number, reverse=True)  # newest first


class MemoryContentPreferencesRepository:
    def __init__(self, tables: Tables) -> None:
        self._rows = tables.content_preferences

    async def get(self, user_id: uuid.UUID) -> ContentPreferences | None:
        return self._rows.get(user_id)

    async def put(self, prefs: ContentPreferences, now: datetime) -> None:
        self._rows[prefs.user_id] = prefs


class MemoryAuditLog:
    def __init__(self, tables: Tables) -> None:
        self._rows = tables.audit

    async def add(self, event: AuditEvent) -> None:
        self._rows[event.id] = copy.deepcopy(event)

    async def list(self, *, user_id: uuid.UUID | None, limit: int, cursor: str | None) -> Page[AuditEvent]:
        events = [e for e in self._rows.values() if user_id is None or e.user_id == user_id]
        return newest_first_page(events, limit, cursor, sort=lambda e: e.created_at, ident=lambda e: e.id)


class MemoryScheduleSettingsRepository:
    def __init__(self, tables: Tables) -> None:
        self._rows = tables.schedule_settings

    async def get(self, user_id: uuid.UUID) -> ScheduleSettings | None:
        return self._rows.get(user_id)

    async def put(self, user_id: uuid.UUID, settings: ScheduleSettings, now: datetime) -> ScheduleSettings:
        current = self._rows.get(user_id)
        if current is not None and current.version != settings.version:
            raise PreconditionFailed("The schedule settings changed meanwhile; fetch them again.")
        saved = msgspec.structs.replace(settings, version=1 if current is None else settings.version + 1)
        self._rows[user_id] = saved
        return saved

    async def pauses_ended(self, now: datetime, *, limit: int) -> list[uuid.UUID]:
        ended = [(s.paused_until, user_id) for user_id, s in self._rows.items()
                 if s.paused and s.paused_until is not None and s.paused_until <= now]
        return [user_id for _, user_id in sorted(ended)[:limit]]


class MemoryNotificationRepository:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables
        self._rows = tables.notifications

    async def add(self, notification: Notification) -> None:
        self._rows[notification.id] = copy.deepcopy(notification)

    async def get(self, notification_id: uuid.UUID) -> Notification | None:
        return copy.deepcopy(self._rows.get(notification_id))

    def _visible(self, user_id: uuid.UUID, *, unread_only: bool) -> list[Notification]:
        return [n for n in self._rows.values()
                if n.user_id == user_id and n.visible and not (unread_only and n.read_at is not None)]

    async def list_for_user(self, user_id: uuid.UUID, *, limit: int, cursor: str | None,
                            unread_only: bool = False) -> Page[Notification]:
        return newest_first_page(self._visible(user_id, unread_only=unread_only), limit, cursor,
                                 sort=lambda n: n.created_at, ident=lambda n: n.id)

    async def unread_count(self, user_id: uuid.UUID) -> int:
        return len(self._visible(user_id, unread_only=True))

    async def mark_read(self, user_id: uuid.UUID, ids: list[uuid.UUID] | None, now: datetime) -> int:
        # every unread one of the user's, shown or not, as the SQL update does
        unread = [n for n in self._rows.values() if n.user_id == user_id and n.read_at is None
                  and (ids is None or n.id in ids)]
        for n in unread:
            n.read_at = now
        return len(unread)

    async def mark_emailed(self, notification_id: uuid.UUID, now: datetime) -> bool:
        n = self._rows.get(notification_id)
        if n is None or n.emailed_at is not None:
            return False
        n.emailed_at = now
        return True

    async def preferences(self, user_id: uuid.UUID) -> list[NotificationPreference]:
        return sorted((p for (owner, _), p in self._tables.notification_preferences.items() if owner == user_id),
                      key=lambda p: p.kind)

    async def set_preference(self, user_id: uuid.UUID, pref: NotificationPreference, now: datetime) -> None:
        self._tables.notification_preferences[(user_id, pref.kind)] = pref

    async def add_email(self, email_id: uuid.UUID, user_id: uuid.UUID | None, message: EmailMessage,
                        now: datetime) -> None:
        self._tables.pending_emails[email_id] = message

    async def take_email(self, email_id: uuid.UUID) -> EmailMessage | None:
        return self._tables.pending_emails.get(email_id)

    async def drop_email(self, email_id: uuid.UUID) -> None:
        self._tables.pending_emails.pop(email_id, None)


class MemoryIdempotencyRepository:
    def __init__(self, tables: Tables) -> None:
        self._rows = tables.idempotency

    async def get(self, owner: str, key: str) -> StoredResponse | None:
        return self._rows.get((owner, key))

    async def reserve(self, owner: str, key: str, request_hash: str, now: datetime) -> bool:
        if (owner, key) in self._rows:
            return False
        self._rows[(owner, key)] = StoredResponse(request_hash, IN_PROGRESS, b"")
        return True

    async def complete(self, owner: str, key: str, status_code: int, body: bytes) -> None:
        stored = self._rows.get((owner, key))
        if stored is not None:
            self._rows[(owner, key)] = StoredResponse(stored.request_hash, status_code, body)

    async def release(self, owner: str, key: str) -> None:
        stored = self._rows.get((owner, key))
        if stored is not None and stored.status_code == IN_PROGRESS:
            del self._rows[(owner, key)]


class MemoryOutbox:
    """Jobs enqueued in the unit of work; they reach the database's outbox only with the commit."""

    def __init__(self, tables: Tables) -> None:
        self._rows = tables.outbox

    def enqueue(self, actor: str, /, **kwargs: Any) -> None:
        self._rows.append((uuid.uuid4(), actor, kwargs))


def _snapshot(tables: Tables) -> Tables:
    """A deep copy of ``tables``, through pickle: for rows of plain data it is the same copy as
    ``copy.deepcopy`` in well under half the time, and every unit of work opens with one."""
    copied: Tables = pickle.loads(pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL))
    return copied


class InMemoryUnitOfWork:
    """One transaction over a private copy of ``database``; see the module's docstring."""

    users: UserRepository
    content: ContentRepository
    content_versions: ContentVersionRepository
    content_preferences: ContentPreferencesRepository
    idempotency: IdempotencyRepository
    audit: AuditLog
    schedule_settings: ScheduleSettingsRepository
    notifications: NotificationRepository
    compliance: ComplianceRepository
    campaigns: CampaignRepository
    jobs: JobOutbox
    linkedin: LinkedInRepository
    ai_calls: AiCallRepository
    ai_jobs: AiJobRepository
    publications: PublicationRepository
    schedule_imports: ScheduleImportRepository
    sessions: SessionRepository
    security: SecurityRepository
    user_data: UserDataStore

    def __init__(self, database: InMemoryDatabase, *, read_only: bool = False) -> None:
        self._database = database
        self._read_only = read_only
        self._working: Tables | None = None
        self.committed = False

    async def __aenter__(self) -> Self:
        self._working = _snapshot(self._database.tables)
        self._rebind()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        self._working = None  # whatever was not committed is gone

    async def commit(self) -> None:
        if self._working is None:
            raise RuntimeError("commit outside `async with`")
        if not self._read_only:
            self._database.tables = self._working
            self._working = _snapshot(self._working)  # later writes in this unit need another commit
            self._rebind()
            self.committed = True

    async def rollback(self) -> None:
        if self._working is not None:
            self._working = _snapshot(self._database.tables)
            self._rebind()

    def _rebind(self) -> None:
        assert self._working is not None
        self.users = MemoryUserRepository(self._working)
        self.content = MemoryContentRepository(self._working)
        self.content_versions = MemoryContentVersionRepository(self._working)
        self.content_preferences = MemoryContentPreferencesRepository(self._working)
        self.idempotency = MemoryIdempotencyRepository(self._working)
        self.audit = MemoryAuditLog(self._working)
        self.schedule_settings = MemoryScheduleSettingsRepository(self._working)
        self.notifications = MemoryNotificationRepository(self._working)
        self.compliance = MemoryComplianceRepository(self._working)
        self.campaigns = MemoryCampaignRepository(self._working)
        self.jobs = MemoryOutbox(self._working)
        self.linkedin = MemoryLinkedInRepository(self._working)
        self.ai_calls = MemoryAiCallRepository(self._working)
        self.ai_jobs = MemoryAiJobRepository(self._working)
        self.publications = MemoryPublicationRepository(self._working)
        self.schedule_imports = MemoryScheduleImportRepository(self._working)
        self.sessions = MemorySessionRepository(self._working)
        self.security = MemorySecurityRepository(self._working)
        self.user_data = MemoryUserDataStore(self._working)


class InMemoryDatabase:
    """The fake database: what committed units of work left behind. Calling it opens a unit of work, so
    it serves as the ``UnitOfWorkFactory`` use cases take."""

    def __init__(self) -> None:
        self.tables = Tables()
        self.deliveries: dict[uuid.UUID, Delivery] = {}  # the outbox relay's, outside any unit of work

    def __call__(self, *, read_only: bool = False) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self, read_only=read_only)

    def jobs(self, actor: str | None = None) -> list[tuple[str, dict[str, Any]]]:
        """Committed outbox jobs, oldest first (of one ``actor`` if given)."""
        return [(a, kw) for _, a, kw in self.tables.outbox if actor is None or a == actor]
