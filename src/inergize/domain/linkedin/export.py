"""LinkedIn's "Get a copy of your data" archive: a safe ZIP reader and tolerant CSV parsers.

Parse defensively: preambles before the header (``Notes:`` in Connections.csv), a UTF-8 BOM, CRLF,
any column order, file names in any case. A hostile archive (path traversal, zip bomb, too many or too
large files) is refused with a clear ``ValidationFailed``. Pure functions over bytes; callers run them
off the event loop."""

from __future__ import annotations

import csv
import io
import posixpath
import zipfile
from datetime import UTC, datetime
from typing import Any

import msgspec

from inergize.domain.platform.errors import ValidationFailed

MAX_FILES = 5_000
MAX_RATIO = 200  # uncompressed / compressed; CSV compresses ~10x, bombs 1000x+
MAX_MEMBER_BYTES = 100 * 1024 * 1024
_CHUNK = 1 << 16


class ExportData(msgspec.Struct, kw_only=True):
    profile: dict[str, str] = msgspec.field(default_factory=dict)
    positions: list[dict[str, str]] = msgspec.field(default_factory=list)
    education: list[dict[str, str]] = msgspec.field(default_factory=list)
    skills: list[str] = msgspec.field(default_factory=list)
    connections: list[dict[str, Any]] = msgspec.field(default_factory=list)
    shares: list[dict[str, Any]] = msgspec.field(default_factory=list)
    recommendations_received: int = 0
    certifications: list[str] = msgspec.field(default_factory=list)
    languages: list[str] = msgspec.field(default_factory=list)
    files: list[str] = msgspec.field(default_factory=list)  # the CSV files recognised
    skipped_rows: int = 0


class ArchiveImported(msgspec.Struct, frozen=True, kw_only=True):
    """What an upload of the data archive brought in (counts of what it held; events new to us)."""

    files: list[str]
    positions: int
    skills: int
    education: int
    connections: int
    posts: int
    events_added: int
    skipped_rows: int
    score: int  # the profile's completeness score after the import


def _bad(detail: str, code: str) -> ValidationFailed:
    return ValidationFailed(detail, code=code, field="file")


