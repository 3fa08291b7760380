"""The REST ``LinkedInGateway``, its transport (retries, rate budgets) and HTTP client; built from the
settings by ``bootstrap/linkedin.py:rest_gateway``."""

from __future__ import annotations

from inergize.adapters.linkedin.rest.gateway import RestLinkedInGateway
from inergize.adapters.linkedin.rest.http import HttpClient
from inergize.adapters.linkedin.rest.transport import Budgets, LinkedInRetryPolicy, Sleeper, Transport
from inergize.adapters.linkedin.rest.wire import REST_CAPABILITIES

__all__ = ["REST_CAPABILITIES", "Budgets", "HttpClient", "LinkedInRetryPolicy", "RestLinkedInGateway", "Sleeper",
           "Transport"]
