"""Rows of the in-memory tables as the SQL tables hold them: a copy goes in, and a key already taken
is refused as the primary key refuses it (the fake repositories share it)."""

from __future__ import annotations

import copy
from collections.abc import Hashable, MutableMapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


def insert_row(rows: MutableMapping[K, T], key: K, row: T, what: str) -> None:
    """Store a copy of ``row`` under ``key``; ``ValueError`` naming ``what`` when the key is taken."""
    if key in rows:
        raise ValueError(f"{what} {key} exists")  # the primary key
    rows[key] = copy.deepcopy(row)
