"""``SecretBox``: authenticated encryption of small secrets (OAuth tokens) before they reach storage."""

from __future__ import annotations

from typing import Protocol


class SecretBox(Protocol):
    """Ciphertexts name the key that made them, so keys rotate: the primary key encrypts, every
    configured key decrypts. ``context`` is authenticated, not stored: a ciphertext only decrypts with the
    context it was made with (e.g. ``"linkedin:access:<user id>"``), so it cannot be moved to another row."""

    @property
    def primary_key_id(self) -> str: ...

    def encrypt(self, plaintext: str, *, context: str) -> str: ...

    def decrypt(self, ciphertext: str, *, context: str) -> str:
        """The plaintext; ``SecretUnreadable`` for an unknown key id or a tampered ciphertext."""
        ...

    def key_id_of(self, ciphertext: str) -> str:
        """The key id a ciphertext was made with (re-encryption skips those already on the primary key)."""
        ...
