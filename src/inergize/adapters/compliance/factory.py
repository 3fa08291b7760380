"""Which ``ActionLedger`` the configuration uses: Redis when a Redis URL is set, else in-process."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from inergize.adapters.compliance.memory import MemoryActionLedger
from inergize.adapters.compliance.redis import RedisActionLedger
from inergize.settings import Settings


def make_action_ledger(settings: Settings, client: Callable[[], Any]) -> Any:
    if settings.redis_url:
        return RedisActionLedger(client(), prefix=settings.redis_prefix)
    return MemoryActionLedger()
