"""LinkedIn in the composition root: the gateway the settings ask for (the embedded sandbox or the REST
API), the box that encrypts its tokens at rest, and the export readers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import structlog

from inergize.adapters.linkedin.rest import build_rest_gateway
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
        return build_rest_gateway(settings, clock=clock, budgets=budgets)
    return build_sandbox_gateway(engine, clock, keys.encryption_keys[keys.primary_encryption_kid])


def redirect_uri(settings: Settings, path: str = "/v1/linkedin/callback") -> str:
    if path == "/v1/linkedin/callback" and settings.linkedin_redirect_url:
        return settings.linkedin_redirect_url
    return settings.effective_public_url + path
