"""Typed injection: every capability bundles its ports one way, handlers declare the bundle they use, and
no route reads the container."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import typing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dependency_injector import providers

from inergize.entrypoints.http import deps as http_deps
from tests.fakes.clock import FakeClock
from tests.support.settings import make_settings

SRC = Path(__file__).resolve().parents[3] / "src" / "inergize"
CAPABILITIES = ["accounts", "ai", "compliance", "content", "linkedin", "notifications", "platform", "scheduling"]


def _reads_container(path: Path) -> list[int]:
    """Lines of ``path`` that read ``<something>.state.container``."""
    tree = ast.parse(path.read_text(), str(path))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == "container"
            and isinstance(node.value, ast.Attribute) and node.value.attr == "state"]


def test_only_the_http_deps_module_reads_the_container() -> None:
    http = SRC / "entrypoints" / "http"
    readers = {str(p.relative_to(http)): lines for p in sorted(http.rglob("*.py")) if (lines := _reads_container(p))}
    assert list(readers) == ["deps.py"], f"declare the bundle as a handler parameter instead: {readers}"


def test_no_use_case_takes_the_container() -> None:
    found = []
    for path in sorted((SRC / "application").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = [a.arg for a in (*node.args.args, *node.args.kwonlyargs)]
                if "container" in names:
                    found.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name}")
    assert found == []


def test_every_capability_bundles_its_ports_in_one_frozen_dataclass() -> None:
    for cap in CAPABILITIES:
        module = importlib.import_module(f"inergize.application.{cap}.deps")
        bundles = [v for k, v in vars(module).items()
                   if k.endswith("Deps") and isinstance(v, type) and v.__module__ == module.__name__]
        assert len(bundles) == 1, f"{cap}: one bundle per capability, found {bundles}"
        params = getattr(bundles[0], "__dataclass_params__", None)
        assert params is not None and params.frozen, f"{cap}: {bundles[0].__name__} is a frozen dataclass"


def test_each_handler_parameter_name_hands_out_its_capabilitys_bundle_built_once(tmp_path: Path) -> None:
    from inergize.bootstrap import bootstrap

    container = bootstrap(make_settings(tmp_path))
    assert sorted(http_deps.BUNDLES) == CAPABILITIES
    for name, provider in http_deps.BUNDLES.items():
        alias = getattr(http_deps, type(getattr(container, provider)()).__name__)
        bundle_type = typing.get_args(alias)[0]
        first = getattr(container, provider)()
        assert isinstance(first, bundle_type), name
        assert getattr(container, provider)() is first, f"{name}: built once, not per request"


def test_a_port_overridden_later_reaches_every_bundle_that_holds_it(tmp_path: Path) -> None:
    from inergize.bootstrap import bootstrap

    container = bootstrap(make_settings(tmp_path))
    before: dict[str, Any] = {p: getattr(container, p)() for p in http_deps.BUNDLES.values()}
    clock = FakeClock(datetime(2026, 5, 5, 10, tzinfo=UTC))
    container.clock.override(providers.Object(clock))
    try:
        for provider, old in before.items():
            new = getattr(container, provider)()
            assert new is not old and new.clock is clock, provider
            # the rest stays as it was (the credentials follow the LinkedIn bundle, which holds the clock)
            rest = [f.name for f in dataclasses.fields(new) if f.name not in ("clock", "auth_for")]
            assert all(getattr(new, f) == getattr(old, f) for f in rest), provider
    finally:
        container.clock.reset_override()
    assert all(getattr(container, p)().clock is not clock for p in before)
