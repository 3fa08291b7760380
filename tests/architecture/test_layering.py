"""The hexagon's walls: domain imports only domain; ports only domain; application only both. Around them:
only the composition root (bootstrap/) imports adapters, only entrypoints (and the root itself) import the
root, and adapters never reach up into the root or the entrypoints, nor read the settings (the root chooses)."""

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


# Who may import a package of ours: anyone not listed here may not (the package itself always may).
IMPORTERS = {
    "adapters": {"bootstrap"},
    "bootstrap": {"entrypoints"},
}
# Packages a layer never imports, whoever else may.
NEVER = {
    "adapters": {"bootstrap", "entrypoints", "settings"},  # adapters take values; bootstrap/ reads settings
    "entrypoints": {"adapters"},
}


def forbidden_imports(root: Path = SRC) -> list[str]:
    """Every import in ``root`` that breaks :data:`IMPORTERS` or :data:`NEVER`, as ``path:line imports x``."""
    bad = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        layer = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        for line, module in imports_of(path):
            parts = module.split(".")
            if parts[0] != "inergize" or len(parts) < 2 or parts[1] == layer:
                continue
            target = parts[1]
            if target in NEVER.get(layer, ()) or (target in IMPORTERS and layer not in IMPORTERS[target]):
                bad.append(f"{rel}:{line} imports {module}")
    return bad


def test_adapters_and_the_composition_root_are_imported_only_from_above() -> None:
    assert forbidden_imports() == [], (
        "adapters are imported only by bootstrap/; bootstrap/ only by entrypoints/; "
        "entrypoints never import adapters; adapters never import bootstrap/ or entrypoints/")


@pytest.mark.parametrize(("layer", "line"), [
    ("entrypoints/http", "from inergize.adapters.email import FileOutbox"),
    ("entrypoints/cli", "import inergize.adapters.jobs"),
    ("application/accounts", "from inergize.bootstrap import bootstrap"),
    ("adapters/jobs", "from inergize.bootstrap.platform import broker"),
    ("adapters/linkedin", "from inergize.entrypoints.http.deps import Deps"),
    ("adapters/email", "from inergize.settings import Settings"),
    ("ports", "from inergize.bootstrap import Container"),
    ("settings.py", "from inergize.bootstrap import bootstrap"),
])
def test_the_check_catches_an_import_from_below(tmp_path: Path, layer: str, line: str) -> None:
    if layer.endswith(".py"):  # a top-level module such as settings.py
        (tmp_path / layer).write_text(line + "\n")
    else:  # an import inside a function counts as much as one at the top
        (tmp_path / layer).mkdir(parents=True)
        (tmp_path / layer / "module.py").write_text("def inside():\n    " + line + "\n")
    assert len(forbidden_imports(tmp_path)) == 1


def test_the_check_lets_the_allowed_directions_through(tmp_path: Path) -> None:
    allowed = {
        "bootstrap/platform.py": "from inergize.adapters.jobs import stub_broker",
        "entrypoints/cli/main.py": "from inergize.bootstrap import bootstrap",
        "entrypoints/http/app.py": "from inergize.application.accounts import deps",
        "adapters/email/smtp.py": "from inergize.ports.email import EmailSender",
    }
    for name, line in allowed.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(line + "\n")
    assert forbidden_imports(tmp_path) == []
