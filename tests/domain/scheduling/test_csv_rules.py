"""CSV rules as properties: every row is reported at the line it starts on; exported cells are inert."""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from inergize.domain.scheduling.bulk_csv import FORMULA_START, export_rows, parse, safe_cell

UTC = ZoneInfo("UTC")
cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)


def _lines_before(text: str) -> int:
    return len(io.StringIO(text, newline="").readlines())


@given(texts=st.lists(cell_text, min_size=1, max_size=12))
def test_each_row_is_reported_at_the_line_it_starts_on(texts: list[str]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["text", "time"])
    starts = []
    for t in texts:
        starts.append(_lines_before(out.getvalue()) + 1)
        writer.writerow([t, "next"])
    rows, errors = parse(out.getvalue(), UTC)
    assert sorted([r.line for r in rows] + [e.line for e in errors]) == starts
    by_line = {r.line: r for r in rows}
    for line, t in zip(starts, texts, strict=True):
        if t.strip():
            assert by_line[line].text == t.strip() and by_line[line].at is None
        else:
            assert any(e.line == line and "empty" in e.reason for e in errors)


@given(value=st.text(max_size=30))
def test_exported_cells_never_start_a_formula(value: str) -> None:
    safe = safe_cell(value)
    assert not safe.startswith(FORMULA_START)
    assert safe in (value, "'" + value)
    parsed = list(csv.reader(io.StringIO(export_rows(["v"], [[value]]), newline="")))
    assert parsed[1] == [safe]
