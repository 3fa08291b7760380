from __future__ import annotations

import msgspec


class StoredResponse(msgspec.Struct, frozen=True):
    """A response remembered under an ``Idempotency-Key`` with a hash of the request that made it."""

    request_hash: str
    status_code: int
    body: bytes
