"""Compliance routes: /v1/compliance and /v1/campaigns."""
