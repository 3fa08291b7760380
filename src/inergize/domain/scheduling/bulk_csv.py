"""Bulk scheduling CSV: parse and check rows (with the line each starts on), and export cells that a
spreadsheet will not run as formulas.

Columns (header row required, names case-insensitive): ``text`` (required), ``media`` (optional: the id
of an item of the user's content library whose media is attached — never a URL the server would
fetch), ``time`` (optional: ISO 8601 with an offset, a local ``YYYY-MM-DD HH:MM`` in the user's zone, or
empty / ``next`` for the queue's next free slot).
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import msgspec

from inergize.domain.platform.errors import ValidationFailed
from inergize.domain.scheduling.schedules import resolve_local

MAX_POST_LENGTH = 3000  # LinkedIn's commentary limit
MAX_ROWS = 5000
NEXT_SLOT_WORDS = {"", "next", "next free slot", "next slot", "queue"}
COLUMNS = ("text", "media", "time")
# A cell starting with one of these is a formula to Excel / LibreOffice / Sheets (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


class CsvRow(msgspec.Struct, frozen=True, kw_only=True):
    line: int
    text: str
    media_id: uuid.UUID | None = None
    at: datetime | None = None  # None: next free slot


class RowError(msgspec.Struct, frozen=True):
    line: int
    reason: str


def _time(raw: str, tz: ZoneInfo) -> datetime | None:
    value = raw.strip()
    if value.lower() in NEXT_SLOT_WORDS:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError as exc:
        raise ValidationFailed(f"time {value!r} is not ISO 8601 (e.g. 2026-05-04 09:30) or 'next'.") from exc
    if parsed.tzinfo is None:  # a wall-clock time in the user's zone, resolved like a slot
        return resolve_local(parsed.replace(second=0, microsecond=0), tz)
    return parsed


def check_row(line: int, record: dict[str, str], tz: ZoneInfo) -> CsvRow:
    """One row as a command, or ``ValidationFailed`` saying what is wrong with it."""
    text = (record.get("text") or "").strip()
    if not text:
        raise ValidationFailed("text is empty.")
    if len(text) > MAX_POST_LENGTH:
        raise ValidationFailed(f"text is {len(text)} characters; LinkedIn allows {MAX_POST_LENGTH}.")
    media_raw = (record.get("media") or "").strip()
    media_id = None
    if media_raw:
        if "://" in media_raw or media_raw.lower().startswith("www."):
            raise ValidationFailed("media must be the id of an item in your content library, not a URL.")
        try:
            media_id = uuid.UUID(media_raw)
        except ValueError as exc:
            raise ValidationFailed(f"media {media_raw[:60]!r} is not a content-library id.") from exc
    return CsvRow(line=line, text=text, media_id=media_id, at=_time(record.get("time") or "", tz))


def parse(data: str, tz: ZoneInfo) -> tuple[list[CsvRow], list[RowError]]:
    """All rows of a CSV: the good ones as commands, the bad ones with the line they start on.

    ``ValidationFailed`` for a file that cannot be read at all (no ``text`` column, too many rows)."""
    rows: list[CsvRow] = []
    errors: list[RowError] = []
    for line, record in _records(data):
        if len(rows) + len(errors) >= MAX_ROWS:
            raise ValidationFailed(f"A file holds at most {MAX_ROWS} rows; split it.", field="file")
        if isinstance(record, str):
            errors.append(RowError(line, record))
            continue
        try:
            rows.append(check_row(line, record, tz))
        except ValidationFailed as exc:
            errors.append(RowError(line, exc.detail))
    return rows, errors


def _records(data: str) -> Iterator[tuple[int, dict[str, str] | str]]:
    """(line the record starts on, its cells by column) or (line, why it cannot be read)."""
    reader = csv.reader(io.StringIO(data.lstrip("\ufeff"), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationFailed("The file is empty.", field="file") from None
    except csv.Error as exc:
        raise ValidationFailed(f"The file is not CSV: {exc}", field="file") from exc
    names = [h.strip().lower() for h in header]
    if "text" not in names:
        raise ValidationFailed("The header needs a 'text' column (optionally 'media' and 'time').",
                               field="file")
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # the rest of the file cannot be split into rows reliably
            yield start, f"the file cannot be read from here on: {exc}"
            return
        line, start = start, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue  # blank lines are not rows
        if len(cells) > len(names):
            yield line, "the row has more cells than the header."
            continue
        yield line, {n: c for n, c in zip(names, cells, strict=False) if n in COLUMNS}


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading formula character is neutralised with ``'``."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def export_rows(header: list[str], rows: list[list[object]]) -> str:
    """CSV text with every cell made safe (CRLF line ends, as spreadsheets expect)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()
