"""Sessions with their refresh tokens, and the security state, one-time tokens and recovery codes, over
the in-memory unit of work's tables: each method does what the SQL repository's statement does."""

from __future__ import annotations

import copy
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

import msgspec

from inergize.domain.accounts.security import AuthSession, OneTimeToken, SecurityState, TokenPurpose
from inergize.domain.accounts.users import Role, UserStatus
from tests.fakes.rows import insert_row

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import Tables

MAX_ACTIVE_SESSIONS = 200  # list_active's LIMIT


class RefreshTokenRow(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    session_id: uuid.UUID
    user_id: uuid.UUID
    token_hash: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


class OneTimeTokenRow(msgspec.Struct, kw_only=True):
    token: OneTimeToken
    token_hash: str


class SecurityRow(msgspec.Struct, kw_only=True):
    state: SecurityState
    updated_at: datetime


class RecoveryCodeRow(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    user_id: uuid.UUID
    code_hash: str
    created_at: datetime
    used_at: datetime | None = None


class MemoryAccessState(msgspec.Struct):
    status: UserStatus
    role: Role
    not_before: datetime | None
    session_revoked: bool


class MemorySessionRepository:
    def __init__(self, tables: Tables) -> None:
        self._sessions = tables.auth_sessions
        self._tokens = tables.refresh_tokens

    async def add(self, session: AuthSession) -> None:
        insert_row(self._sessions, session.id, session, "session")

    async def get(self, session_id: uuid.UUID) -> AuthSession | None:
        return copy.deepcopy(self._sessions.get(session_id))

    async def list_active(self, user_id: uuid.UUID, now: datetime) -> list[AuthSession]:
        live = [s for s in self._sessions.values()
                if s.user_id == user_id and s.revoked_at is None and s.expires_at > now]
        live.sort(key=lambda s: (s.created_at, s.id), reverse=True)
        return copy.deepcopy(live[:MAX_ACTIVE_SESSIONS])

    async def add_refresh_token(self, token_id: uuid.UUID, session_id: uuid.UUID, user_id: uuid.UUID, digest: str,
                                now: datetime, expires_at: datetime) -> None:
        if digest in self._tokens or session_id not in self._sessions:
            raise ValueError("the token exists or its session does not")  # the unique index, the foreign key
        self._tokens[digest] = RefreshTokenRow(id=token_id, session_id=session_id, user_id=user_id,
                                               token_hash=digest, created_at=now, expires_at=expires_at)

    async def spend_refresh_token(self, digest: str, now: datetime) -> uuid.UUID | None:
        row = self._tokens.get(digest)
        if row is None or row.used_at is not None or row.expires_at <= now:
            return None
        row.used_at = now
        return row.session_id

    async def refresh_token_session(self, digest: str) -> tuple[uuid.UUID, uuid.UUID, bool] | None:
        row = self._tokens.get(digest)
        return (row.session_id, row.user_id, row.used_at is not None) if row else None

    async def touch(self, session_id: uuid.UUID, now: datetime) -> None:
        session = self._sessions.get(session_id)
        if session is not None:
            session.last_used_at = now

    async def revoke(self, session_id: uuid.UUID, now: datetime, reason: str) -> bool:
        session = self._sessions.get(session_id)
        if session is None or session.revoked_at is not None:
            return False
        session.revoked_at, session.revoked_reason = now, reason
        return True

    async def revoke_all(self, user_id: uuid.UUID, now: datetime, reason: str, keep: uuid.UUID | None = None) -> int:
        ended = [s for s in self._sessions.values()
                 if s.user_id == user_id and s.revoked_at is None and s.id != keep]
        for session in ended:
            session.revoked_at, session.revoked_reason = now, reason
        return len(ended)


class MemorySecurityRepository:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables
        self._rows = tables.user_security
        self._tokens = tables.one_time_tokens
        self._codes = tables.recovery_codes

    async def state(self, user_id: uuid.UUID) -> SecurityState:
        row = self._rows.get(user_id)
        return copy.deepcopy(row.state) if row else SecurityState(user_id=user_id)

    async def save(self, state: SecurityState, now: datetime) -> None:
        self._rows[state.user_id] = SecurityRow(state=copy.deepcopy(state), updated_at=now)

    async def access_state(self, user_id: uuid.UUID, session_id: uuid.UUID | None) -> MemoryAccessState | None:
        user = self._tables.users.get(user_id)
        if user is None:
            return None
        row = self._rows.get(user_id)
        session = self._tables.auth_sessions.get(session_id) if session_id else None
        # as the SQL query: revoked unless the session is the user's own and live
        revoked = session_id is not None and (session is None or session.user_id != user_id
                                              or session.revoked_at is not None)
        return MemoryAccessState(user.status, user.role, row.state.not_before if row else None, revoked)

    async def spend_totp_step(self, user_id: uuid.UUID, step: int) -> bool:
        row = self._rows.get(user_id)  # no stored state: the SQL update matches no row
        if row is None or (row.state.mfa_last_step is not None and row.state.mfa_last_step >= step):
            return False
        row.state.mfa_last_step = step
        return True

    async def add_token(self, token: OneTimeToken, digest: str) -> None:
        if digest in self._tokens:
            raise ValueError("a token with this digest exists")  # the unique index
        self._tokens[digest] = OneTimeTokenRow(token=copy.deepcopy(token), token_hash=digest)

    def _usable(self, digest: str, purpose: TokenPurpose, now: datetime) -> OneTimeToken | None:
        row = self._tokens.get(digest)
        if row is None or row.token.purpose != purpose or row.token.used_at is not None or row.token.expires_at <= now:
            return None
        return row.token

    async def find_token(self, digest: str, purpose: TokenPurpose, now: datetime) -> OneTimeToken | None:
        return copy.deepcopy(self._usable(digest, purpose, now))

    async def spend_token(self, digest: str, purpose: TokenPurpose, now: datetime) -> OneTimeToken | None:
        token = self._usable(digest, purpose, now)
        if token is not None:
            token.used_at = now
        return copy.deepcopy(token)

    async def expire_tokens(self, user_id: uuid.UUID, purpose: TokenPurpose, now: datetime) -> None:
        for row in self._tokens.values():
            if row.token.user_id == user_id and row.token.purpose == purpose and row.token.used_at is None:
                row.token.used_at = now

    async def replace_recovery_codes(self, user_id: uuid.UUID, digests: list[str], now: datetime) -> None:
        for code_id in [i for i, c in self._codes.items() if c.user_id == user_id]:
            del self._codes[code_id]
        if len(set(digests)) != len(digests):
            raise ValueError("a recovery code is repeated")  # the unique index on (user, code)
        for digest in digests:
            code_id = uuid.uuid4()
            self._codes[code_id] = RecoveryCodeRow(id=code_id, user_id=user_id, code_hash=digest, created_at=now)

    async def spend_recovery_code(self, user_id: uuid.UUID, digest: str, now: datetime) -> bool:
        code = next((c for c in self._codes.values()
                     if c.user_id == user_id and c.code_hash == digest and c.used_at is None), None)
        if code is None:
            return False
        code.used_at = now
        return True

    async def recovery_codes_left(self, user_id: uuid.UUID) -> int:
        return sum(1 for c in self._codes.values() if c.user_id == user_id and c.used_at is None)
