"""GDPR export and erasure over the in-memory unit of work's tables, under the SQL tables' names.

Exported (rows as the SQL export writes them, secret columns left out): users, auth_sessions,
refresh_tokens, one_time_tokens, user_security, mfa_recovery_codes, notifications, audit_log, content,
content_versions. Erased as well, though not exported (the fake keeps fewer columns than the database):
schedule_settings, content_preferences, notification_preferences, idempotency_keys. The audit log is
kept, as in the database. Not covered: pending emails (the fake does not keep their owner) and every
table the fake does not hold; a repository added to the fake adds its table to ``_EXPORTED`` or
``_ERASED_ONLY`` here."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, MutableMapping
from typing import TYPE_CHECKING, Any

import msgspec

from inergize.adapters.persistence.repositories.user_data import is_secret_column

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import Tables

RETAINED = "audit_log"  # the audit must survive the account


def _rows(table: Callable[[Tables], MutableMapping[Any, Any]],
          owned: Callable[[Any, uuid.UUID], bool]) -> Callable[[Tables, uuid.UUID], list[Any]]:
    """The keys of the user's rows in one fake table."""
    return lambda tables, user_id: [k for k, row in table(tables).items() if owned(row, user_id)]


def _by_user_id(row: Any, user_id: uuid.UUID) -> bool:
    return bool(row.user_id == user_id)


def _plain(row: Any) -> dict[str, Any]:
    """The row as JSON reads back (lists, not tuples), without its secret columns."""
    as_json: dict[str, Any] = msgspec.json.decode(msgspec.json.encode(row))
    return {k: v for k, v in as_json.items() if not is_secret_column(k)}


class _Table(msgspec.Struct, frozen=True):
    holder: Callable[[Tables], MutableMapping[Any, Any]]
    keys: Callable[[Tables, uuid.UUID], list[Any]]
    export: Callable[[Any], dict[str, Any]] = _plain


def _table(holder: Callable[[Tables], MutableMapping[Any, Any]], owned: Callable[[Any, uuid.UUID], bool] = _by_user_id,
           export: Callable[[Any], dict[str, Any]] = _plain) -> _Table:
    return _Table(holder, _rows(holder, owned), export)


_EXPORTED: dict[str, _Table] = {
    "users": _table(lambda t: t.users, lambda u, user_id: u.id == user_id),
    "auth_sessions": _table(lambda t: t.auth_sessions),
    "refresh_tokens": _table(lambda t: t.refresh_tokens),
    "one_time_tokens": _table(lambda t: t.one_time_tokens, lambda r, user_id: r.token.user_id == user_id,
                              lambda r: _plain({**msgspec.structs.asdict(r.token), "token_hash": r.token_hash})),
    "user_security": _table(lambda t: t.user_security, lambda r, user_id: r.state.user_id == user_id,
                            lambda r: _plain({**msgspec.structs.asdict(r.state), "updated_at": r.updated_at})),
    "mfa_recovery_codes": _table(lambda t: t.recovery_codes),
    "notifications": _table(lambda t: t.notifications),
    RETAINED: _table(lambda t: t.audit),
    "content": _table(lambda t: t.content),
    "content_versions": _table(lambda t: t.content_versions),
}
_ERASED_ONLY: dict[str, _Table] = {
    "schedule_settings": _Table(lambda t: t.schedule_settings,
                                lambda t, user_id: [user_id] if user_id in t.schedule_settings else []),
    "content_preferences": _table(lambda t: t.content_preferences),
    "notification_preferences": _Table(lambda t: t.notification_preferences,
                                       lambda t, user_id: [k for k in t.notification_preferences if k[0] == user_id]),
    "idempotency_keys": _Table(lambda t: t.idempotency,
                               lambda t, user_id: [k for k in t.idempotency if k[0] == str(user_id)]),
}


class MemoryUserDataStore:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    async def export(self, user_id: uuid.UUID) -> dict[str, list[dict[str, Any]]]:
        return {name: [table.export(table.holder(self._tables)[k]) for k in table.keys(self._tables, user_id)]
                for name, table in _EXPORTED.items()}

    async def erase(self, user_id: uuid.UUID) -> dict[str, int]:
        return {name: _delete(table.holder(self._tables), table.keys(self._tables, user_id))
                for name, table in [*_EXPORTED.items(), *_ERASED_ONLY.items()] if name != RETAINED}


def _delete(rows: MutableMapping[Any, Any], keys: Iterable[Any]) -> int:
    count = 0
    for key in list(keys):
        del rows[key]
        count += 1
    return count
