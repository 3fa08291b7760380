"""Accounts: users and roles, sessions and one-time tokens, password and profile rules, subscription tiers."""
