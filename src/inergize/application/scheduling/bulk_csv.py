"""Bulk scheduling from CSV, and export of the schedule to CSV.

An upload is stored with its progress and imported by a job, row by row: each good row becomes a post
(moderated, ready, scheduled) in one transaction that also advances the progress, so a row is
imported entirely or not at all, and a job that dies resumes after the last committed row. Bad rows
are reported with the line they start on and the reason."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime

import msgspec

from inergize.application.content.library import CreateContent, add_content, current_ready_version
from inergize.application.content.moderation import moderate_content, raise_if_blocked
from inergize.application.scheduling.schedule import ScheduleCommand, new_publication, settings_of
from inergize.domain.accounts.users import Principal
from inergize.domain.content.library import ContentKind, VersionState
from inergize.domain.platform.errors import InergizeError, NotFound, ValidationFailed
from inergize.domain.scheduling.bulk_csv import CsvRow, RowError, export_rows, parse
from inergize.domain.scheduling.schedules import to_local
from inergize.ports.clock import Clock
from inergize.ports.moderator import Moderator
from inergize.ports.scheduling import ImportProgress
from inergize.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory

IMPORT_JOB = "scheduling.import_csv"
MAX_UPLOAD_BYTES = 2_000_000
EXPORT_LIMIT = 10_000


async def start_import(
    data: bytes, *, principal: Principal, uow_factory: UnitOfWorkFactory, clock: Clock
) -> ImportProgress:
    """Store an upload and enqueue its import; the returned progress is polled until ``done``."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationFailed(f"The file is larger than {MAX_UPLOAD_BYTES // 1_000_000} MB.", field="file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationFailed("The file is not UTF-8 text.", field="file") from exc
    now = clock.now()
    progress = ImportProgress(
        id=uuid.uuid4(),
        user_id=principal.user_id,
        state="running",
        source=text,
        created_at=now,
        updated_at=now,
    )
    async with uow_factory() as uow:
        await uow.schedule_imports.add(progress)
        uow.jobs.enqueue(IMPORT_JOB, import_id=str(progress.id))
        await uow.commit()
    return progress


async def get_import(
    import_id: uuid.UUID, *, principal: Principal, uow_factory: UnitOfWorkFactory
) -> ImportProgress:
    async with uow_factory(read_only=True) as uow:
        progress = await uow.schedule_imports.get(import_id)
    if progress is None or not principal.may_act_for(progress.user_id):
        raise NotFound("No such import.")
    return progress


async def run_import(
    import_id: uuid.UUID, *, uow_factory: UnitOfWorkFactory, clock: Clock, moderator: Moderator | None
) -> ImportProgress | None:
    """Import a stored upload (idempotent: a finished import is left alone, a broken-off one resumes)."""
    async with uow_factory(read_only=True) as uow:
        progress = await uow.schedule_imports.get(import_id)
        if progress is None or progress.state != "running":
            return progress
        settings = await settings_of(uow, progress.user_id)
    principal = Principal(progress.user_id)
    try:
        # csv parsing is CPU work: keep it off the event loop
        rows, bad = await asyncio.to_thread(parse, progress.source or "", settings.tz)
    except ValidationFailed as exc:
        return await _finish(uow_factory, clock, progress, "failed", [RowError(0, exc.detail)])
    items: list[CsvRow | RowError] = sorted([*rows, *bad], key=lambda r: r.line)
    progress.total_rows = len(items)
    for item in items[progress.processed_rows :]:
        progress = await _import_one(uow_factory, clock, principal, progress, item, moderator)
    return await _finish(uow_factory, clock, progress, "done", [])


async def _import_one(
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    principal: Principal,
    progress: ImportProgress,
    item: CsvRow | RowError,
    moderator: Moderator | None,
) -> ImportProgress:
    error: RowError | None = item if isinstance(item, RowError) else None
    if error is None:
        assert isinstance(item, CsvRow)
        try:
            async with uow_factory() as uow:
                await _schedule_row(uow, principal, item, clock, moderator)
                updated = _advanced(progress, clock.now(), imported=1)
                await uow.schedule_imports.update(updated)
                await uow.commit()  # the row and the progress past it, together
            return updated
        except InergizeError as exc:
            error = RowError(item.line, exc.detail)
    updated = _advanced(progress, clock.now(), error=error)
    async with uow_factory() as uow:
        await uow.schedule_imports.update(updated)
        await uow.commit()
    return updated


def _advanced(
    progress: ImportProgress, now: datetime, *, imported: int = 0, error: RowError | None = None
) -> ImportProgress:
    errors = progress.errors + ([{"line": error.line, "reason": error.reason}] if error else [])
    return msgspec.structs.replace(
        progress,
        processed_rows=progress.processed_rows + 1,
        imported=progress.imported + imported,
        errors=errors,
        updated_at=now,
    )


async def _schedule_row(
    uow: UnitOfWork, principal: Principal, row: CsvRow, clock: Clock, moderator: Moderator | None
) -> None:
    media: list[str] = []
    if row.media_id is not None:
        media = list((await current_ready_version(uow, principal, row.media_id)).media)
        if not media:
            raise ValidationFailed(f"Content {row.media_id} has no media to attach.")
    title = row.text.splitlines()[0][:80] or "Imported post"
    item = await add_content(
        uow, CreateContent(title=title, body=row.text, media=tuple(media)), principal=principal, clock=clock
    )
    verdict = await moderate_content(
        uow, principal.user_id, ContentKind.POST, title, row.text, {}, moderator=moderator
    )
    raise_if_blocked(verdict)  # rolls the whole row back
    version = await uow.content_versions.latest(item.id)
    assert version is not None
    await uow.content_versions.update(msgspec.structs.replace(version, state=VersionState.READY))
    await uow.content.update(
        msgspec.structs.replace(item, state=VersionState.READY), expected_version=item.version
    )
    await new_publication(
        uow,
        principal,
        ScheduleCommand(content_id=item.id, at=row.at, source="csv"),
        now=clock.now(),
        settings=await settings_of(uow, principal.user_id),
    )


async def _finish(
    uow_factory: UnitOfWorkFactory, clock: Clock, progress: ImportProgress, state: str, errors: list[RowError]
) -> ImportProgress:
    done = msgspec.structs.replace(
        progress,
        state=state,
        source=None,
        updated_at=clock.now(),
        errors=progress.errors + [{"line": e.line, "reason": e.reason} for e in errors],
    )
    async with uow_factory() as uow:
        await uow.schedule_imports.update(done)
        await uow.commit()
    return done


async def export_schedule(*, principal: Principal, uow_factory: UnitOfWorkFactory) -> str:
    """The user's publications as CSV (local times in each item's zone), safe to open in a spreadsheet."""
    async with uow_factory(read_only=True) as uow:
        items = await uow.publications.for_export(principal.user_id, EXPORT_LIMIT)
    from zoneinfo import ZoneInfo

    rows: list[list[object]] = [
        [
            p.id,
            p.state.value,
            to_local(p.due_at, ZoneInfo(p.timezone)).strftime("%Y-%m-%d %H:%M"),
            p.timezone,
            p.due_at.isoformat(),
            p.text,
            p.post_urn or "",
            p.failure_reason or "",
            p.last_error or "",
        ]
        for p in items
    ]
    return export_rows(
        [
            "id",
            "state",
            "local_time",
            "timezone",
            "utc_time",
            "text",
            "post_urn",
            "failure_reason",
            "last_error",
        ],
        rows,
    )
