"""The web app's typed client is generated from a committed copy of the OpenAPI document; these tests
fail when that copy no longer matches the API, so the client cannot drift from the server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
COMMITTED = ROOT / "web" / "src" / "api" / "openapi.json"
DUMP = ROOT / "scripts" / "dump_openapi.py"


def live_schema() -> dict:
    """What `make web-api` would write (the dump script builds on the embedded defaults only)."""
    out = subprocess.run([sys.executable, str(DUMP)], cwd=ROOT, capture_output=True, text=True, check=True,
                         timeout=120)
    return json.loads(out.stdout)


def test_the_committed_openapi_copy_matches_the_live_schema() -> None:
    committed = json.loads(COMMITTED.read_text())
    assert committed == live_schema(), (
        "web/src/api/openapi.json is out of date with the API: run `make web-api` and commit the result"
    )


def test_the_generated_types_are_committed_beside_the_copy() -> None:
    types = (ROOT / "web" / "src" / "api" / "schema.d.ts").read_text()
    assert "export interface paths" in types
    assert '"/v1/auth/login"' in types
