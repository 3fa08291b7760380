"""Accounts in the composition root: the password hashing profile, one-time codes and the numbers of the
account rules, read from settings."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from inergize.adapters.passwords import Argon2PasswordHasher
from inergize.adapters.totp import PyotpTotp
from inergize.application.accounts.deps import AccountPolicy
from inergize.settings import Settings


@lru_cache(maxsize=16)
def account_policy(settings: Settings) -> AccountPolicy:
    return AccountPolicy(
        base_url=settings.effective_public_url,
        refresh_ttl_days=settings.refresh_token_ttl_days,
        access_ttl_seconds=settings.access_token_ttl_seconds,
        reset_ttl=timedelta(minutes=30),
        login_attempts_per_account=settings.login_attempts_per_account,
        login_attempts_per_address=settings.login_attempts_per_address,
        api_user_per_minute=settings.api_rate_user_per_minute,
        api_address_per_minute=settings.api_rate_address_per_minute,
        api_global_per_minute=settings.api_rate_global_per_minute,
        access_cache_seconds=settings.access_cache_seconds,
    )


def password_hasher(settings: Settings) -> Argon2PasswordHasher:
    return Argon2PasswordHasher(settings.password_hash_profile)


def totp() -> PyotpTotp:
    return PyotpTotp()
