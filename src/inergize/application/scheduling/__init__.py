"""Scheduling use cases: queue settings, schedule and publish, recurrence, bulk CSV, optimal times."""
