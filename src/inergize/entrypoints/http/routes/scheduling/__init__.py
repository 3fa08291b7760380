"""Scheduling routes: /v1/schedule."""
