"""A SecretBox that keeps the rules (the key id in the ciphertext, the context bound, unknown keys and
tampering refused) without the cryptography: ``fake.<key id>.<base64 of context and plaintext>.<check>``."""

from __future__ import annotations

import base64
import hashlib
import json

from inergize.domain.platform.secrets import SecretUnreadable


class FakeSecretBox:
    def __init__(self, key_ids: tuple[str, ...] = ("k1",)) -> None:
        self.key_ids = key_ids  # the first encrypts, every one decrypts

    @property
    def primary_key_id(self) -> str:
        return self.key_ids[0]

    def encrypt(self, plaintext: str, *, context: str) -> str:
        body = base64.urlsafe_b64encode(json.dumps([context, plaintext]).encode()).decode()
        return f"fake.{self.primary_key_id}.{body}.{_check(self.primary_key_id, body)}"

    def decrypt(self, ciphertext: str, *, context: str) -> str:
        key_id = self.key_id_of(ciphertext)
        if key_id not in self.key_ids:
            raise SecretUnreadable(f"The secret was encrypted with key {key_id!r}, which is not configured.")
        _, _, body, check = ciphertext.split(".")
        try:
            made_in, plaintext = json.loads(base64.urlsafe_b64decode(body))
        except ValueError as exc:
            raise SecretUnreadable("The stored secret is corrupted.") from exc
        if check != _check(key_id, body) or made_in != context:
            raise SecretUnreadable("The stored secret is corrupted or belongs to another record.")
        return str(plaintext)

    def key_id_of(self, ciphertext: str) -> str:
        parts = ciphertext.split(".")
        if len(parts) != 4 or parts[0] != "fake":
            raise SecretUnreadable("The stored secret is not in a known format.")
        return parts[1]


def _check(key_id: str, body: str) -> str:
    return hashlib.sha256(f"{key_id}:{body}".encode()).hexdigest()[:16]
