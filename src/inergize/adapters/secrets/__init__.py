"""Key material: the signing key and the encryption keys, parsed from their configured form or kept in
a 0600 file that is generated once (embedded mode). Which source is used is chosen by
``bootstrap/platform.py:key_material``."""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path

import msgspec
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from inergize.domain.platform.errors import ConfigurationError

SECRETS_FILE = "secrets.json"


class KeyMaterial(msgspec.Struct, frozen=True):
    signing_key_pem: str
    # kid -> 32-byte AES-256 key; the first one encrypts, all of them decrypt (rotation).
    encryption_keys: dict[str, bytes]

    @property
    def primary_encryption_kid(self) -> str:
        return next(iter(self.encryption_keys))


def parse_encryption_keys(raw: str) -> dict[str, bytes]:
    keys: dict[str, bytes] = {}
    for part in raw.split(","):
        kid, _, b64 = part.strip().partition(":")
        try:
            key = base64.b64decode(b64, validate=True)
        except ValueError as exc:
            raise ConfigurationError("INERGIZE_ENCRYPTION_KEYS: a key is not base64.",
                                     variable="INERGIZE_ENCRYPTION_KEYS") from exc
        if not kid or len(key) != 32:
            raise ConfigurationError("INERGIZE_ENCRYPTION_KEYS: each entry is 'kid:base64 of 32 bytes'.",
                                     variable="INERGIZE_ENCRYPTION_KEYS")
        keys[kid] = key
    return keys


def new_signing_key_pem() -> str:
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def stored_keys(path: Path) -> KeyMaterial:
    """The keys kept in the file at ``path``, generated into it (0600) the first time."""
    stored = _read_or_create(path)
    return KeyMaterial(stored.signing_key_pem,
                       {kid: base64.b64decode(k) for kid, k in stored.encryption_keys.items()})


class _StoredKeys(msgspec.Struct, frozen=True):
    signing_key_pem: str
    encryption_keys: dict[str, str]  # kid -> base64


def _read_or_create(path: Path) -> _StoredKeys:
    if path.exists():
        return msgspec.json.decode(path.read_bytes(), type=_StoredKeys)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "signing_key_pem": new_signing_key_pem(),
        "encryption_keys": {f"k{secrets.token_hex(4)}": base64.b64encode(secrets.token_bytes(32)).decode()},
    }
    # O_EXCL: two processes starting at once must not each write their own keys.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_or_create(path)
    with os.fdopen(fd, "w") as fh:
        json.dump(data, fh)
    return msgspec.convert(data, _StoredKeys)
