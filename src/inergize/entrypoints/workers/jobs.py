"""The job registry: every job's spec, collected from the capability modules (``spec.py`` says how a
job is declared and what a handler may assume).

Jobs are named ``<capability>.<verb>``. Outbox rows and broker messages written before a job got its
current name still run: ``FORMER_NAMES`` maps each old name to the job that now does the work."""

from __future__ import annotations

from inergize.entrypoints.workers import ai, compliance, notifications, platform, scheduling
from inergize.entrypoints.workers.spec import Handler, JobSpec

SPECS: tuple[JobSpec, ...] = (*platform.SPECS, *ai.SPECS, *notifications.SPECS, *scheduling.SPECS,
                              *compliance.SPECS)
JOBS: dict[str, JobSpec] = {spec.name: spec for spec in SPECS}

FORMER_NAMES: dict[str, str] = {
    "ping": platform.ping.name,
    "ai.carousel": ai.render_carousel.name,
    "send_notification_email": notifications.send_notification_email.name,
    "send_email": notifications.send_email.name,
    "publish_publications": scheduling.publish_publications.name,
    "import_schedule_csv": scheduling.import_schedule_csv.name,
    "campaign.run_step": compliance.campaign_run_step.name,
}


def spec_for(name: str) -> JobSpec:
    """The job that runs a message named ``name`` (its current name or a former one)."""
    return JOBS[FORMER_NAMES.get(name, name)]


def register(spec: JobSpec) -> None:
    """Add a job (for embedding and tests); names are unique."""
    if spec.name in FORMER_NAMES or JOBS.get(spec.name, spec) is not spec:
        raise ValueError(f"a job named {spec.name!r} is already registered")
    JOBS[spec.name] = spec


__all__ = ["FORMER_NAMES", "JOBS", "SPECS", "Handler", "JobSpec", "register", "spec_for"]
