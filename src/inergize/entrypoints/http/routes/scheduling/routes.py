"""/v1/schedule: scheduled posts, the calendar, queue settings, pause, retry, CSV import/export and
optimal-time recommendations. Handlers translate HTTP to use cases and back; nothing more."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from litestar import Request, Response, delete, get, patch, post, put
from litestar.params import Parameter

from inergize.application.scheduling import bulk_csv as import_uc
from inergize.application.scheduling import optimal_times as times_uc
from inergize.application.scheduling import queue_settings as settings_uc
from inergize.application.scheduling import recurring as recurring_uc
from inergize.application.scheduling import schedule as uc
from inergize.domain.accounts.users import Principal
from inergize.domain.scheduling.recurrence import Recurrence
from inergize.domain.scheduling.schedules import TimeSlot
from inergize.entrypoints.http.auth import USER, USER_UPLOAD
from inergize.entrypoints.http.conventions import (
    IDEMPOTENT,
    IF_MATCH,
    IF_MATCH_OPTIONAL,
    etag,
    expected_version,
    idempotent,
    if_match_version,
)
from inergize.entrypoints.http.deps import SchedulingDeps
from inergize.entrypoints.http.openapi import answers, files
from inergize.entrypoints.http.openapi_bodies import file_upload, uploaded_file
from inergize.entrypoints.http.routes.scheduling.schemas import (
    CalendarOut,
    ConfirmPublishedIn,
    ImportOut,
    MoveIn,
    PostNowIn,
    PublicationOut,
    QueueSettingsIn,
    QueueSettingsOut,
    RecommendationOut,
    RecommendationsOut,
    RecurringIn,
    RetryIn,
    ScheduleIn,
    SeriesOut,
    import_out,
    series_out,
    settings_out,
    to_out,
)


@post("/v1/schedule", opt=USER | IDEMPOTENT | answers(404))
async def schedule_post(
    request: Request[Any, Any, Any], scheduling: SchedulingDeps, data: ScheduleIn, principal: Principal
) -> Response[PublicationOut]:

    async def create() -> tuple[int, Any, dict[str, str]]:
        item = await uc.schedule(
            uc.ScheduleCommand(content_id=data.content_id, at=data.at, allow_close=data.allow_close),
            principal=principal,
            uow_factory=scheduling.uow_factory,
            clock=scheduling.clock,
        )
        return 201, to_out(item), {"Location": f"/v1/schedule/{item.id}", "ETag": etag(item.version)}

    return await idempotent(request, principal, create)


@post("/v1/schedule/recurring", opt=USER | answers(404, 409), status_code=201)
async def schedule_recurring(
    scheduling: SchedulingDeps, data: RecurringIn, principal: Principal
) -> list[PublicationOut]:
    rule = Recurrence(frequency=data.frequency, interval=data.interval, count=data.count)
    items = await recurring_uc.schedule_recurring(
        recurring_uc.RecurringCommand(
            first=data.first, rule=rule, variants=data.variants, allow_close=data.allow_close
        ),
        principal=principal,
        uow_factory=scheduling.uow_factory,
        clock=scheduling.clock,
    )
    return [to_out(p) for p in items]


@get("/v1/schedule/recurring", opt=USER)
async def list_recurring(scheduling: SchedulingDeps, principal: Principal) -> list[SeriesOut]:
    """The recurring series, those with posts to come first."""
    return [series_out(s) for s in await recurring_uc.list_series(principal=principal,
                                                                 uow_factory=scheduling.uow_factory)]


@delete("/v1/schedule/recurring/{series_id:uuid}", opt=USER | IF_MATCH, status_code=200)
async def stop_recurring(
    request: Request[Any, Any, Any], scheduling: SchedulingDeps, series_id: uuid.UUID, principal: Principal
) -> Response[SeriesOut]:
    """Stop a series as last read (``If-Match``: its ``version`` from the list): its posts not yet handed
    to LinkedIn are cancelled; the published ones stay."""
    s = await recurring_uc.stop_series(series_id, expected_version=expected_version(request), principal=principal,
                                       uow_factory=scheduling.uow_factory, clock=scheduling.clock)
    return Response(series_out(s), headers={"ETag": etag(s.version)})


@post("/v1/schedule/now", opt=USER | IDEMPOTENT | answers(404), status_code=202)
async def post_now(
    request: Request[Any, Any, Any], scheduling: SchedulingDeps, data: PostNowIn, principal: Principal
) -> Response[PublicationOut]:

    async def create() -> tuple[int, Any, dict[str, str]]:
        item = await uc.post_now(
            data.content_id, principal=principal, uow_factory=scheduling.uow_factory, clock=scheduling.clock
        )
        return 202, to_out(item), {"Location": f"/v1/schedule/{item.id}"}

    return await idempotent(request, principal, create)


@get("/v1/schedule/calendar", opt=USER)
async def calendar(
    scheduling: SchedulingDeps,
    principal: Principal,
    start: date = Parameter(query="from"),
    end: date = Parameter(query="to"),
) -> CalendarOut:
    settings, items = await uc.calendar(start, end, principal=principal, uow_factory=scheduling.uow_factory)
    return CalendarOut(timezone=settings.timezone, items=[to_out(p) for p in items])


@get("/v1/schedule/{pid:uuid}", opt=USER)
async def get_one(scheduling: SchedulingDeps, pid: uuid.UUID, principal: Principal) -> Response[PublicationOut]:
    item = await uc.get_publication(pid, principal=principal, uow_factory=scheduling.uow_factory)
    return Response(to_out(item), headers={"ETag": etag(item.version)})


@patch("/v1/schedule/{pid:uuid}", opt=USER | IF_MATCH_OPTIONAL)
async def move(
    request: Request[Any, Any, Any], scheduling: SchedulingDeps, pid: uuid.UUID, data: MoveIn, principal: Principal
) -> PublicationOut:
    item = await uc.reschedule(
        pid,
        data.at,
        principal=principal,
        uow_factory=scheduling.uow_factory,
        clock=scheduling.clock,
        allow_close=data.allow_close,
        seen_version=if_match_version(request),
    )
    return to_out(item)


@delete("/v1/schedule/{pid:uuid}", opt=USER | IF_MATCH_OPTIONAL, status_code=200)
async def cancel(
    request: Request[Any, Any, Any], scheduling: SchedulingDeps, pid: uuid.UUID, principal: Principal
) -> PublicationOut:
    item = await uc.cancel(
        pid,
        principal=principal,
        uow_factory=scheduling.uow_factory,
        clock=scheduling.clock,
        seen_version=if_match_version(request),
    )
    return to_out(item)


@post("/v1/schedule/{pid:uuid}/retry", opt=USER, status_code=202)
async def retry(
    scheduling: SchedulingDeps, pid: uuid.UUID, principal: Principal, data: RetryIn | None = None
) -> PublicationOut:
    item = await uc.retry_now(
        pid,
        principal=principal,
        uow_factory=scheduling.uow_factory,
        clock=scheduling.clock,
        confirm_repost=bool(data and data.confirm_repost),
    )
    return to_out(item)


@post("/v1/schedule/{pid:uuid}/confirm-published", opt=USER, status_code=200)
async def confirm_published(
    scheduling: SchedulingDeps,
    pid: uuid.UUID,
    principal: Principal,
    data: ConfirmPublishedIn | None = None,
) -> PublicationOut:
    item = await uc.confirm_published(
        pid,
        data.post_urn if data else None,
        principal=principal,
        uow_factory=scheduling.uow_factory,
        clock=scheduling.clock,
    )
    return to_out(item)


@get("/v1/schedule/settings", opt=USER)
async def get_settings(scheduling: SchedulingDeps, principal: Principal) -> Response[QueueSettingsOut]:
    s = await settings_uc.get_settings(principal=principal, uow_factory=scheduling.uow_factory)
    return Response(settings_out(s), headers={"ETag": etag(s.version)})


@put("/v1/schedule/settings", opt=USER | IF_MATCH)
async def put_settings(
    request: Request[Any, Any, Any], scheduling: SchedulingDeps, data: QueueSettingsIn, principal: Principal
) -> Response[QueueSettingsOut]:
    slots = [TimeSlot(s.weekday, s.time) for s in data.slots] if data.slots is not None else None
    s = await settings_uc.update_settings(
        settings_uc.SettingsCommand(
            timezone=data.timezone,
            slots=slots,
            min_gap_minutes=data.min_gap_minutes,
            move_scheduled=data.move_scheduled,
            paused=data.paused,
            paused_until=data.paused_until,
        ),
        expected_version=expected_version(request),
        principal=principal,
        uow_factory=scheduling.uow_factory,
        clock=scheduling.clock,
    )
    return Response(settings_out(s), headers={"ETag": etag(s.version)})


@post("/v1/schedule/pause", opt=USER, status_code=200)
async def pause(scheduling: SchedulingDeps, principal: Principal) -> QueueSettingsOut:
    return settings_out(await settings_uc.set_paused(
        True, principal=principal, uow_factory=scheduling.uow_factory, clock=scheduling.clock))


@post("/v1/schedule/resume", opt=USER, status_code=200)
async def resume(scheduling: SchedulingDeps, principal: Principal) -> QueueSettingsOut:
    return settings_out(await settings_uc.set_paused(
        False, principal=principal, uow_factory=scheduling.uow_factory, clock=scheduling.clock))


@post("/v1/schedule/imports", opt=USER_UPLOAD, status_code=202, operation_class=file_upload(
    "text/csv", description="The CSV: the body itself (`Content-Type: text/csv`) or the field `file` of a form."))
async def start_import(
    request: Request[Any, Any, Any], scheduling: SchedulingDeps, principal: Principal
) -> Response[ImportOut]:
    """Bulk scheduling from a CSV, sent raw (``text/csv``) or as a browser's form upload."""
    progress = await import_uc.start_import(
        await uploaded_file(request), principal=principal, uow_factory=scheduling.uow_factory, clock=scheduling.clock
    )
    return Response(
        import_out(progress), status_code=202, headers={"Location": f"/v1/schedule/imports/{progress.id}"}
    )


