"""LinkedIn's creator analytics export (XLSX), read from its sheets' cell values into analytics events.

Older and newer formats both: numbers or numbers-as-text (``"1,234"``), fractions or ``"2%"`` / ``"< 1%"``,
dates as cells or ``M/D/YYYY`` text, plural or singular demographic categories. Every event carries a
``dedupe_key`` so importing the same (or an overlapping) export again adds nothing twice."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

import msgspec

from inergize.domain.platform.errors import ValidationFailed

Sheets = dict[str, list[list[Any]]]
_RANGE = re.compile(r"(\d{1,2}/\d{1,2}/\d{4})\s*-\s*(\d{1,2}/\d{1,2}/\d{4})")
CATEGORIES = {
    "job title": "job_titles",
    "job titles": "job_titles",
    "location": "locations",
    "locations": "locations",
    "industry": "industries",
    "industries": "industries",
    "seniority": "seniority",
    "company size": "company_size",
    "companies": "companies",
    "company": "companies",
}


class AnalyticsEvent(msgspec.Struct, frozen=True, kw_only=True):
    event_type: str
    subject: str
    value: int
    occurred_at: datetime
    payload: dict[str, Any]
    dedupe_key: str


class AnalyticsImported(msgspec.Struct, frozen=True, kw_only=True):
    """What an upload of the creator analytics workbook held, and how many events were new to us."""

    events_found: int
    events_added: int
    by_type: dict[str, int]  # event type -> events found
    sheets: list[str]


def _text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def as_int(cell: Any) -> int | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        return int(cell)
    digits = _text(cell).replace(",", "").replace(" ", "")
    return int(float(digits)) if re.fullmatch(r"-?\d+(\.\d+)?", digits) else None


def as_fraction(cell: Any) -> float | None:
    """0.02, "2%", "< 1%" (read as 0.005) or "0.02"."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell) if cell <= 1 else float(cell) / 100
    t = _text(cell).replace(" ", "")
    if t.startswith("<") and t.endswith("%"):
        return float(t[1:-1]) / 200
    if t.endswith("%"):
        try:
            return float(t[:-1]) / 100
        except ValueError:
            return None
    try:
        value = float(t)
    except ValueError:
        return None
    return value if value <= 1 else value / 100


