"""Accounts and security (OWASP ASVS level 2): sign-up and verification, login with refresh-token
rotation and reuse detection, TOTP two-step verification, password reset and change, email change,
sessions, the access guard and API budgets, profile, administration, audit and GDPR.

Every use case takes ``ports: AccountDeps`` (built once by the composition root)."""

from inergize.application.accounts import admin, credentials, gdpr, guard, login, mfa, profile, registration
from inergize.application.accounts.deps import AccountDeps, AccountPolicy
from inergize.application.accounts.passwords import common_passwords
from inergize.application.accounts.registration import create_account
from inergize.application.accounts.sessions import TokenPair

__all__ = [
    "AccountDeps",
    "AccountPolicy",
    "TokenPair",
    "admin",
    "common_passwords",
    "create_account",
    "credentials",
    "gdpr",
    "guard",
    "login",
    "mfa",
    "profile",
    "registration",
]
