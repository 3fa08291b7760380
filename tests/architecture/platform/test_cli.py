"""The ``inergize`` command answers the same under its three names (the console script, ``python -m
inergize`` and ``python -m inergize.entrypoints.cli``), and its modules register in one direction."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

CLI = Path(__file__).resolve().parents[3] / "src" / "inergize" / "entrypoints" / "cli"
INVOCATIONS = {
    "console script": [str(Path(sys.executable).parent / "inergize")],
    "python -m inergize": [sys.executable, "-m", "inergize"],
    "python -m inergize.entrypoints.cli": [sys.executable, "-m", "inergize.entrypoints.cli"],
}


def inergize(invocation: str, *args: str, data_dir: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INERGIZE_")}
    env.update(INERGIZE_DATA_DIR=str(data_dir), INERGIZE_PASSWORD_HASH_PROFILE="fast")
    return subprocess.run([*INVOCATIONS[invocation], *args], env=env, input=stdin, capture_output=True,
                          text=True, timeout=120, check=False)


@pytest.mark.parametrize("invocation", sorted(INVOCATIONS))
def test_every_invocation_runs_the_same_commands(invocation: str, tmp_path: Path) -> None:
    helped = inergize(invocation, "users", "--help", data_dir=tmp_path)
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("usage: inergize users") and "create" in helped.stdout

    created = inergize(invocation, "users", "create", "Ada@Example.com", "--admin", "--password-stdin",
                       data_dir=tmp_path, stdin="a long enough passphrase\n")
    assert created.returncode == 0, created.stderr
    assert re.fullmatch(r"[0-9a-f-]{36} ada@example\.com admin\n", created.stdout)
    assert (tmp_path / "inergize.db").exists()  # the embedded SQLite database, migrated by the command

    taken = inergize(invocation, "users", "create", "ada@example.com", "--password-stdin",
                     data_dir=tmp_path, stdin="another long passphrase\n")
    assert taken.returncode == 1 and taken.stderr.startswith("inergize: ") and taken.stdout == ""

    unknown = inergize(invocation, "no-such-command", data_dir=tmp_path)
    assert unknown.returncode == 2 and "invalid choice: 'no-such-command'" in unknown.stderr


def cli_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {f"{node.module}.{alias.name}" for alias in node.names} | {node.module}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def test_command_modules_never_import_the_parser_that_registers_them() -> None:
    registering = {"__init__.py", "__main__.py", "main.py"}
    modules = sorted(p for p in CLI.glob("*.py") if p.name not in registering)
    assert {p.stem for p in modules} >= {"accounts", "container", "linkedin", "notifications", "platform"}
    for path in modules:
        upward = {m for m in cli_imports(path)
                  if m in ("inergize.entrypoints.cli", "inergize.entrypoints.cli.main")
                  or m.startswith("inergize.entrypoints.cli.main.")}
        assert upward == set(), f"{path.name} imports {upward}"
