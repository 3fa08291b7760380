"""``WorkbookReader`` over openpyxl (read-only mode: streams rows, never evaluates formulas)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from inergize.domain.platform.errors import ValidationFailed


class OpenpyxlWorkbookReader:
    def read(self, data: bytes, *, max_cells: int = 2_000_000) -> dict[str, list[list[Any]]]:
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise ValidationFailed(
                "The file is not a readable XLSX workbook.", code="workbook_unreadable", field="file"
            ) from exc
        sheets: dict[str, list[list[Any]]] = {}
        cells = 0
        try:
            for ws in book.worksheets:
                rows = []
                for row in ws.iter_rows(values_only=True):
                    cells += len(row)
                    if cells > max_cells:
                        raise ValidationFailed(
                            "The workbook is too large.", code="workbook_too_large", field="file"
                        )
                    rows.append(list(row))
                sheets[ws.title] = rows
        finally:
            book.close()
        return sheets
