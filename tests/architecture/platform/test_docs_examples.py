"""The runnable examples in docs/ run, and print what the docs say they print."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_library_example_runs(tmp_path: Path) -> None:
    text = (DOCS / "library.md").read_text()
    code = re.search(r"```python\n(.*?)```", text, re.S)
    assert code, "docs/library.md lost its example"
    script = tmp_path / "example.py"
    script.write_text(code.group(1))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                         env={"PATH": "/usr/bin:/bin", "INERGIZE_PASSWORD_HASH_PROFILE": "fast"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["True", "2 We shipped it."]
