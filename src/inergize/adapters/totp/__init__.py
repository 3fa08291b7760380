"""TOTP (RFC 6238) with pyotp, and QR codes of the ``otpauth://`` URI with qrcode (PNG via Pillow)."""

from __future__ import annotations

import hmac
import io
from datetime import datetime

import pyotp
import qrcode

STEP_SECONDS = 30


class PyotpTotp:
    def new_secret(self) -> str:
        return pyotp.random_base32()  # 160 bits, as RFC 4226 recommends

    def provisioning_uri(self, secret: str, *, account: str, issuer: str) -> str:
        return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)

    def qr_png(self, uri: str) -> bytes:
        image = qrcode.make(uri, box_size=6, border=2)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()

    def matching_step(self, secret: str, code: str, *, now: datetime, window: int = 1) -> int | None:
        code = code.strip().replace(" ", "")
        if len(code) != 6 or not code.isdigit():
            return None
        totp = pyotp.TOTP(secret)
        current = int(now.timestamp()) // STEP_SECONDS
        for step in range(current - window, current + window + 1):
            # Constant-time comparison, as pyotp's own verify does.
            if hmac.compare_digest(totp.generate_otp(step), code):
                return step
        return None
