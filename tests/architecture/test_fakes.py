"""The fakes in tests/fakes/ stand in for the ports they claim to: every member of the Protocol is there,
a coroutine where the port's is one, with the port's parameters. (mypy checks the same pairs' types.)"""

from __future__ import annotations

import inspect
from typing import Any, get_type_hints

import pytest

from inergize.ports.unit_of_work import UnitOfWork
from tests.fakes.conformance import fakes_by_port
from tests.fakes.unit_of_work import InMemoryDatabase, InMemoryUnitOfWork

PROTOCOL_BASES = {"Protocol", "Generic", "object"}


def protocol_members(port: type) -> dict[str, Any]:
    """Name -> the Protocol's declaration (a function, a property, or an annotation's type)."""
    members: dict[str, Any] = {}
    for klass in reversed(port.__mro__):
        if klass.__name__ in PROTOCOL_BASES:
            continue
        members.update(dict.fromkeys(getattr(klass, "__annotations__", {}), "attribute"))
        members.update({name: value for name, value in vars(klass).items()
                        if not name.startswith("_") and (callable(value) or isinstance(value, property))})
    return members


def mismatches(port: type, fake: object) -> list[str]:
    found = []
    for name, declared in protocol_members(port).items():
        if not hasattr(fake, name):
            if declared == "attribute" and name in getattr(type(fake), "__annotations__", {}):
                continue  # declared on the class and set later (a unit of work binds its repositories on entry)
            found.append(f"{name} is missing")
            continue
        if not callable(declared) or isinstance(declared, property):
            continue
        actual = getattr(fake, name)
        if inspect.iscoroutinefunction(declared) != inspect.iscoroutinefunction(actual):
            found.append(f"{name} must {'' if inspect.iscoroutinefunction(declared) else 'not '}be async")
        want = [(p.name, p.kind) for p in inspect.signature(declared).parameters.values()][1:]  # no self
        have = [(p.name, p.kind) for p in inspect.signature(actual).parameters.values()]
        if want != have:
            found.append(f"{name}{inspect.signature(actual)} differs from the port's {inspect.signature(declared)}")
    return found


@pytest.mark.parametrize(("port", "fake"), fakes_by_port(), ids=lambda v: getattr(v, "__name__", ""))
def test_the_fake_has_every_member_of_its_port(port: type, fake: object) -> None:
    assert mismatches(port, fake) == []


def test_a_port_with_a_missing_or_changed_method_is_caught() -> None:
    class Narrow:
        async def get(self, other: str) -> None: ...

    from inergize.ports.cache import Cache

    problems = mismatches(Cache, Narrow())
    assert "set is missing" in problems and "delete is missing" in problems
    assert any(p.startswith("get(") for p in problems)


async def test_each_repository_of_the_in_memory_unit_of_work_is_the_port_its_name_says() -> None:
    declared = get_type_hints(UnitOfWork)
    async with InMemoryDatabase()() as uow:
        carried = get_type_hints(InMemoryUnitOfWork)
        assert set(carried) == set(declared)  # every repository of the real unit of work, and no other
        for name in carried:
            assert mismatches(declared[name], getattr(uow, name)) == [], name
