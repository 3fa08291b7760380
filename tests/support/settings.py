"""Settings of a test InErgize: fast password hashing, no JSON logs, generous API budgets."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def make_settings(data_dir: Path, database_url: str | None = None, **overrides: Any) -> Any:
    from inergize.settings import load_settings

    # Every suite shares one container per backend, one client address and one fake minute: API budgets
    # are generous unless a test sets its own (tests/http/platform/test_api_rate_limits.py does).
    budgets = {"api_rate_user_per_minute": 1_000_000, "api_rate_address_per_minute": 1_000_000,
               "api_rate_global_per_minute": 10_000_000}
    return load_settings({}, data_dir=data_dir, database_url=database_url, password_hash_profile="fast",
                         log_json=False, **{**budgets, **overrides})