def read_zip_csvs(data: bytes, *, max_total_bytes: int) -> dict[str, str]:
    """The CSV files of an archive as text, keyed by lower-case base name. Refuses traversal, bombs and
    oversize archives before and while decompressing (declared sizes can lie)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _bad("The file is not a ZIP archive.", "export_not_zip") from exc
    if len(infos) > MAX_FILES:
        raise _bad(f"The archive holds more than {MAX_FILES} files.", "export_too_many_files")
    declared = 0
    for info in infos:
        name = info.filename.replace("\\", "/")
        norm = posixpath.normpath(name)
        if name.startswith("/") or norm.startswith("..") or "/../" in f"/{name}" or ":" in name.split("/")[0]:
            raise _bad(f"The archive contains an unsafe path ({info.filename!r}).", "export_unsafe_path")
        if (
            info.compress_size
            and info.file_size / info.compress_size > MAX_RATIO
            and info.file_size > 1 << 20
        ):
            raise _bad("The archive looks like a zip bomb (compression ratio too high).", "export_zip_bomb")
        declared += info.file_size
        if info.file_size > MAX_MEMBER_BYTES or declared > max_total_bytes:
            raise _bad("The archive is too large once uncompressed.", "export_too_large")
    out: dict[str, str] = {}
    total = 0
    for info in infos:
        if info.is_dir() or not info.filename.lower().endswith(".csv"):
            continue
        chunks: list[bytes] = []
        size = 0
        try:
            with archive.open(info) as fh:
                while chunk := fh.read(_CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    if size > max(info.file_size, 0) or total > max_total_bytes:  # lying headers
                        raise _bad("The archive is too large once uncompressed.", "export_too_large")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:  # encrypted, corrupt, bad CRC
            raise _bad(f"{info.filename} cannot be read from the archive.", "export_corrupt") from exc
        text = b"".join(chunks).decode("utf-8-sig", errors="replace")
        out[posixpath.basename(info.filename.replace("\\", "/")).lower()] = text
    return out


def _norm(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().lower().split())


def read_table(text: str, required: set[str]) -> tuple[list[dict[str, str]], int]:
    """Rows of the first table whose header has every ``required`` column (normalised names), wherever
    it starts; rows that are too short are skipped and counted."""
    rows = list(csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n"))))
    for i, row in enumerate(rows):
        header = [_norm(c) for c in row]
        if required <= set(header):
            out, skipped = [], 0
            for raw in rows[i + 1 :]:
                if not any(c.strip() for c in raw):
                    continue
                if len(raw) < len(required):
                    skipped += 1
                    continue
                out.append({h: (raw[j].strip() if j < len(raw) else "") for j, h in enumerate(header) if h})
            return out, skipped
    return [], 0


def _date(value: str, *formats: str) -> datetime | None:
    for fmt in formats:
        try:
            return datetime.strptime(value.strip(), fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def parse_export(files: dict[str, str]) -> ExportData:
    """Everything the archive says about the member, from the files it has (any may be missing)."""
    data = ExportData()

    def table(name: str, required: set[str]) -> list[dict[str, str]]:
        if name not in files:
            return []
        rows, skipped = read_table(files[name], required)
        data.skipped_rows += skipped
        data.files.append(name)
        return rows

    for row in table("profile.csv", {"first name", "last name"})[:1]:
        data.profile = {
            "full_name": f"{row.get('first name', '')} {row.get('last name', '')}".strip(),
            "headline": row.get("headline", ""),
            "summary": row.get("summary", ""),
            "industry": row.get("industry", ""),
            "location": row.get("geo location", ""),
            "websites": row.get("websites", ""),
        }
    for row in table("positions.csv", {"company name", "title"}):
        data.positions.append(
            {
                "company": row.get("company name", ""),
                "title": row.get("title", ""),
                "description": row.get("description", ""),
                "location": row.get("location", ""),
                "started_on": row.get("started on", ""),
                "finished_on": row.get("finished on", ""),
            }
        )
    for row in table("education.csv", {"school name"}):
        data.education.append(
            {
                "school": row.get("school name", ""),
                "degree": row.get("degree name", ""),
                "start": row.get("start date", ""),
                "end": row.get("end date", ""),
            }
        )
    data.skills = [r["name"] for r in table("skills.csv", {"name"}) if r.get("name")]
    for row in table("connections.csv", {"first name", "last name", "connected on"}):
        data.connections.append(
            {
                "name": f"{row.get('first name', '')} {row.get('last name', '')}".strip(),
                "url": row.get("url", ""),
                "company": row.get("company", ""),
                "position": row.get("position", ""),
                "connected_on": _date(row.get("connected on", ""), "%d %b %Y", "%d %B %Y", "%Y-%m-%d"),
            }
        )
    for row in table("shares.csv", {"date", "sharelink"}):
        data.shares.append(
            {
                "date": _date(row.get("date", ""), "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"),
                "link": row.get("sharelink", ""),
                "commentary": row.get("sharecommentary", ""),
                "shared_url": row.get("sharedurl", ""),
                "media_url": row.get("mediaurl", ""),
                "visibility": row.get("visibility", ""),
            }
        )
    data.recommendations_received = len(table("recommendations_received.csv", {"first name"}))
    data.certifications = [r["name"] for r in table("certifications.csv", {"name"}) if r.get("name")]
    data.languages = [r["name"] for r in table("languages.csv", {"name"}) if r.get("name")]
    if not data.files:
        raise _bad(
            "No LinkedIn export files (Profile.csv, Positions.csv, Connections.csv…) were found in the "
            "archive.",
            "export_unrecognised",
        )
    return data
