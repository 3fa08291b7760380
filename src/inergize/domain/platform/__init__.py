"""What every capability shares: the error family, pagination, idempotency keys, rate budgets, secrets."""
