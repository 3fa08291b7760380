"""Settings: one typed object read from ``INERGIZE_*`` variables, validated at start, passed down.

Nothing here is cached at import time; ``bootstrap`` calls :func:`load_settings` and hands the result on.
"""

from __future__ import annotations

import os
import types
import typing
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

import msgspec

from inergize.domain.platform.errors import ConfigurationError

PREFIX = "INERGIZE_"


class Mode(StrEnum):
    EMBEDDED = "embedded"
    PRODUCTION = "production"


class Settings(msgspec.Struct, kw_only=True, frozen=True):
    """Every setting, its type and default. ``docs/configuration.md`` lists them for operators."""

    # --- process
    mode: Mode = Mode.EMBEDDED
    data_dir: Path = Path("var")
    http_host: str = "127.0.0.1"
    http_port: int = 8000
    public_url: str | None = None  # default: where `inergize serve` listens (effective_public_url)
    web_dir: Path | None = None  # the web app's static export; default: the checkout's web/out
    log_level: str = "INFO"
    log_json: bool = True
    max_body_bytes: int = 1_048_576
    upload_max_bytes: int = 52_428_800
    metrics_token: str | None = None  # set: GET /metrics (Prometheus) answers with this bearer token
    # --- storage
    database_url: str | None = None  # default: SQLite file in data_dir
    database_pool_size: int = 10
    database_max_overflow: int = 10  # connections beyond the pool a burst may open; kept open once opened
    database_pool_timeout_seconds: float = 10.0  # PostgreSQL: wait for a free connection, then fail
    database_prepare_threshold: int = 1  # PostgreSQL: executions before psycopg prepares a statement
    database_echo: bool = False
    redis_url: str | None = None  # when set: Redis cache, budgets and broker
    redis_prefix: str = "inergize:"
    broker: str | None = None  # memory | redis; default follows redis_url
    worker_threads: int = 4
    tick_seconds: float = 5.0
    # --- scheduling
    scheduler_claim_batch: int = 2000  # due publications one claim statement takes
    scheduler_job_batch: int = 250  # publication ids per publish job (one message, one result commit)
    scheduler_claim_seconds: float = 300.0  # a claim not finished by then is taken again by a later tick
    scheduler_max_claims_per_tick: int = 20_000  # bound on one tick's claims (the next tick takes the rest)
    scheduler_publish_concurrency: int = 32  # LinkedIn calls in flight per publish job
    # a transient publish failure waits base, 2×base, 4×base … (at most cap) before the next of five tries
    scheduler_retry_base_seconds: float = 30.0
    scheduler_retry_cap_seconds: float = 3600.0
    job_lease_seconds: float = 900.0  # longest a job may run; a worker's claim on a job lasts this long
    outbox_redeliver_seconds: float = 1200.0  # a sent job not finished by then is sent again (deduped)
    cache_max_entries: int = 10_000  # in-process cache: least recently used entries beyond are dropped
    # read cache: access state and content pages, dropped by generation on every write (0 turns one off)
    access_cache_seconds: float = 300.0
    content_cache_seconds: float = 300.0
    read_cache_local_seconds: float = 1.0  # in-process entries live at most this (other processes' writes)
    # with Redis: access states kept in each process too, at most this long (dropped when Redis reports a
    # change; 0: read from Redis on every request)
    read_cache_near_seconds: float = 0.5
    # --- secrets (production requires them; embedded mode generates them once into data_dir)
    signing_key: str | None = None  # PEM, Ed25519 private key for access tokens
    encryption_keys: str | None = None  # "kid:base64key,kid2:base64key"; the first encrypts
    password_hash_profile: str = "owasp"  # owasp | fast (fast only outside production; tests)
    access_token_ttl_seconds: int = 900
    refresh_token_ttl_days: int = 30
    # accounts: throttling and API budgets (per minute / per 15 minutes)
    login_attempts_per_account: int = 10
    login_attempts_per_address: int = 100
    api_rate_user_per_minute: int = 600
    api_rate_address_per_minute: int = 300
    api_rate_global_per_minute: int = 60000
    # --- LinkedIn
    linkedin_mode: str = "sandbox"  # sandbox | rest
    linkedin_client_id: str | None = None
    linkedin_client_secret: str | None = None
    linkedin_oauth_base_url: str = "https://www.linkedin.com/oauth/v2"
    linkedin_api_base_url: str = "https://api.linkedin.com"
    linkedin_api_version: str = "202610"
    linkedin_redirect_url: str | None = None
    linkedin_timeout_seconds: float = 20.0
    linkedin_member_daily_calls: int = 500  # our API-call budget per member per UTC day
    linkedin_app_daily_calls: int = 100_000  # per application per UTC day
    linkedin_max_attempts: int = 5  # tries of one call on 429 / 5xx / timeout before giving up
    linkedin_max_retry_after_seconds: float = 120.0  # a longer Retry-After is reported, not slept
    linkedin_import_max_bytes: int = 200 * 1024 * 1024  # largest uncompressed data-export ZIP
    # --- AI
    ai_text_providers: str = "offline"  # ordered chain, e.g. "openai,anthropic,offline"
    ai_image_providers: str = "offline"
    openai_api_key: str | None = None
    openai_base_url: str = "https://api.openai.com/v1"
    openai_model: str = "gpt-4o-mini"
    openai_image_model: str = "dall-e-3"
    openai_moderation: bool = False
    openai_timeout_seconds: float = 30.0
    anthropic_api_key: str | None = None
    anthropic_base_url: str = "https://api.anthropic.com"
    anthropic_model: str = "claude-sonnet-4-5"
    anthropic_timeout_seconds: float = 30.0
    ai_cache_ttl_seconds: int = 86_400
    # resilience and budget of the AI chain (the chain owns retries; SDK retries are off)
    ai_retry_attempts: int = 2  # calls per provider per request, the first included
    ai_retry_max_wait_seconds: float = 5.0  # a longer retry-after falls back to the next provider instead
    ai_breaker_failures: int = 3  # consecutive failed requests that open a provider's circuit
    ai_breaker_cooldown_seconds: float = 30.0
    ai_monthly_budget_usd: float = 5.0  # per user, when the tier sets none; paid calls stop beyond it
    openai_paid: bool = True  # false for a self-hosted OpenAI-compatible server (no cost, no budget)
    # --- files
    blob_backend: str = "local"  # local | s3
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    # --- email
    email_backend: str = "file"  # file | smtp | sendgrid
    email_from: str = "InErgize <no-reply@inergize.local>"
    smtp_url: str | None = None
    sendgrid_api_key: str | None = None
    sendgrid_base_url: str = "https://api.sendgrid.com"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "inergize.db"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite+aiosqlite:///{self.sqlite_path}"

    @property
    def effective_public_url(self) -> str:
        """The base of links sent to users: the configured URL, else the address ``inergize serve`` binds
        (a wildcard bind is reached on loopback from this machine)."""
        if self.public_url:
            return self.public_url.rstrip("/")
        wildcard = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}  # noqa: S104 (read, not bound)
        host = wildcard.get(self.http_host, self.http_host)
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        return f"http://{host}:{self.http_port}"

    @property
    def effective_web_dir(self) -> Path:
        # src/inergize/settings.py -> the checkout is two folders above the package
        return self.web_dir or Path(__file__).resolve().parents[2] / "web" / "out"

    @property
    def effective_broker(self) -> str:
        return self.broker or ("redis" if self.redis_url else "memory")


