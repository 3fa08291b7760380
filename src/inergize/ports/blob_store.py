"""Files: rendered PDFs and PNGs, uploaded media. Local directory by default, S3 in production."""

from __future__ import annotations

from typing import Protocol


class BlobStore(Protocol):
    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        """Store ``data`` under ``key`` (overwriting: keys are derived from content, so a retry is safe)."""
        ...

    async def get(self, key: str) -> bytes | None:
        """The bytes under ``key``, or None."""
        ...

    async def delete(self, key: str) -> None: ...
