"""AES-256-GCM ``SecretBox``. Ciphertext: ``v1.<kid>.<base64url(nonce 12 bytes ‖ ciphertext ‖ tag)>``."""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from inergize.domain.platform.errors import ConfigurationError
from inergize.domain.platform.secrets import SecretUnreadable

_PREFIX = "v1"


class AesGcmSecretBox:
    """Encrypts with the first key of ``keys`` (kid -> 32 bytes); decrypts with any of them."""

    def __init__(self, keys: dict[str, bytes]) -> None:
        if not keys:
            raise ConfigurationError("No encryption key is configured.", variable="INERGIZE_ENCRYPTION_KEYS")
        for kid, key in keys.items():
            if len(key) != 32 or "." in kid:
                raise ConfigurationError(
                    f"Encryption key {kid!r} must be 32 bytes with a kid without dots.",
                    variable="INERGIZE_ENCRYPTION_KEYS",
                )
        self._keys = {kid: AESGCM(key) for kid, key in keys.items()}
        self._primary = next(iter(keys))

    @property
    def primary_key_id(self) -> str:
        return self._primary

    def encrypt(self, plaintext: str, *, context: str) -> str:
        nonce = os.urandom(12)  # 96-bit random nonce: safe for far more messages than tokens we store
        sealed = self._keys[self._primary].encrypt(
            nonce, plaintext.encode(), self._aad(self._primary, context)
        )
        return f"{_PREFIX}.{self._primary}.{base64.urlsafe_b64encode(nonce + sealed).decode().rstrip('=')}"

    def decrypt(self, ciphertext: str, *, context: str) -> str:
        kid = self.key_id_of(ciphertext)
        aead = self._keys.get(kid)
        if aead is None:
            raise SecretUnreadable(
                f"The secret was encrypted with key {kid!r}, which is not configured.", key_id=kid
            )
        body = ciphertext.split(".", 2)[2]
        try:
            raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            return aead.decrypt(raw[:12], raw[12:], self._aad(kid, context)).decode()
        except (InvalidTag, ValueError) as exc:
            raise SecretUnreadable("The stored secret is corrupted or belongs to another record.") from exc

    def key_id_of(self, ciphertext: str) -> str:
        parts = ciphertext.split(".", 2)
        if len(parts) != 3 or parts[0] != _PREFIX:
            raise SecretUnreadable("The stored secret is not in a known format.")
        return parts[1]

    @staticmethod
    def _aad(kid: str, context: str) -> bytes:
        # the kid is authenticated too, so relabelling a ciphertext with another kid fails
        return f"{kid}|{context}".encode()
