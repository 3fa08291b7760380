"""A member's LinkedIn tokens at rest: what each ciphertext is bound to, sealing new tokens into a
connection, and opening the access token for a call."""

from __future__ import annotations

import uuid

import msgspec

from inergize.application.linkedin.deps import LinkedInDeps
from inergize.domain.linkedin.account import LinkedInConnection
from inergize.domain.linkedin.auth import MemberAuth, OAuthTokens


def access_context(user_id: uuid.UUID) -> str:
    return f"linkedin:access:{user_id}"


def refresh_context(user_id: uuid.UUID) -> str:
    return f"linkedin:refresh:{user_id}"


def seal_tokens(ports: LinkedInDeps, conn: LinkedInConnection, tokens: OAuthTokens) -> LinkedInConnection:
    """``conn`` with new tokens. A missing refresh token in the answer keeps the stored one: tokens are
    never overwritten with nothing."""
    box = ports.secret_box
    refresh_enc, refresh_exp = conn.refresh_token_enc, conn.refresh_expires_at
    if tokens.refresh_token:
        refresh_enc = box.encrypt(tokens.refresh_token, context=refresh_context(conn.user_id))
        refresh_exp = tokens.refresh_expires_at
    return msgspec.structs.replace(
        conn,
        access_token_enc=box.encrypt(tokens.access_token, context=access_context(conn.user_id)),
        refresh_token_enc=refresh_enc,
        refresh_expires_at=refresh_exp,
        expires_at=tokens.expires_at,
        scopes=list(tokens.scopes) or conn.scopes,
    )


def member_auth(ports: LinkedInDeps, conn: LinkedInConnection) -> MemberAuth:
    token = ports.secret_box.decrypt(conn.access_token_enc, context=access_context(conn.user_id))
    return MemberAuth(access_token=token, member_urn=conn.member_urn)
