"""``WorkbookReader``: the cell values of a spreadsheet file, sheet by sheet (for imports)."""

from __future__ import annotations

from typing import Any, Protocol


class WorkbookReader(Protocol):
    def read(self, data: bytes, *, max_cells: int = 2_000_000) -> dict[str, list[list[Any]]]:
        """Sheet name -> rows of cell values (None for empty cells). Blocking: call it off the event loop.
        ``ValidationFailed`` when the bytes are not a readable workbook or hold more than ``max_cells``."""
        ...
