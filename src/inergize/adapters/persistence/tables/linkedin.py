"""LinkedIn: connections with encrypted tokens, OAuth states, sign-in identities, direct
publications, and the sandbox's simulated accounts."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table, Text, Uuid

from inergize.adapters.persistence.tables.base import metadata, owner_column, timestamps, user_table
from inergize.adapters.persistence.types import JSONType, UTCDateTime

# One LinkedIn account per user. Tokens are SecretBox ciphertexts (key id inside): never plaintext.
linkedin_connections = Table(
    "linkedin_connections",
    metadata,
    Column("id", Uuid, primary_key=True),
    owner_column(unique=True),
    Column("adapter", String(16), nullable=False),
    Column("linkedin_sub", String(100), nullable=False),
    Column("member_urn", String(150), nullable=False),
    Column("status", String(24), nullable=False),  # active | reconsent_needed | broken
    Column("access_token_enc", Text, nullable=False),
    Column("refresh_token_enc", Text),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("refresh_expires_at", UTCDateTime()),
    Column("scopes", JSONType, nullable=False),
    Column("connected_at", UTCDateTime(), nullable=False),
    Column("last_refresh_at", UTCDateTime()),
    Column("last_error", Text),
    Column("reconsent_notified_at", UTCDateTime()),
    *timestamps(),
    Column("version", Integer, nullable=False, server_default="1"),
    info={"owner": "user_id"},
)
Index("ix_linkedin_connections_expires", linkedin_connections.c.expires_at)

# Single-use OAuth ``state`` values, stored hashed; ``user_id`` is empty for "Sign in with LinkedIn".
linkedin_oauth_states = Table(
    "linkedin_oauth_states",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("state_hash", String(64), nullable=False, unique=True),
    owner_column(nullable=True),
    Column("purpose", String(16), nullable=False),  # connect | signin | reauth
    Column("redirect_uri", Text, nullable=False),
    Column("data", JSONType, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("used_at", UTCDateTime()),
    info={"owner": "user_id"},
)
Index("ix_linkedin_oauth_states_expires", linkedin_oauth_states.c.expires_at)

# "Sign in with LinkedIn": the member (OpenID sub) an account logs in as.
linkedin_identities = Table(
    "linkedin_identities",
    metadata,
    Column("sub", String(100), primary_key=True),
    owner_column(),
    Column("email", String(254)),
    Column("email_verified", Boolean, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("last_login_at", UTCDateTime()),
    info={"owner": "user_id"},
)
Index("ix_linkedin_identities_user", linkedin_identities.c.user_id)

# Posts published directly (POST /v1/linkedin/posts), one per idempotency key, media URNs kept so a
# retry never uploads again and ``state='unknown'`` marks an attempt whose outcome we never learned.
linkedin_posts = user_table(
    "linkedin_posts",
    Column("idempotency_key", String(200), nullable=False),
    Column("state", String(16), nullable=False),  # pending | unknown | published | failed
    Column("commentary", Text, nullable=False),
    Column("request", JSONType, nullable=False),
    Column("media_urns", JSONType, nullable=False),
    Column("post_urn", String(200)),
    Column("first_comment_urn", String(200)),
    Column("last_error", Text),
    Column("attempts", Integer, nullable=False, server_default="0"),
    *timestamps(),
    Column("published_at", UTCDateTime()),
)
Index("uq_linkedin_posts_user_key", linkedin_posts.c.user_id, linkedin_posts.c.idempotency_key, unique=True)
Index("ix_linkedin_posts_user_created", linkedin_posts.c.user_id, linkedin_posts.c.created_at)

# --- the sandbox: a simulated LinkedIn per user ------------------------------------------------------------

sandbox_accounts = Table(
    "sandbox_accounts",
    metadata,
    Column("sub", String(100), primary_key=True),
    owner_column(nullable=True),
    Column("seed", Integer, nullable=False),
    Column("profile", JSONType, nullable=False),
    Column("followers", Integer, nullable=False),
    Column("misbehave", JSONType, nullable=False),  # {"rate_limit": n, "restricted": bool, "fail": n}
    Column("api_calls", JSONType, nullable=False),
    *timestamps(),
    info={"owner": "user_id"},
)
Index("ix_sandbox_accounts_user", sandbox_accounts.c.user_id)


def _account_fk() -> Column[object]:
    return Column(
        "account_sub", String(100), ForeignKey("sandbox_accounts.sub", ondelete="CASCADE"), nullable=False
    )


sandbox_members = Table(
    "sandbox_members",
    metadata,
    Column("urn", String(150), primary_key=True),
    _account_fk(),
    Column("name", String(200), nullable=False),
    Column("headline", String(300), nullable=False),
    Column("company", String(200), nullable=False),
    Column("degree", Integer, nullable=False),
    Column("connected_at", UTCDateTime()),
    Column("created_at", UTCDateTime(), nullable=False),
)
Index(
    "ix_sandbox_members_account_degree",
    sandbox_members.c.account_sub,
    sandbox_members.c.degree,
    sandbox_members.c.created_at,
)

sandbox_posts = Table(
    "sandbox_posts",
    metadata,
    Column("urn", String(150), primary_key=True),
    _account_fk(),
    Column("commentary", Text, nullable=False),
    Column("text_hash", String(64), nullable=False),
    Column("media", JSONType, nullable=False),
    Column("features", JSONType, nullable=False),
    Column("activity", JSONType, nullable=False),  # comments and reactions written through the API
    Column("created_at", UTCDateTime(), nullable=False),
    Column("deleted_at", UTCDateTime()),
    Column("simulated_until", UTCDateTime()),
)
Index("ix_sandbox_posts_account_created", sandbox_posts.c.account_sub, sandbox_posts.c.created_at)
Index("ix_sandbox_posts_account_hash", sandbox_posts.c.account_sub, sandbox_posts.c.text_hash)

sandbox_media = Table(
    "sandbox_media",
    metadata,
    Column("urn", String(150), primary_key=True),
    _account_fk(),
    Column("kind", String(16), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

sandbox_interactions = Table(
    "sandbox_interactions",
    metadata,
    Column("id", String(100), primary_key=True),
    _account_fk(),
    Column("kind", String(16), nullable=False),  # invitation | message
    Column("target_urn", String(150), nullable=False),
    Column("text", Text),
    Column("state", String(16), nullable=False),  # pending | accepted | withdrawn | sent
    *timestamps(),
)
Index(
    "ix_sandbox_interactions_account_kind",
    sandbox_interactions.c.account_sub,
    sandbox_interactions.c.kind,
    sandbox_interactions.c.created_at,
)
