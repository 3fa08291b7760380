"""Scheduling: schedules and slots, the publication state machine, recurrence, bulk CSV, optimal times."""
