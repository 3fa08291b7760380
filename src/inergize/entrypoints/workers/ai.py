"""Background jobs of the content engine."""

from __future__ import annotations

import uuid
from typing import Any

from inergize.application.ai.carousels import CAROUSEL_JOB, run_carousel_job
from inergize.application.ai.render import render_version
from inergize.application.content.library import RENDER_JOB
from inergize.entrypoints.workers.spec import JobSpec, job


@job(CAROUSEL_JOB, time_limit=600)  # the AI chain with its fallbacks, then drawing every slide
async def render_carousel(container: Any, *, job_id: str) -> None:
    """Plan, render and store one carousel (idempotent: a finished job is skipped)."""
    await run_carousel_job(uuid.UUID(job_id), ports=container.ai_deps())


@job(RENDER_JOB, time_limit=300)
async def rerender_version(container: Any, *, version_id: str) -> None:
    """Draw the file of an edited carousel or banner version (idempotent)."""
    await render_version(uuid.UUID(version_id), ports=container.ai_deps())


SPECS: tuple[JobSpec, ...] = (render_carousel, rerender_version)
