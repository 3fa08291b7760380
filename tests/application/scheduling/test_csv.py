"""Bulk scheduling from CSV (good rows imported, bad rows reported by line) and the safe export, on the
in-memory unit of work."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

from inergize.application.scheduling import bulk_csv as imp
from inergize.application.scheduling import queue_settings as ss
from inergize.application.scheduling import schedule as uc
from inergize.domain.scheduling.publication import PublicationState
from inergize.domain.scheduling.schedules import TimeSlot, to_local
from tests.support.memory_container import memory_container, memory_make_user  # noqa: F401  (fixtures)
from tests.support.scheduling import BERLIN, update_queue_settings


async def test_csv_with_good_and_bad_rows_imports_the_good_ones_and_reports_each_bad_line(
    container: Any, make_user: Any, clock: Any
) -> None:
    user = await make_user(timezone="Europe/Berlin")
    factory = container.uow_factory()
    await update_queue_settings(
        container, user, clock, ss.SettingsCommand(slots=[TimeSlot(2, "08:30"), TimeSlot(4, "08:30")])
    )
    data = (
        "\ufefftext,media,time\r\n"
        "First post,,2026-03-10 09:00\r\n"  # line 2: local Berlin time
        '"A post over\r\ntwo lines",,next\r\n'  # line 3 (ends on 4): next free slot
        ",,2026-03-11 09:00\r\n"  # line 5: empty text
        "Fetch this,https://evil.example/x.png,\r\n"  # line 6: URL media refused
        "Bad time,,tomorrow-ish\r\n"  # line 7
        "In the past,,2026-01-01T09:00:00+01:00\r\n"  # line 8
        "Too close to the first,,2026-03-10 09:20\r\n"  # line 9: inside the 60-minute gap
        "Extra,,2026-03-12 10:00,surplus\r\n"  # line 10: more cells than the header
        "Third post,,2026-03-12T10:00:00Z\r\n"  # line 11: an instant
        + "x" * 3001
        + ",,\r\n"  # line 12: too long for LinkedIn
    ).encode()
    started = await imp.start_import(data, principal=user.principal, uow_factory=factory, clock=clock)
    assert started.state == "running"
    done = await imp.run_import(started.id, uow_factory=factory, clock=clock, moderator=None)
    assert done is not None and done.state == "done"
    assert (done.total_rows, done.processed_rows, done.imported) == (10, 10, 3)
    assert [e["line"] for e in done.errors] == [5, 6, 7, 8, 9, 10, 12]
    reasons = {e["line"]: e["reason"] for e in done.errors}
    assert "not a URL" in reasons[6] and "past" in reasons[8] and "60 minutes" in reasons[9]
    progress = await imp.get_import(started.id, principal=user.principal, uow_factory=factory)
    assert progress.source is None and progress.imported == 3
    # the good rows are scheduled posts; nothing of the bad rows exists (no half-imported row)
    _, items = await uc.calendar(
        clock.now().date(),
        clock.now().date() + timedelta(days=30),
        principal=user.principal,
        uow_factory=factory,
    )
    texts = {p.text: p for p in items}
    assert set(texts) == {"First post", "A post over\r\ntwo lines", "Third post"}
    assert to_local(texts["First post"].due_at, BERLIN).strftime("%Y-%m-%d %H:%M") == "2026-03-10 09:00"
    assert to_local(texts["A post over\r\ntwo lines"].due_at, BERLIN).strftime("%a %H:%M") == "Tue 08:30"
    assert all(p.source == "csv" and p.state is PublicationState.SCHEDULED for p in items)
    async with factory(read_only=True) as uow:
        page = await uow.content.list_for_user(user.user.id, limit=50, cursor=None)
    assert len(page.items) == 3
    # running the job again (a redelivery) imports nothing twice
    again = await imp.run_import(started.id, uow_factory=factory, clock=clock, moderator=None)
    assert again is not None and again.imported == 3


async def test_export_neutralises_spreadsheet_formulas(container: Any, make_user: Any, clock: Any) -> None:
    user = await make_user()
    factory = container.uow_factory()
    data = b'text,time\n"=HYPERLINK(""http://evil"",""x"")",2026-03-20T09:00:00Z\n+SUM(A1),2026-03-21T09:00:00Z\n'
    started = await imp.start_import(data, principal=user.principal, uow_factory=factory, clock=clock)
    done = await imp.run_import(started.id, uow_factory=factory, clock=clock, moderator=None)
    assert done is not None and done.imported == 2, done.errors
    exported = await imp.export_schedule(principal=user.principal, uow_factory=factory)
    rows = list(csv.reader(io.StringIO(exported)))
    assert rows[0][:3] == ["id", "state", "local_time"]
    texts = sorted(r[5] for r in rows[1:])
    assert texts == ["'+SUM(A1)", '\'=HYPERLINK("http://evil","x")']
