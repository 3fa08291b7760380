"""Test doubles that implement our ports (never used by the product): one per port, checked against
it in conformance.py; the in-memory unit of work carries the repositories rule-heavy use cases need."""
