"""The sandbox LinkedIn: simulated accounts, networks, feeds and engagement in the database."""

from __future__ import annotations

import hashlib

from sqlalchemy.ext.asyncio import AsyncEngine

from inergize.adapters.linkedin.sandbox.gateway import SANDBOX_CAPABILITIES, SandboxLinkedInGateway
from inergize.adapters.linkedin.sandbox.simulate import seed_demo, simulate_until
from inergize.ports.clock import Clock

__all__ = [
    "SANDBOX_CAPABILITIES",
    "SandboxLinkedInGateway",
    "build_sandbox_gateway",
    "seed_demo",
    "simulate_until",
]


def build_sandbox_gateway(engine: AsyncEngine, clock: Clock, encryption_key: bytes) -> SandboxLinkedInGateway:
    """The sandbox gateway; its credential-signing key is derived from the primary encryption key."""
    secret = hashlib.sha256(b"inergize-linkedin-sandbox|" + encryption_key).digest()
    return SandboxLinkedInGateway(engine, clock, secret)
