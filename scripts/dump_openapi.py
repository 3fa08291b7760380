"""Print the API's OpenAPI document as deterministic JSON (sorted keys, two-space indent).

Built on the embedded defaults, whatever ``INERGIZE_*`` the shell has, with a temporary data directory
removed afterwards: nothing is migrated, generated or written, so the output depends only on the code.
The web app's typed client is generated from it (``make web-api``).

    python scripts/dump_openapi.py > openapi.json
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any


def openapi_document() -> dict[str, Any]:
    from inergize.bootstrap import bootstrap
    from inergize.entrypoints.http.app import create_app
    from inergize.settings import load_settings

    with tempfile.TemporaryDirectory(prefix="inergize-openapi-") as data_dir:
        settings = load_settings({}, data_dir=Path(data_dir), web_dir=Path(data_dir) / "web")
        document: dict[str, Any] = create_app(bootstrap(settings)).openapi_schema.to_schema()
    return document


def main() -> None:
    sys.stdout.write(json.dumps(openapi_document(), sort_keys=True, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
