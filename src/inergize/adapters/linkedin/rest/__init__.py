"""The REST ``LinkedInGateway`` and its construction from settings."""

from __future__ import annotations

import asyncio
import random

from inergize.adapters.linkedin.rest.gateway import RestLinkedInGateway
from inergize.adapters.linkedin.rest.http import HttpClient
from inergize.adapters.linkedin.rest.transport import Budgets, LinkedInRetryPolicy, Sleeper, Transport
from inergize.adapters.linkedin.rest.wire import REST_CAPABILITIES
from inergize.ports.clock import Clock
from inergize.ports.rate_budget import RateBudgetStore
from inergize.settings import Settings

__all__ = ["REST_CAPABILITIES", "LinkedInRetryPolicy", "RestLinkedInGateway", "build_rest_gateway"]


def build_rest_gateway(
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
