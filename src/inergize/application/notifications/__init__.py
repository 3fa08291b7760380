"""Notification use cases: the in-app list, per-kind preferences and email delivery."""
