"""A TotpService without HMAC: a step's code is a hash of the secret and the step, so a test computes the
code for any instant with ``code``; secrets are numbered (base32, 160 bits as pyotp's); the "QR code" is a
1×1 PNG that carries the URI in a text chunk, so a test reads back what would have been drawn."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import zlib
from datetime import datetime
from urllib.parse import quote

STEP_SECONDS = 30
PNG_URI_KEY = "otpauth"  # the text chunk's keyword: PIL.Image.open(io.BytesIO(png)).text["otpauth"]


class FakeTotp:
    def __init__(self) -> None:
        self.made = 0

    def new_secret(self) -> str:
        self.made += 1
        return base64.b32encode(f"fake-totp-secret{self.made:04d}".encode()).decode()

    def provisioning_uri(self, secret: str, *, account: str, issuer: str) -> str:
        label = f"{quote(issuer, safe='')}:{quote(account, safe='')}"
        return f"otpauth://totp/{label}?secret={secret}&issuer={quote(issuer, safe='')}"

    def qr_png(self, uri: str) -> bytes:
        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1×1, 8-bit greyscale
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                + chunk(b"tEXt", PNG_URI_KEY.encode() + b"\0" + uri.encode("latin-1", "replace"))
                + chunk(b"IDAT", zlib.compress(b"\0\xff")) + chunk(b"IEND", b""))

    def code(self, secret: str, *, at: datetime) -> str:
        """The code valid at ``at`` (what an authenticator app would show then)."""
        return self._code_of_step(secret, int(at.timestamp()) // STEP_SECONDS)

    def matching_step(self, secret: str, code: str, *, now: datetime, window: int = 1) -> int | None:
        code = code.strip().replace(" ", "")
        if len(code) != 6 or not code.isdigit():
            return None
        current = int(now.timestamp()) // STEP_SECONDS
        for step in range(current - window, current + window + 1):
            if hmac.compare_digest(self._code_of_step(secret, step), code):
                return step
        return None

    @staticmethod
    def _code_of_step(secret: str, step: int) -> str:
        digest = hashlib.sha256(f"{secret}:{step}".encode()).digest()
        return f"{int.from_bytes(digest[:4], 'big') % 1_000_000:06d}"
