from __future__ import annotations

from datetime import datetime
from typing import Protocol


class TotpService(Protocol):
    """RFC 6238 time-based one-time passwords (30 s steps, 6 digits)."""

    def new_secret(self) -> str:
        """A fresh base32 secret."""
        ...

    def provisioning_uri(self, secret: str, *, account: str, issuer: str) -> str:
        """The ``otpauth://totp/...`` URI an authenticator app scans."""
        ...

    def qr_png(self, uri: str) -> bytes:
        """A PNG QR code of ``uri``."""
        ...

    def matching_step(self, secret: str, code: str, *, now: datetime, window: int = 1) -> int | None:
        """The time step (``unix time // 30``) at which ``code`` is valid within ±``window`` steps of
        ``now``, or None. Callers make each step usable once."""
        ...