def as_date(cell: Any) -> datetime | None:
    if isinstance(cell, datetime):
        return cell.replace(tzinfo=UTC) if cell.tzinfo is None else cell.astimezone(UTC)
    if isinstance(cell, date):
        return datetime(cell.year, cell.month, cell.day, tzinfo=UTC)
    t = _text(cell)
    for fmt in ("%m/%d/%Y", "%Y-%m-%d", "%m/%d/%y"):
        try:
            return datetime.strptime(t, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def _header_index(rows: list[list[Any]], first: str) -> int | None:
    for i, row in enumerate(rows):
        if any(_text(c).lower() == first for c in row):
            return i
    return None


def _dated_series(rows: list[list[Any]], columns: dict[str, str], source: str) -> list[AnalyticsEvent]:
    """``Date, <col>, <col>`` tables: one event per date and column."""
    start = _header_index(rows, "date")
    if start is None:
        return []
    header = [_text(c).lower() for c in rows[start]]
    out = []
    for row in rows[start + 1 :]:
        when = as_date(
            row[header.index("date")] if "date" in header and len(row) > header.index("date") else None
        )
        if when is None:
            continue
        for column, kind in columns.items():
            if column in header and header.index(column) < len(row):
                value = as_int(row[header.index(column)])
                if value is not None:
                    out.append(
                        AnalyticsEvent(
                            event_type=kind,
                            subject="account",
                            value=value,
                            occurred_at=when,
                            payload={"source_sheet": source},
                            dedupe_key=f"xlsx:{source}:{kind}:{when:%Y-%m-%d}",
                        )
                    )
    return out


def _top_posts(rows: list[list[Any]]) -> list[AnalyticsEvent]:
    start = _header_index(rows, "post url")
    if start is None:
        return []
    header = [_text(c).lower() for c in rows[start]]
    out = []
    for col, name in enumerate(header):  # two tables side by side: each starts with "post url"
        if name != "post url" or col + 2 >= len(header):
            continue
        metric = header[col + 2]
        kind = "post_engagements" if metric.startswith("engagement") else "post_impressions"
        for row in rows[start + 1 :]:
            if len(row) <= col + 2 or not _text(row[col]):
                continue
            url, when, value = _text(row[col]), as_date(row[col + 1]), as_int(row[col + 2])
            if value is None:
                continue
            out.append(
                AnalyticsEvent(
                    event_type=kind,
                    subject=url,
                    value=value,
                    occurred_at=when or datetime(1970, 1, 1, tzinfo=UTC),
                    payload={"published_on": when.date().isoformat() if when else None},
                    dedupe_key=f"xlsx:top_posts:{kind}:{url}",
                )
            )
    return out


def _followers_total(rows: list[list[Any]], imported_at: datetime) -> list[AnalyticsEvent]:
    for row in rows[:3]:
        for i, cell in enumerate(row):
            label = _text(cell)
            if label.lower().startswith("total followers"):
                m = re.search(r"(\d{1,2}/\d{1,2}/\d{4})", label)
                when = as_date(m.group(1)) if m else imported_at
                value = next((as_int(c) for c in row[i + 1 :] if as_int(c) is not None), None)
                if value is not None and when is not None:
                    return [
                        AnalyticsEvent(
                            event_type="followers_total",
                            subject="account",
                            value=value,
                            occurred_at=when,
                            payload={},
                            dedupe_key=f"xlsx:followers_total:{when:%Y-%m-%d}",
                        )
                    ]
    return []


def _discovery(rows: list[list[Any]]) -> list[AnalyticsEvent]:
    period, out = None, []
    for row in rows:
        cells = [_text(c) for c in row]
        for c in cells:
            if m := _RANGE.search(c):
                period = (as_date(m.group(1)), as_date(m.group(2)))
        label = cells[0].lower() if cells else ""
        if label in ("impressions", "members reached") and period and period[1]:
            value = next((as_int(c) for c in row[1:] if as_int(c) is not None), None)
            if value is not None:
                kind = "period_impressions" if label == "impressions" else "period_members_reached"
                out.append(
                    AnalyticsEvent(
                        event_type=kind,
                        subject="account",
                        value=value,
                        occurred_at=period[1],
                        payload={"from": period[0].date().isoformat() if period[0] else None},
                        dedupe_key=f"xlsx:discovery:{kind}:{period[0]:%Y-%m-%d}:{period[1]:%Y-%m-%d}",
                    )
                )
    return out


def _demographics(rows: list[list[Any]], imported_at: datetime) -> list[AnalyticsEvent]:
    start = _header_index(rows, "top demographics")
    if start is None:
        return []
    out = []
    for row in rows[start + 1 :]:
        if len(row) < 3:
            continue
        category = CATEGORIES.get(_text(row[0]).lower())
        share = as_fraction(row[2])
        if category is None or share is None or not _text(row[1]):
            continue
        out.append(
            AnalyticsEvent(
                event_type="follower_demographic",
                subject=f"{category}:{_text(row[1])}",
                value=round(share * 10_000),
                occurred_at=imported_at,  # basis points
                payload={"category": category, "value": _text(row[1]), "share": share},
                dedupe_key=f"xlsx:demographics:{category}:{_text(row[1])}:{imported_at:%Y-%m}",
            )
        )
    return out


def parse_creator_analytics(sheets: Sheets, imported_at: datetime) -> list[AnalyticsEvent]:
    """Every event the export holds; ``ValidationFailed`` when no known sheet is present."""
    by_name = {name.strip().upper(): rows for name, rows in sheets.items()}
    known = {"DISCOVERY", "ENGAGEMENT", "TOP POSTS", "FOLLOWERS", "DEMOGRAPHICS"}
    if not known & set(by_name):
        raise ValidationFailed(
            "This is not a LinkedIn creator analytics export (no DISCOVERY, ENGAGEMENT, "
            "TOP POSTS, FOLLOWERS or DEMOGRAPHICS sheet).",
            code="analytics_unrecognised",
            field="file",
        )
    events = _discovery(by_name.get("DISCOVERY", []))
    events += _dated_series(
        by_name.get("ENGAGEMENT", []),
        {"impressions": "impressions", "engagements": "engagements"},
        "engagement",
    )
    events += _top_posts(by_name.get("TOP POSTS", []))
    followers = by_name.get("FOLLOWERS", [])
    events += _followers_total(followers, imported_at)
    events += _dated_series(followers, {"new followers": "new_followers"}, "followers")
    events += _demographics(by_name.get("DEMOGRAPHICS", []), imported_at)
    return events