_CHOICES: dict[str, tuple[str, ...]] = {
    "broker": ("memory", "redis"),
    "linkedin_mode": ("sandbox", "rest"),
    "blob_backend": ("local", "s3"),
    "email_backend": ("file", "smtp", "sendgrid"),
    "password_hash_profile": ("owasp", "fast"),
    "log_level": ("DEBUG", "INFO", "WARNING", "ERROR"),
}


def _convert(name: str, raw: str, annotation: Any) -> Any:
    var = PREFIX + name.upper()
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) and type(None) in args:
        if raw == "":
            return None
        (annotation,) = (a for a in args if a is not type(None))
    try:
        if annotation is bool:
            lowered = raw.strip().lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise ValueError("expected true or false")
        if annotation is int:
            return int(raw)
        if annotation is float:
            return float(raw)
        if annotation is Path:
            return Path(raw)
        if isinstance(annotation, type) and issubclass(annotation, StrEnum):
            return annotation(raw.strip().lower())
        return raw
    except ValueError as exc:
        raise ConfigurationError(f"{var}={raw!r} is not valid: {exc}", variable=var) from exc


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Read settings from ``environ`` (default ``os.environ``); raise ``ConfigurationError`` naming
    the variable at fault."""
    env = os.environ if environ is None else environ
    hints = typing.get_type_hints(Settings)
    values: dict[str, Any] = {}
    known = {PREFIX + f.upper() for f in Settings.__struct_fields__}
    for var in env:
        if var.startswith(PREFIX) and var not in known:
            raise ConfigurationError(f"{var} is not a setting InErgize knows (typo?).", variable=var)
    for field in Settings.__struct_fields__:
        raw = env.get(PREFIX + field.upper())
        if raw is not None:
            values[field] = _convert(field, raw, hints[field])
    values.update(overrides)
    for field, allowed in _CHOICES.items():
        value = values.get(field)
        if value is not None and value not in allowed:
            raise ConfigurationError(
                f"{PREFIX}{field.upper()}={value!r} must be one of {', '.join(allowed)}.",
                variable=PREFIX + field.upper(),
            )
    settings = Settings(**values)
    _check(settings)
    return settings


def _check(s: Settings) -> None:
    def fail(var: str, why: str) -> None:
        raise ConfigurationError(f"{PREFIX}{var}: {why}", variable=PREFIX + var)

    if not 0 < s.http_port < 65536:
        fail("HTTP_PORT", "must be between 1 and 65535.")
    url = s.effective_database_url
    if not url.startswith(("sqlite+aiosqlite://", "postgresql+psycopg://")):
        fail("DATABASE_URL", "must start with sqlite+aiosqlite:// or postgresql+psycopg://.")
    if s.effective_broker == "redis" and not s.redis_url:
        fail("BROKER", "redis needs INERGIZE_REDIS_URL.")
    if s.redis_url and not s.redis_url.startswith(("redis://", "rediss://", "unix://")):
        fail("REDIS_URL", "must be a redis:// or rediss:// URL.")
    if s.public_url and not s.public_url.startswith(("http://", "https://")):
        fail("PUBLIC_URL", "must be an http:// or https:// URL.")
    if s.max_body_bytes <= 0:
        fail("MAX_BODY_BYTES", "must be positive.")
    if not 0 < s.read_cache_local_seconds <= 1:
        # a change made by another process (the CLI, a second server without Redis) must show within 1 s
        fail("READ_CACHE_LOCAL_SECONDS", "must be more than 0 and at most 1.")
    if not 0 <= s.read_cache_near_seconds <= 1:
        # the bound on a revocation going unseen should Redis's change reports stop unnoticed
        fail("READ_CACHE_NEAR_SECONDS", "must be at least 0 and at most 1.")
    if not 0 < s.scheduler_retry_base_seconds <= s.scheduler_retry_cap_seconds:
        fail("SCHEDULER_RETRY_BASE_SECONDS", "must be more than 0 and at most SCHEDULER_RETRY_CAP_SECONDS.")
    if s.mode is Mode.PRODUCTION:
        if not s.signing_key:
            fail("SIGNING_KEY", "is required in production (an Ed25519 private key in PEM).")
        if not s.encryption_keys:
            fail("ENCRYPTION_KEYS", "is required in production ('kid:base64-32-bytes,…').")
        if s.password_hash_profile != "owasp":
            fail("PASSWORD_HASH_PROFILE", "must be 'owasp' in production.")
    if s.linkedin_mode == "rest" and not (s.linkedin_client_id and s.linkedin_client_secret):
        fail("LINKEDIN_CLIENT_ID", "and INERGIZE_LINKEDIN_CLIENT_SECRET are required when LINKEDIN_MODE=rest.")
    if s.blob_backend == "s3" and not s.s3_bucket:
        fail("S3_BUCKET", "is required when BLOB_BACKEND=s3.")
    if s.email_backend == "sendgrid" and not s.sendgrid_api_key:
        fail("SENDGRID_API_KEY", "is required when EMAIL_BACKEND=sendgrid.")
    if s.email_backend == "smtp" and not s.smtp_url:
        fail("SMTP_URL", "is required when EMAIL_BACKEND=smtp.")


def to_public_dict(s: Settings) -> dict[str, Any]:
    """Settings with secrets masked, for logs and diagnostics."""
    out: dict[str, Any] = msgspec.to_builtins(s, enc_hook=str)
    for key in out:
        if any(word in key for word in ("key", "secret", "password")) and out[key] and key != "password_hash_profile":
            out[key] = "***"
    if s.database_url and "@" in s.database_url:
        out["database_url"] = s.database_url.split("://")[0] + "://***@" + s.database_url.split("@", 1)[1]
    return out
