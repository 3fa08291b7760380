"""The WorkbookReader contract over the fake (stored workbooks) and openpyxl (the embedded default and
production alike): the same sheets written for each, read back the same."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from openpyxl import Workbook

from inergize.adapters.spreadsheets import OpenpyxlWorkbookReader
from inergize.domain.platform.errors import ValidationFailed
from inergize.ports.workbook import WorkbookReader
from tests.fakes.workbook import StoredWorkbookReader

Sheets = dict[str, list[list[Any]]]


def xlsx(sheets: Sheets) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(params=["fake", "openpyxl"])
def workbooks(request: pytest.FixtureRequest) -> tuple[WorkbookReader, Callable[[Sheets], bytes]]:
    """A reader and how to make the bytes of a workbook it reads."""
    if request.param == "fake":
        reader = StoredWorkbookReader()
        return reader, reader.store
    return OpenpyxlWorkbookReader(), xlsx


SHEETS: Sheets = {
    "DISCOVERY": [["Overall Performance", "1/1/2026 - 1/31/2026"], ["Impressions", 12045],
                  ["Members reached", 3021]],
    "ENGAGEMENT": [["Date", "Impressions", "Engagements", "Rate"],
                   [datetime(2026, 1, 1), 310, 12, 0.5], [datetime(2026, 1, 2), 290, None, 0.25]],
}


def test_every_sheet_is_read_in_order_with_its_values(workbooks: Any) -> None:
    reader, make = workbooks
    read = reader.read(make(SHEETS))
    assert list(read) == ["DISCOVERY", "ENGAGEMENT"]
    assert read["ENGAGEMENT"] == SHEETS["ENGAGEMENT"]
    assert read["DISCOVERY"][1] == ["Impressions", 12045]


def test_short_rows_are_filled_with_none_to_the_sheets_width(workbooks: Any) -> None:
    reader, make = workbooks
    read = reader.read(make({"Posts": [["url", "date", "impressions"], ["https://x/1"], ["https://x/2", None, 5]]}))
    assert read["Posts"] == [["url", "date", "impressions"], ["https://x/1", None, None], ["https://x/2", None, 5]]


def test_a_workbook_over_the_cell_limit_is_refused(workbooks: Any) -> None:
    reader, make = workbooks
    data = make({"Big": [[i, i + 1] for i in range(10)]})
    assert len(reader.read(data, max_cells=20)["Big"]) == 10
    with pytest.raises(ValidationFailed) as info:
        reader.read(data, max_cells=19)
    assert info.value.code == "workbook_too_large"


@pytest.mark.parametrize("data", [b"", b"not a workbook", b"PK\x03\x04broken zip"])
def test_bytes_that_are_not_a_workbook_are_refused(workbooks: Any, data: bytes) -> None:
    reader, _ = workbooks
    with pytest.raises(ValidationFailed) as info:
        reader.read(data)
    assert info.value.code == "workbook_unreadable"
