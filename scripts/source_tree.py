"""Print the package tree of ``src/inergize`` as docs/architecture.md shows it: one line per folder,
its modules after it (``python scripts/source_tree.py``). Migrations and fonts are counted, not listed."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src" / "inergize"
COUNTED = {"versions": "migrations", "fonts": "fonts", "templates": "templates"}


def lines(root: Path = ROOT) -> list[str]:
    out = []
    for folder in sorted(p for p in [root, *root.rglob("*")] if p.is_dir() and p.name != "__pycache__"):
        files = sorted(f for f in folder.iterdir() if f.is_file() and f.suffix != ".pyc")
        rel = folder.relative_to(root.parent).as_posix() + "/"
        depth = len(folder.relative_to(root).parts)
        label = "    " * depth + (rel.rsplit("/", 2)[-2] + "/" if depth else rel)
        if folder.name in COUNTED:
            names = f"({len([f for f in files if f.name != '__init__.py'])} {COUNTED[folder.name]})"
        else:
            names = " ".join(f.stem if f.suffix == ".py" else f.name for f in files if f.name != "__init__.py")
        out.append(f"{label:<36}{names}".rstrip())
    return out


if __name__ == "__main__":
    sys.stdout.write("\n".join(lines()) + "\n")
