"""LinkedIn's periodic work: keep connections alive, simulate the sandbox's engagement."""

from __future__ import annotations

from typing import Any

from inergize.application.linkedin.connection import maintain_connections


async def maintain_linkedin_connections(container: Any) -> None:
    """Refresh tokens ahead of expiry; ask for re-consent from day 50 where no refresh token exists."""
    await maintain_connections(container.linkedin_deps())


async def simulate_sandbox(container: Any) -> None:
    """Let the sandbox's simulated engagement catch up with the clock (writes analytics_events)."""
    gateway = container.linkedin_deps().gateway
    simulate = getattr(gateway, "simulate", None)  # only the sandbox simulates anything
    if simulate is not None:
        await simulate()
