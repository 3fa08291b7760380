"""``scripts/dump_openapi.py``: the document the web app's client is generated from is the app's own,
the same on every run and whatever the shell's settings, and printing it changes nothing on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "dump_openapi.py"


def dump(cwd: Path, **env: str) -> str:
    full = {k: v for k, v in os.environ.items() if not k.startswith("INERGIZE_")} | env
    return subprocess.run([sys.executable, str(SCRIPT)], cwd=cwd, env=full, capture_output=True, text=True,
                          check=True, timeout=120).stdout


def test_the_dump_is_the_apps_schema_deterministic_and_without_side_effects(tmp_path: Path) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    # settings of a real deployment in the shell must not change the document or be touched
    first = dump(cwd, INERGIZE_DATA_DIR=str(tmp_path / "data"), INERGIZE_METRICS_TOKEN="x" * 32)
    second = dump(cwd)
    assert first == second
    doc = json.loads(first)
    assert first == json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert doc["openapi"].startswith("3.") and "/v1/auth/login" in doc["paths"]
    pages = [p for p in doc["paths"] if p == "/" or ("{path" in p and not p.startswith("/schema"))]
    assert pages == [], "the web app's pages are not API"
    assert list(cwd.iterdir()) == [] and not (tmp_path / "data").exists()
