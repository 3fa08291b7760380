"""Jobs are declared one way: ``<capability>.<verb>`` names next to their handlers, with options, and
every name a deployed outbox may still hold leads to the job that now does that work."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from inergize.entrypoints.workers import ai, compliance, notifications, platform, scheduling
from inergize.entrypoints.workers.jobs import FORMER_NAMES, JOBS, SPECS, register, spec_for
from inergize.entrypoints.workers.spec import JobSpec, job
from inergize.ports.task_queue import JOB_ID_KEY, QUEUE

CAPABILITIES = {"accounts", "notifications", "content", "ai", "linkedin", "scheduling", "compliance", "platform"}


async def _nothing(container: Any, **kwargs: Any) -> None:
    return None


def test_every_job_is_named_capability_dot_verb_once() -> None:
    assert len(JOBS) == len(SPECS)
    for name, spec in JOBS.items():
        capability, _, verb = name.partition(".")
        assert spec.name == name and capability in CAPABILITIES and verb


def test_each_job_is_declared_in_its_capabilitys_module() -> None:
    for spec in SPECS:
        capability = spec.name.partition(".")[0]
        assert spec.handler.__module__ == f"inergize.entrypoints.workers.{capability}", spec.name


@pytest.mark.parametrize(("former", "current", "spec"), [
    ("ping", "platform.ping", platform.ping),
    ("ai.carousel", "ai.render_carousel", ai.render_carousel),
    ("send_notification_email", "notifications.email_notification", notifications.send_notification_email),
    ("send_email", "notifications.send_email", notifications.send_email),
    ("publish_publications", "scheduling.publish_due", scheduling.publish_publications),
    ("import_schedule_csv", "scheduling.import_csv", scheduling.import_schedule_csv),
    ("campaign.run_step", "compliance.run_step", compliance.campaign_run_step),
])
def test_a_former_job_name_runs_the_job_that_now_does_its_work(former: str, current: str, spec: JobSpec) -> None:
    assert FORMER_NAMES[former] == current
    assert spec_for(former) is spec_for(current) is spec
    assert former not in JOBS


def test_the_render_version_job_kept_its_name() -> None:
    assert spec_for("ai.render_version") is ai.rerender_version


def test_options_reach_dramatiq_in_milliseconds_and_never_outlast_the_lease() -> None:
    spec = job("platform.probe", time_limit=30, max_retries=2, min_backoff=0.5, max_backoff=90)(_nothing)
    assert spec.dramatiq_options(900) == {"time_limit": 30_000, "max_retries": 2, "min_backoff": 500,
                                          "max_backoff": 90_000}
    assert spec.dramatiq_options(10)["time_limit"] == 10_000
    assert job("platform.probe")(_nothing).dramatiq_options(900)["time_limit"] == 900_000


@pytest.mark.parametrize("name", ["ping", "Platform.ping", "platform.", ".ping", "platform.ping.now", "a b.c"])
def test_a_job_name_that_is_not_capability_dot_verb_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="capability"):
        job(name)(_nothing)


@pytest.mark.parametrize("options", [{"time_limit": 0}, {"max_retries": -1}, {"min_backoff": 0},
                                     {"min_backoff": 61, "max_backoff": 60}])
def test_impossible_options_are_refused(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        job("platform.probe", **options)(_nothing)


async def test_a_declared_job_is_still_its_handler() -> None:
    seen: list[str] = []

    @job("platform.probe")
    async def probe(container: Any, *, token: str) -> None:
        seen.append(token)

    await probe(None, token="t")
    assert seen == ["t"]


def test_a_taken_name_cannot_be_registered_again() -> None:
    with pytest.raises(ValueError, match="already registered"):
        register(JobSpec("platform.ping", _nothing))
    assert JOBS["platform.ping"] is platform.ping


def test_the_queue_and_the_job_id_key_are_written_once_in_the_port() -> None:
    import inergize

    assert QUEUE == "inergize" and JOB_ID_KEY == "_job_id"  # what deployed brokers and messages carry
    src = Path(inergize.__file__).parent
    writers = [str(f.relative_to(src)) for f in src.rglob("*.py")
               if '"_job_id"' in f.read_text() or 'QUEUE = "' in f.read_text()]
    assert writers == ["ports/task_queue.py"]


def test_use_cases_enqueue_jobs_by_name_constant() -> None:
    import inergize

    application = Path(inergize.__file__).parent / "application"
    literal = re.compile(r"jobs\.enqueue\(\s*[\"']")
    assert [str(f) for f in application.rglob("*.py") if literal.search(f.read_text())] == []


@pytest.mark.parametrize("module", [ai, compliance, notifications, platform, scheduling])
def test_every_job_a_capability_declares_is_registered(module: Any) -> None:
    declared = {v for v in vars(module).values() if isinstance(v, JobSpec)}
    assert declared == set(module.SPECS) and declared <= set(JOBS.values())
