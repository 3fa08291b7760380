"""Prints the API's OpenAPI document as the web app's copy stores it (sorted keys, indented).

Uses the repository's `scripts/dump_openapi.py` when it exists; the data directory comes from
INERGIZE_DATA_DIR (a temporary one, so nothing of a developer's `var/` is touched)."""

from __future__ import annotations

import json
import runpy
import sys
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DUMP = ROOT / "scripts" / "dump_openapi.py"


def schema() -> dict:
    if DUMP.exists():
        captured, sys.stdout = sys.stdout, StringIO()
        try:
            runpy.run_path(str(DUMP), run_name="__main__")
            return json.loads(sys.stdout.getvalue())
        finally:
            sys.stdout = captured
    from inergize.bootstrap import bootstrap
    from inergize.entrypoints.http.app import create_app

    return create_app(bootstrap()).openapi_schema.to_schema()


if __name__ == "__main__":
    print(json.dumps(schema(), sort_keys=True, indent=2))
