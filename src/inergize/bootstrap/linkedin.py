"""LinkedIn in the composition root: the gateway the settings ask for (the embedded sandbox or the REST
API), the box that encrypts its tokens at rest, and the export readers."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from datetime import datetime
from typing import Any

import structlog

from inergize.adapters.linkedin.rest import (
    Budgets,
    HttpClient,
    LinkedInRetryPolicy,
    RestLinkedInGateway,
    Sleeper,
    Transport,
)
from inergize.adapters.linkedin.sandbox import build_sandbox_gateway
from inergize.adapters.secrets.box import AesGcmSecretBox
from inergize.adapters.spreadsheets import OpenpyxlWorkbookReader
from inergize.domain.linkedin.version import ApiVersionState, version_status
from inergize.ports.clock import Clock
from inergize.ports.linkedin import LinkedInGateway
from inergize.ports.rate_budget import RateBudgetStore
from inergize.settings import Settings

log = structlog.get_logger("inergize.linkedin")


class ClockProxy:
    """Asks the container's clock provider each time, so an override (a test's fake clock) is seen by an
    adapter built earlier."""

    def __init__(self, provider: Callable[[], Clock]) -> None:
        self._provider = provider

    def now(self) -> datetime:
        return self._provider().now()

    def monotonic(self) -> float:
        return self._provider().monotonic()


def workbook_reader() -> OpenpyxlWorkbookReader:
    return OpenpyxlWorkbookReader()


def secret_box(keys: Any) -> AesGcmSecretBox:
    return AesGcmSecretBox(dict(keys.encryption_keys))


def linkedin_gateway(
    settings: Settings,
    engine: Any,
    clock_provider: Callable[[], Clock],
    keys: Any,
    budgets: RateBudgetStore | None,
) -> LinkedInGateway:
    """``sandbox`` (embedded default) or ``rest`` per ``INERGIZE_LINKEDIN_MODE``. In rest mode, warn the
    admins at start-up when the configured ``LinkedIn-Version`` is near or past retirement."""
    clock = ClockProxy(clock_provider)
    if settings.linkedin_mode == "rest":
        status = version_status(settings.linkedin_api_version, clock.now().date())
        if status.state is not ApiVersionState.CURRENT:
            log.warning("linkedin.version", state=status.state.value, detail=status.message)
        return rest_gateway(settings, clock=clock, budgets=budgets)
    return build_sandbox_gateway(engine, clock, keys.encryption_keys[keys.primary_encryption_kid])


def redirect_uri(settings: Settings, path: str = "/v1/linkedin/callback") -> str:
    if path == "/v1/linkedin/callback" and settings.linkedin_redirect_url:
        return settings.linkedin_redirect_url
    return settings.effective_public_url + path


def rest_gateway(
    settings: Settings,
    *,
    clock: Clock,
    budgets: RateBudgetStore | None,
    sleeper: Sleeper = asyncio.sleep,
    rng: random.Random | None = None,
    client: HttpClient | None = None,
) -> RestLinkedInGateway:
    """The REST adapter configured from ``INERGIZE_LINKEDIN_*`` settings."""
    client = client or HttpClient(settings.linkedin_timeout_seconds)
    policy = LinkedInRetryPolicy(
        max_attempts=settings.linkedin_max_attempts, max_retry_after=settings.linkedin_max_retry_after_seconds
    )
    limits = Budgets(
        member_daily=settings.linkedin_member_daily_calls,
        app_daily=settings.linkedin_app_daily_calls,
        app_key=settings.linkedin_client_id or "default",
    )
    transport = Transport(
        client, clock=clock, policy=policy, budgets=budgets, limits=limits, sleeper=sleeper, rng=rng
    )
    return RestLinkedInGateway(
        transport,
        clock=clock,
        client_id=settings.linkedin_client_id or "",
        client_secret=settings.linkedin_client_secret or "",
        oauth_base_url=settings.linkedin_oauth_base_url,
        api_base_url=settings.linkedin_api_base_url,
        api_version=settings.linkedin_api_version,
    )
