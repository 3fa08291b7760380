"""Notifications: in-app items and the per-kind choice of where they are delivered."""
