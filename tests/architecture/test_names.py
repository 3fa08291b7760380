"""Names a newcomer can read: no tracker tags in the source, no grab-bag modules, no one-letter aliases
at module level, and no two public classes sharing a name (an import then says which one it means)."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "inergize"


def sources(root: Path = SRC) -> list[Path]:
    return sorted(root.rglob("*.py"))


def tracker_tags(root: Path = SRC) -> list[str]:
    tag = re.compile(r"\bissue \d", re.IGNORECASE)
    return [f"{p.relative_to(root)}:{n}" for p in sources(root)
            for n, line in enumerate(p.read_text().splitlines(), 1) if tag.search(line)]


def grab_bags(root: Path = SRC) -> list[str]:
    return [str(p.relative_to(root)) for p in sources(root) if p.stem in {"common", "utils", "helpers", "misc"}]


def _is_type_variable(value: ast.expr) -> bool:
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    return (func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")) == "TypeVar"


def one_letter_aliases(root: Path = SRC) -> list[str]:
    """Module-level ``S = PublicationState`` and ``import x as t``; a ``TypeVar`` may be one letter."""
    found = []
    for path in sources(root):
        tree = ast.parse(path.read_text(), str(path))
        for node in tree.body:
            if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                    and len(node.targets[0].id.strip("_")) == 1
                    and not _is_type_variable(node.value)):
                found.append(f"{path.relative_to(root)}:{node.lineno} {node.targets[0].id}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                found += [f"{path.relative_to(root)}:{node.lineno} as {a.asname}" for a in node.names
                          if a.asname and len(a.asname.strip("_")) == 1]
    return found


def shared_class_names(root: Path = SRC) -> dict[str, list[str]]:
    where: dict[str, list[str]] = defaultdict(list)
    for path in sources(root):
        for node in ast.parse(path.read_text(), str(path)).body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                where[node.name].append(str(path.relative_to(root)))
    return {name: paths for name, paths in where.items() if len(paths) > 1}


def test_comments_carry_reasons_not_tracker_tags() -> None:
    assert tracker_tags() == []


def test_no_grab_bag_modules() -> None:
    assert grab_bags() == []


def test_no_one_letter_aliases() -> None:
    assert one_letter_aliases() == []


def test_every_public_class_name_means_one_class() -> None:
    assert shared_class_names() == {}


def test_the_checks_catch_what_they_look_for(tmp_path: Path) -> None:
    (tmp_path / "domain").mkdir()
    (tmp_path / "adapters").mkdir()
    (tmp_path / "domain" / "common.py").write_text(
        "from enum import StrEnum\nimport typing as t\nT = typing.TypeVar('T')\n"
        "class State(StrEnum):\n    A = 'a'\nS = State  # issue 7\n")
    (tmp_path / "adapters" / "rows.py").write_text("class State:\n    pass\n")
    assert len(tracker_tags(tmp_path)) == 1
    assert grab_bags(tmp_path) == ["domain/common.py"]
    assert [alias.split(" ", 1)[1] for alias in one_letter_aliases(tmp_path)] == ["S", "as t"]
    assert shared_class_names(tmp_path) == {"State": ["adapters/rows.py", "domain/common.py"]}
