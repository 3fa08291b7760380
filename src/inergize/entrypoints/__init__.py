"""Entrypoints translate HTTP, messages and argv into use-case calls and back. No business rules."""
