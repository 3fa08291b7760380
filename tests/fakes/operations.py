"""Operational ports in memory: a HealthCheck a test can break, and a MetricsExporter that counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


class FakeHealthCheck:
    def __init__(self, name: str = "fake") -> None:
        self.name = name
        self.failure: Exception | None = None  # set to make /ready see this dependency down

    async def check(self) -> None:
        if self.failure is not None:
            raise self.failure


class CountingMetrics:
    def __init__(self) -> None:
        self.publications: Counter[str] = Counter()

    def count_publications(self, counts: Mapping[str, int]) -> None:
        self.publications.update(counts)

    async def render(self) -> tuple[bytes, str]:
        lines = [f'inergize_publications_total{{outcome="{k}"}} {v}' for k, v in sorted(self.publications.items())]
        return ("\n".join(lines) + "\n").encode(), "text/plain; version=0.0.4"
