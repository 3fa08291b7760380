from __future__ import annotations

from pathlib import Path

from inergize.settings import PREFIX, Settings

DOC = Path(__file__).resolve().parents[3] / "docs" / "configuration.md"


def test_every_setting_is_documented() -> None:
    text = DOC.read_text()
    missing = [PREFIX + f.upper() for f in Settings.__struct_fields__ if f"`{PREFIX}{f.upper()}`" not in text]
    assert missing == [], "add these to docs/configuration.md"
