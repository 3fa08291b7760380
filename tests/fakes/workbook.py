"""A ``WorkbookReader`` over workbooks a test stored: ``store`` keeps the sheets and hands back the bytes
that stand for the file; reading them gives the sheets back as openpyxl does (rows padded with None to
the sheet's width), and anything else is not a readable workbook."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from inergize.domain.platform.errors import ValidationFailed


class StoredWorkbookReader:
    def __init__(self) -> None:
        self.books: dict[bytes, dict[str, list[list[Any]]]] = {}

    def store(self, sheets: dict[str, list[list[Any]]]) -> bytes:
        """The bytes of a workbook holding ``sheets`` (name -> rows), in this order."""
        data = b"fake-workbook:" + uuid.uuid4().hex.encode()
        self.books[data] = copy.deepcopy(sheets)
        return data

    def read(self, data: bytes, *, max_cells: int = 2_000_000) -> dict[str, list[list[Any]]]:
        book = self.books.get(data)
        if book is None:
            raise ValidationFailed("The file is not a readable XLSX workbook.", code="workbook_unreadable",
                                   field="file")
        sheets: dict[str, list[list[Any]]] = {}
        cells = 0
        for name, rows in book.items():
            width = max((len(row) for row in rows), default=0)
            padded = [list(row) + [None] * (width - len(row)) for row in rows]
            cells += width * len(padded)
            if cells > max_cells:
                raise ValidationFailed("The workbook is too large.", code="workbook_too_large", field="file")
            sheets[name] = copy.deepcopy(padded)
        return sheets
