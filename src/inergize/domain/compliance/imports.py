"""Campaign targets from outside: CSV files (LinkedIn's ``Connections.csv`` export or a plain list) and
post URLs for engagement campaigns."""

from __future__ import annotations

import csv
import io
import re

import msgspec

from inergize.domain.compliance.targets import target_key
from inergize.domain.platform.errors import ValidationFailed

MAX_TARGETS = 5000
_URL_COLUMNS = ("url", "profile url", "profile", "linkedin", "linkedin url", "urn", "member urn")
_POST_URN = re.compile(r"urn:li:(?:activity|share|ugcPost):[A-Za-z0-9_-]+")


class ImportedTarget(msgspec.Struct, frozen=True, kw_only=True):
    key: str
    name: str = ""
    company: str = ""
    headline: str = ""
    urn: str | None = None
    url: str | None = None


def parse_targets_csv(text: str) -> list[ImportedTarget]:
    """People from a CSV: the header is found by its columns (LinkedIn's export has a preamble), a URL or
    URN column is required, names/company/position are optional. Duplicates are dropped."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header_at = -1
    for index, row in enumerate(rows):
        header = [cell.strip().lower() for cell in row]
        url_col = next((header.index(c) for c in _URL_COLUMNS if c in header), None)
        if url_col is not None:
            header_at = index
            break
    else:
        raise ValidationFailed("The CSV needs a column named URL (a profile URL) or URN.", field="csv")

    def col(row: list[str], *names: str) -> str:
        for name in names:
            if name in header and header.index(name) < len(row):
                return row[header.index(name)].strip()
        return ""

    out: dict[str, ImportedTarget] = {}
    for row in rows[header_at + 1:]:
        if url_col >= len(row) or not row[url_col].strip():
            continue
        raw = row[url_col].strip()
        name = col(row, "name", "full name") or " ".join(
            p for p in (col(row, "first name"), col(row, "last name")) if p)
        key = target_key(raw)
        out.setdefault(key, ImportedTarget(
            key=key, name=name[:200], company=col(row, "company")[:200],
            headline=(col(row, "headline") or col(row, "position"))[:300],
            urn=raw if raw.startswith("urn:") else None, url=None if raw.startswith("urn:") else raw))
        if len(out) > MAX_TARGETS:
            raise ValidationFailed(f"A campaign takes at most {MAX_TARGETS} targets at once.", field="csv")
    return list(out.values())


def post_target(url_or_urn: str) -> ImportedTarget:
    """A post to engage with, from its URL (``…/feed/update/urn:li:activity:123/``) or URN."""
    match = _POST_URN.search(url_or_urn.strip())
    if match is None:
        raise ValidationFailed("That is not a LinkedIn post URL or URN.", field="posts")
    return ImportedTarget(key=match.group(0), urn=match.group(0), url=url_or_urn.strip())
