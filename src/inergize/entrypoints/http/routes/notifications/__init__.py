"""Notification routes: /v1/notifications."""