@get("/v1/schedule/imports/{import_id:uuid}", opt=USER)
async def get_import(scheduling: SchedulingDeps, import_id: uuid.UUID, principal: Principal) -> ImportOut:
    return import_out(
        await import_uc.get_import(import_id, principal=principal, uow_factory=scheduling.uow_factory)
    )


@get("/v1/schedule/export", opt=USER | files("text/csv"))
async def export(scheduling: SchedulingDeps, principal: Principal) -> Response[Any]:
    text = await import_uc.export_schedule(principal=principal, uow_factory=scheduling.uow_factory)
    return Response(
        text.encode("utf-8-sig"),
        media_type="text/csv",  # Litestar adds the charset of text types
        headers={"Content-Disposition": 'attachment; filename="schedule.csv"'},
    )


@get("/v1/schedule/recommendations", opt=USER)
async def recommendations(
    scheduling: SchedulingDeps,
    principal: Principal,
    top: int = Parameter(default=5, ge=1, le=times_uc.HOURS_IN_WEEK),
) -> RecommendationsOut:
    zone_name, recs = await times_uc.recommend_times(
        principal=principal, uow_factory=scheduling.uow_factory, clock=scheduling.clock, top=top
    )
    return RecommendationsOut(
        timezone=zone_name,
        items=[
            RecommendationOut(
                weekday=r.weekday,
                hour=r.hour,
                label=r.label,
                expected_rate=r.expected_rate,
                prior_rate=r.prior_rate,
                own_weight=r.own_weight,
                explanation=r.explanation,
            )
            for r in recs
        ],
    )


ROUTES = [
    schedule_post,
    schedule_recurring,
    list_recurring,
    stop_recurring,
    post_now,
    calendar,
    get_one,
    move,
    cancel,
    retry,
    confirm_published,
    get_settings,
    put_settings,
    pause,
    resume,
    start_import,
    get_import,
    export,
    recommendations,
]
