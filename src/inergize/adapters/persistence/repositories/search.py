"""Word search in SQL, the same on SQLite and PostgreSQL: every word somewhere in one of the columns."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, or_


def _like(word: str) -> str:
    """A LIKE pattern that finds ``word`` anywhere, its own ``%``, ``_`` and ``\\`` taken literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def every_word_in(columns: Sequence[Any], words: Iterable[str]) -> list[ColumnElement[bool]]:
    """One condition per word: it appears, in any case, in at least one of ``columns``."""
    return [or_(*(column.ilike(_like(word), escape="\\") for column in columns)) for word in words]
