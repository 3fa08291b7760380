"""Errors about secrets kept encrypted at rest."""

from __future__ import annotations

from inergize.domain.platform.errors import ConfigurationError


class SecretUnreadable(ConfigurationError):
    """A ciphertext cannot be decrypted: its key id is unknown (a retired key) or it was tampered with."""

    code = "secret_unreadable"
    title = "A stored secret cannot be decrypted"
