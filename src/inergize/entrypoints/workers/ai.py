"""Background jobs of the content engine."""

from __future__ import annotations

import uuid
from typing import Any

from inergize.application.ai.carousels import run_carousel_job
from inergize.application.ai.render import render_version


async def render_carousel(container: Any, *, job_id: str) -> None:
    """``ai.carousel``: plan, render and store one carousel (idempotent: a finished job is skipped)."""
    await run_carousel_job(uuid.UUID(job_id), ports=container.ai_deps())


async def rerender_version(container: Any, *, version_id: str) -> None:
    """``ai.render_version``: draw the file of an edited carousel or banner version (idempotent)."""
    await render_version(uuid.UUID(version_id), ports=container.ai_deps())
