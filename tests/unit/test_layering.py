"""The hexagon's walls: domain imports only domain; ports only domain; application only both."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "inergize"
ALLOWED = {
    "domain": {"domain"},
    "ports": {"domain", "ports"},
    "application": {"domain", "ports", "application"},
}
# Outside libraries the pure layers may use: the standard library plus msgspec.
THIRD_PARTY_ALLOWED = {"msgspec"}


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def violations(layer: str, root: Path = SRC) -> list[str]:
    import sys

    stdlib = set(sys.stdlib_module_names)
    bad = []
    for path in sorted((root / layer).rglob("*.py")):
        for line, module in imports_of(path):
            top = module.split(".")[0]
            if top == "inergize":
                parts = module.split(".")
                target = parts[1] if len(parts) > 1 else ""
                if target not in ALLOWED[layer]:
                    bad.append(f"{path.relative_to(root)}:{line} imports {module}")
            elif top not in stdlib and top not in THIRD_PARTY_ALLOWED and top != "__future__":
                bad.append(f"{path.relative_to(root)}:{line} imports third-party {module}")
    return bad


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    assert violations(layer) == []


def test_the_check_catches_a_violation(tmp_path: Path) -> None:
    (tmp_path / "domain").mkdir()
    (tmp_path / "domain" / "bad.py").write_text("from inergize.adapters.persistence import engine\nimport sqlalchemy\n")
    assert len(violations("domain", tmp_path)) == 2


def test_only_bootstrap_imports_adapters() -> None:
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if rel.parts[0] in ("adapters", "bootstrap"):
            continue
        for line, module in imports_of(path):
            if module.startswith("inergize.adapters"):
                bad.append(f"{rel}:{line} imports {module}")
    assert bad == [], "only the composition root (bootstrap/) may import adapters"
