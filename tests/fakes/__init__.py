"""Test doubles that implement our ports (never used by the product)."""
