"""Adapters: one folder per outside thing, each implementing a port. Only ``bootstrap`` imports them."""
