"""Refusals run in any order: the LinkedIn refusal properties draw sequences of named refusals."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st


def for_any_sequence(names: Sequence[str], step: Callable[[str, str], None], *, examples: int,
                     longest: int) -> None:
    """``step(name, seed)`` for every step of ``examples`` sequences (1 to ``longest`` steps) that
    hypothesis draws from the refusals ``names``, each with a seed of its own."""

    @hsettings(max_examples=examples, deadline=None)
    @given(st.lists(st.tuples(st.sampled_from(names), st.text("abcdef0123456789", min_size=1, max_size=12)),
                    min_size=1, max_size=longest))
    def any_sequence(steps: list[tuple[str, str]]) -> None:
        for name, seed in steps:
            step(name, seed)

    any_sequence()
