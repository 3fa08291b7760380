"""Rows of the in-memory tables as the SQL tables hold them: a copy goes in, a key already taken is
refused as the primary key refuses it, and an edit finds its row only at the version it read (the fake
repositories share them)."""

from __future__ import annotations

import copy
from collections.abc import Hashable, Mapping, MutableMapping
from typing import Protocol, TypeVar

from inergize.domain.platform.errors import PreconditionFailed


class Versioned(Protocol):
    @property
    def version(self) -> int: ...


K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
V = TypeVar("V", bound=Versioned)


def insert_row(rows: MutableMapping[K, T], key: K, row: T, what: str) -> None:
    """Store a copy of ``row`` under ``key``; ``ValueError`` naming ``what`` when the key is taken."""
    if key in rows:
        raise ValueError(f"{what} {key} exists")  # the primary key
    rows[key] = copy.deepcopy(row)


def row_at_version(rows: Mapping[K, V], key: K, expected_version: int, changed: str) -> V:
    """The row under ``key`` if it is still at ``expected_version``, as the SQL update's ``WHERE version``
    finds it; otherwise ``PreconditionFailed`` saying ``changed``."""
    stored = rows.get(key)
    if stored is None or stored.version != expected_version:
        raise PreconditionFailed(changed)
    return stored
