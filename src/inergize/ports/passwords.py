from __future__ import annotations

from typing import Protocol


class PasswordHasher(Protocol):
    """One-way password hashing (argon2id). CPU-heavy: use cases call it through ``asyncio.to_thread``."""

    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool:
        """True when ``password`` matches; False (never an exception) when it does not or the hash
        is unreadable."""
        ...

    def needs_rehash(self, password_hash: str) -> bool:
        """True when the hash was made with other (older, weaker) parameters than the current ones."""
        ...
