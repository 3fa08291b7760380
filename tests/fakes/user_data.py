"""GDPR export and erasure over the in-memory unit of work's tables, under the SQL tables' names.

Exported (rows as the SQL export writes them, secret columns left out) and erased: every table in
``_TABLES`` with an ``export``: users, auth_sessions, refresh_tokens, one_time_tokens, user_security,
mfa_recovery_codes, notifications, content, content_versions, linkedin_connections,
linkedin_oauth_states, linkedin_identities, linkedin_posts, ai_calls, ai_jobs, publications,
schedule_imports, compliance_logs, campaigns; and audit_log, exported and kept, as in the database.
Erased but not exported (the fake keeps other columns than the database): schedule_settings,
content_preferences, notification_preferences, idempotency_keys, linkedin_profiles, analytics_events,
automation_accounts, automation_logs, automation_contacts, campaign_targets, campaign_steps. Not
covered: pending emails (the fake does not keep their owner). A table added to the fake adds a line here."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import msgspec

from inergize.adapters.persistence.repositories.user_data import is_secret_column

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import Tables

RETAINED = "audit_log"  # the audit must survive the account
Owned = Callable[[Any, Any, uuid.UUID], bool]  # (key, row, user id): is the row the user's?


def _plain(row: Any) -> dict[str, Any]:
    """The row as JSON reads back (lists, not tuples), without its secret columns."""
    as_json: dict[str, Any] = msgspec.json.decode(msgspec.json.encode(row))
    return {k: v for k, v in as_json.items() if not is_secret_column(k)}


def _flat(inner: str, **extra: str) -> Callable[[Any], dict[str, Any]]:
    """Export a row that wraps a domain struct (``inner``) plus columns of its own (``extra``)."""
    return lambda row: _plain({**msgspec.structs.asdict(getattr(row, inner)),
                               **{column: getattr(row, field) for column, field in extra.items()}})


def _by_user_id(key: Any, row: Any, user_id: uuid.UUID) -> bool:
    return bool(row.user_id == user_id)


def _by_key(key: Any, row: Any, user_id: uuid.UUID) -> bool:
    return bool(key == user_id)


def _by_key_head(key: Any, row: Any, user_id: uuid.UUID) -> bool:
    return bool(key[0] == user_id or key[0] == str(user_id))


def _inner(name: str) -> Owned:
    return lambda key, row, user_id: bool(getattr(row, name).user_id == user_id)


class _Table(msgspec.Struct, frozen=True):
    """Where one SQL table's rows are in the fake (a dict of rows, a list or a set) and which are the user's."""

    holder: Callable[[Tables], Any]
    owned: Owned = _by_user_id
    export: Callable[[Any], dict[str, Any]] | None = _plain  # None: erased, not exported

    def mine(self, tables: Tables, user_id: uuid.UUID) -> list[tuple[Any, Any]]:
        rows = self.holder(tables)
        pairs = rows.items() if isinstance(rows, dict) else ((row, row) for row in rows)
        return [(key, row) for key, row in pairs if self.owned(key, row, user_id)]


_TABLES: dict[str, _Table] = {
    "users": _Table(lambda t: t.users, _by_key),
    "auth_sessions": _Table(lambda t: t.auth_sessions),
    "refresh_tokens": _Table(lambda t: t.refresh_tokens),
    "one_time_tokens": _Table(lambda t: t.one_time_tokens, _inner("token"), _flat("token", token_hash="token_hash")),
    "user_security": _Table(lambda t: t.user_security, _inner("state"), _flat("state", updated_at="updated_at")),
    "mfa_recovery_codes": _Table(lambda t: t.recovery_codes),
    "notifications": _Table(lambda t: t.notifications),
    RETAINED: _Table(lambda t: t.audit),
    "content": _Table(lambda t: t.content),
    "content_versions": _Table(lambda t: t.content_versions),
    "linkedin_connections": _Table(lambda t: t.linkedin_connections),
    "linkedin_oauth_states": _Table(lambda t: t.linkedin_states),
    "linkedin_identities": _Table(lambda t: t.linkedin_identities),
    "linkedin_posts": _Table(lambda t: t.linkedin_posts),
    "ai_calls": _Table(lambda t: t.ai_calls),
    "ai_jobs": _Table(lambda t: t.ai_jobs),
    "publications": _Table(lambda t: t.publications),
    "schedule_imports": _Table(lambda t: t.schedule_imports),
    "compliance_logs": _Table(lambda t: t.compliance.logs),
    "campaigns": _Table(lambda t: t.compliance.campaigns),
    "schedule_settings": _Table(lambda t: t.schedule_settings, _by_key, None),
    "content_preferences": _Table(lambda t: t.content_preferences, _by_user_id, None),
    "notification_preferences": _Table(lambda t: t.notification_preferences, _by_key_head, None),
    "idempotency_keys": _Table(lambda t: t.idempotency, _by_key_head, None),
    "linkedin_profiles": _Table(lambda t: t.linkedin_profiles, _by_user_id, None),
    "analytics_events": _Table(lambda t: t.analytics_events, lambda k, row, user_id: row["user_id"] == user_id, None),
    "automation_accounts": _Table(lambda t: t.compliance.accounts, _by_user_id, None),
    "automation_logs": _Table(lambda t: t.compliance.outcomes, _by_user_id, None),
    "automation_contacts": _Table(lambda t: t.compliance.contacts, _by_key_head, None),
    "campaign_targets": _Table(lambda t: t.compliance.targets, _inner("target"), None),
    "campaign_steps": _Table(lambda t: t.compliance.steps, _inner("step"), None),
}


class MemoryUserDataStore:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    async def export(self, user_id: uuid.UUID) -> dict[str, list[dict[str, Any]]]:
        return {name: [table.export(row) for _, row in table.mine(self._tables, user_id)]
                for name, table in _TABLES.items() if table.export is not None}

    async def erase(self, user_id: uuid.UUID) -> dict[str, int]:
        counts = {}
        for name, table in _TABLES.items():
            if name == RETAINED:
                continue
            mine, rows = table.mine(self._tables, user_id), table.holder(self._tables)
            for key, row in mine:
                if isinstance(rows, dict):
                    del rows[key]
                else:
                    rows.remove(row)
            counts[name] = len(mine)
        return counts
