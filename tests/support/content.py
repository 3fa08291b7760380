"""Content steps shared by the content tests: texts moderation blocks, with the issue code each gets."""

from __future__ import annotations

BLOCKED_TEXTS = [
    ("Call me on +1 415 555 0132 to talk.", "pii_phone"),
    ("x" * 3001, "too_long"),
    ("Write to me: ada@example.com", "pii_email"),
]
