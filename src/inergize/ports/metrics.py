"""The process's operational counters, and their Prometheus text for ``/metrics``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class MetricsExporter(Protocol):
    def count_publications(self, counts: Mapping[str, int]) -> None:
        """Add one publish run's outcomes (published, transient, permanent, unknown, skipped)."""
        ...

    async def render(self) -> tuple[bytes, str]:
        """The exposition body and its content type."""
        ...
