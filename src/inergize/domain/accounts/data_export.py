"""A user's data export: everything stored about them, as the right of access and portability wants it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec

EXPORT_FORMAT = "inergize-export/1"


class DataExport(msgspec.Struct, frozen=True, kw_only=True):
    """Table name → the user's rows as JSON-ready values (hashes and other secrets left out)."""

    user_id: uuid.UUID
    exported_at: datetime
    tables: dict[str, list[dict[str, Any]]]
    format: str = EXPORT_FORMAT
