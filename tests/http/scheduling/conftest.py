"""Scheduling's HTTP tests share the scheduling tests' database rule: nothing left due or in flight."""

from tests.scheduling.conftest import _settle_publications

__all__ = ["_settle_publications"]
