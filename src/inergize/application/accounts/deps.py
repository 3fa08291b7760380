"""The ports the account use cases are handed, and the numbers of the account rules, bundled once by
the composition root."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import msgspec

from inergize.ports.clock import Clock
from inergize.ports.passwords import PasswordHasher
from inergize.ports.rate_budget import RateBudgetStore
from inergize.ports.read_cache import ReadCache
from inergize.ports.secret_box import SecretBox
from inergize.ports.tokens import TokenService
from inergize.ports.totp import TotpService
from inergize.ports.unit_of_work import UnitOfWorkFactory


class AccountPolicy(msgspec.Struct, frozen=True, kw_only=True):
    """The numbers of the account rules (from settings)."""

    base_url: str = "http://127.0.0.1:8000"
    issuer: str = "InErgize"
    refresh_ttl_days: int = 30
    access_ttl_seconds: int = 900
    verify_email_ttl: timedelta = timedelta(hours=24)
    reset_ttl: timedelta = timedelta(minutes=30)
    change_email_ttl: timedelta = timedelta(hours=24)
    mfa_challenge_ttl: timedelta = timedelta(minutes=5)
    login_window_seconds: int = 900
    login_attempts_per_account: int = 10
    login_attempts_per_address: int = 100
    api_user_per_minute: int = 600
    api_address_per_minute: int = 300
    api_global_per_minute: int = 60_000
    access_cache_seconds: float = 300.0  # how long the read cache keeps an access state (0: not at all)


@dataclass(frozen=True, slots=True)
class AccountDeps:
    """The ports account use cases need and the policy numbers, handed over together (built once by
    the composition root)."""

    uow_factory: UnitOfWorkFactory
    clock: Clock
    hasher: PasswordHasher
    tokens: TokenService
    totp: TotpService
    budgets: RateBudgetStore
    policy: AccountPolicy
    box: SecretBox  # TOTP secrets are stored encrypted (ASVS V2.9 / V6.4)
    reads: ReadCache | None = None  # access states between the changes that bump them
