"""GDPR export and erasure: one contract over the in-memory unit of work, SQLite and PostgreSQL, on the
tables the fake holds (tests/fakes/user_data.py names them); and the fake's export row for row equal to
the databases' for the same data."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
import pytest

from inergize.adapters.persistence.repositories.user_data import is_secret_column
from inergize.adapters.persistence.tables.base import metadata, retained_tables, user_owned_tables
from inergize.domain.accounts.security import AuditEvent, AuthSession, OneTimeToken, SecurityState, TokenPurpose
from inergize.domain.accounts.users import User
from inergize.domain.ai.generation import AiCall, AiJob, Capability, ContentPreferences
from inergize.domain.compliance.health import Outcome
from inergize.domain.content.library import Content, ContentKind, ContentVersion, ModerationIssue
from inergize.domain.notifications.notification import Notification, NotificationPreference
from inergize.domain.scheduling.schedules import ScheduleSettings
from inergize.ports.compliance_repository import ComplianceLog
from tests.fakes.unit_of_work import InMemoryDatabase, Tables
from tests.fakes.user_data import MemoryUserDataStore
from tests.support.containers import container_on

NOW = datetime(2026, 3, 2, 9, 0, 0, 250_000, tzinfo=UTC)
EXPORTED = ("users", "auth_sessions", "refresh_tokens", "one_time_tokens", "user_security", "mfa_recovery_codes",
            "notifications", "audit_log", "content", "content_versions", "ai_calls", "ai_jobs", "compliance_logs")
AddUser = Callable[..., Awaitable[User]]


async def seed(uow_factory: Any, user: User) -> dict[str, int]:
    """One to three rows of ``user`` in every table the fake holds, the same for the same user (ids and
    digests drawn from the user's id); how many per table."""

    def ident(name: str) -> uuid.UUID:
        return uuid.uuid5(user.id, name)

    session = AuthSession(id=ident("session"), user_id=user.id, created_at=NOW, last_used_at=NOW,
                          expires_at=NOW + timedelta(days=30), ip="203.0.113.7", user_agent="pytest")
    item = Content(id=ident("content"), user_id=user.id, kind=ContentKind.POST, title="Launch", body="We shipped.",
                   data={"tags": ["launch"]}, created_at=NOW, updated_at=NOW)
    async with uow_factory() as uow:
        await uow.sessions.add(session)
        for n in (1, 2):
            await uow.sessions.add_refresh_token(ident(f"rt{n}"), session.id, user.id, f"rt{n}-{user.id.hex}", NOW,
                                                 session.expires_at)
        await uow.security.add_token(OneTimeToken(id=ident("ott"), user_id=user.id, purpose=TokenPurpose.CHANGE_EMAIL,
                                                  data={"new_email": "new@example.com"}, created_at=NOW,
                                                  expires_at=NOW + timedelta(hours=1)), f"ott-{user.id.hex}")
        await uow.security.save(SecurityState(user_id=user.id, not_before=NOW, mfa_secret="enc", mfa_enabled_at=NOW,
                                              mfa_last_step=7, known_devices=["d1"]), NOW)
        await uow.security.replace_recovery_codes(user.id, [f"code{n}-{user.id.hex}" for n in range(3)], NOW)
        await uow.notifications.add(Notification(id=ident("notification"), user_id=user.id, kind="security.new_device",
                                                 title="New sign-in", body="From pytest", created_at=NOW))
        await uow.notifications.set_preference(user.id, NotificationPreference(kind="publishing.failed", email=False),
                                               NOW)
        await uow.audit.add(AuditEvent(id=ident("audit"), user_id=user.id, actor_id=user.id, action="login.succeeded",
                                       detail={"session_id": str(session.id)}, ip="203.0.113.7", user_agent="pytest",
                                       created_at=NOW))
        await uow.content.add(item)
        await uow.content_versions.add(ContentVersion(
            id=ident("version"), content_id=item.id, user_id=user.id, number=1, title="Launch", body="We shipped.",
            media=["m/1.png"], moderation=[ModerationIssue(code="link", detail="a link")], created_at=NOW))
        await uow.content_preferences.put(ContentPreferences(user_id=user.id, banned_phrases=("synergy",)), NOW)
        await uow.schedule_settings.put(user.id, ScheduleSettings(timezone="Europe/Berlin"), NOW)
        assert await uow.idempotency.reserve(str(user.id), "key-1", "hash", NOW)
        await uow.ai_calls.add(AiCall(id=ident("call"), user_id=user.id, capability=Capability.TEXT,
                                      provider="offline", model="offline-1", tokens_in=10, tokens_out=20,
                                      cost_micros=0, outcome="ok", latency_ms=5, created_at=NOW))
        await uow.ai_jobs.add(AiJob(id=ident("job"), user_id=user.id, kind="carousel", params={"slides": 5},
                                    created_at=NOW, updated_at=NOW))
        await uow.compliance.log(ComplianceLog(id=ident("log"), user_id=user.id, kind="pause", verdict="paused",
                                               reason="restricted", detail={"score": 40}, created_at=NOW))
        await uow.compliance.record_outcome(user.id, action="invite", target="urn:li:person:1", outcome=Outcome.SUCCESS,
                                            detail={}, now=NOW)
        assert await uow.linkedin.add_analytics_events(user.id, [
            {"event_type": "impressions", "subject": "urn:li:share:1", "value": n, "occurred_at": NOW,
             "payload": {}, "source": "import", "dedupe_key": f"d{n}"} for n in (1, 2)], NOW) == 2
        await uow.commit()
    return {"users": 1, "auth_sessions": 1, "refresh_tokens": 2, "one_time_tokens": 1, "user_security": 1,
            "mfa_recovery_codes": 3, "notifications": 1, "audit_log": 1, "content": 1, "content_versions": 1,
            "notification_preferences": 1, "content_preferences": 1, "schedule_settings": 1, "idempotency_keys": 1,
            "ai_calls": 1, "ai_jobs": 1, "compliance_logs": 1, "automation_logs": 1, "analytics_events": 2}


async def test_the_export_holds_the_users_rows_without_secrets(uow_factory: Any, add_user: AddUser) -> None:
    user = await add_user(display_name="Ada", password_hash="$argon2id$not-exported")
    other = await add_user()
    expected = await seed(uow_factory, user)
    await seed(uow_factory, other)
    async with uow_factory(read_only=True) as uow:
        exported = await uow.user_data.export(user.id)
    assert {name: len(exported[name]) for name in EXPORTED} == {name: expected[name] for name in EXPORTED}
    for name in EXPORTED:
        columns = {c.name for c in metadata.tables[name].c if not is_secret_column(c.name)}
        assert all(set(row) == columns for row in exported[name]), name  # every column but the secrets
    (me,) = exported["users"]
    assert (me["id"], me["display_name"]) == (str(user.id), "Ada") and "password_hash" not in me
    assert exported["user_security"][0]["known_devices"] == ["d1"] and "mfa_secret" not in exported["user_security"][0]
    assert all(row["user_id"] == str(user.id) for name in EXPORTED if name != "users" for row in exported[name])
    msgspec.json.encode(exported)  # JSON-ready as it is


async def test_erasure_deletes_everything_but_the_audit_and_spares_other_users(
        uow_factory: Any, add_user: AddUser) -> None:
    user, other = await add_user(), await add_user()
    expected = await seed(uow_factory, user)
    await seed(uow_factory, other)
    async with uow_factory() as uow:
        counts = await uow.user_data.erase(user.id)
        await uow.commit()
    assert {name: counts[name] for name in expected if name != "audit_log"} == {
        name: n for name, n in expected.items() if name != "audit_log"}
    assert "audit_log" not in counts
    async with uow_factory(read_only=True) as uow:
        mine, theirs = await uow.user_data.export(user.id), await uow.user_data.export(other.id)
        gone = (await uow.users.get(user.id), await uow.schedule_settings.get(user.id),
                await uow.content_preferences.get(user.id), await uow.notifications.preferences(user.id),
                await uow.idempotency.get(str(user.id), "key-1"), await uow.security.recovery_codes_left(user.id))
        audit = await uow.audit.list(user_id=user.id, limit=10, cursor=None)
    assert {name: len(mine[name]) for name in EXPORTED if mine[name]} == {"audit_log": 1}
    assert gone == (None, None, None, [], None, 0) and [e.action for e in audit.items] == ["login.succeeded"]
    assert {name: len(theirs[name]) for name in EXPORTED} == {name: expected[name] for name in EXPORTED}


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
async def test_the_fakes_export_is_the_databases_row_for_row(
        backend: str, request: pytest.FixtureRequest, _session_containers: dict[str, Any]) -> None:
    database = (await container_on(backend, request, _session_containers)).uow_factory()
    fake = InMemoryDatabase()
    user = User(id=uuid.uuid4(), email=f"{uuid.uuid4().hex}@x.io", display_name="Ada", created_at=NOW, updated_at=NOW)
    exports = []
    for store in (fake, database):
        async with store() as uow:
            await uow.users.add(user)
            await uow.commit()
        await seed(store, user)
        async with store(read_only=True) as uow:
            exports.append(await uow.user_data.export(user.id))

    def by_id(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(rows, key=lambda r: str(r["id"] if "id" in r else r["user_id"]))

    def without_id(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(({k: v for k, v in r.items() if k != "id"} for r in rows), key=lambda r: str(r["created_at"]))

    ours, theirs = exports
    assert {name: by_id(ours[name]) for name in EXPORTED if name != "mfa_recovery_codes"} == {
        name: by_id(theirs[name]) for name in EXPORTED if name != "mfa_recovery_codes"}
    # recovery codes get their ids from the repository
    assert without_id(ours["mfa_recovery_codes"]) == without_id(theirs["mfa_recovery_codes"])


async def test_the_fake_covers_only_user_owned_tables_and_keeps_the_retained_ones() -> None:
    store = MemoryUserDataStore(Tables())
    exported, erased = set(await store.export(uuid.uuid4())), set(await store.erase(uuid.uuid4()))
    assert set(EXPORTED) <= exported and exported | erased <= set(user_owned_tables())
    assert retained_tables() <= exported and not retained_tables() & erased
