"""Rate-budget stores: in-process (the embedded default) and Redis (one Lua script per check)."""

from inergize.adapters.budgets.memory import InProcessRateBudgets
from inergize.adapters.budgets.redis import RedisRateBudgets

__all__ = ["InProcessRateBudgets", "RedisRateBudgets"]
