"""A BlobStore in a dict, refusing the keys the real stores refuse; it remembers content types."""

from __future__ import annotations

from inergize.adapters.blobs.local import check_key as _checked  # the stores' one key rule


class MemoryBlobStore:
    def __init__(self) -> None:
        self.blobs: dict[str, tuple[bytes, str]] = {}  # key -> (data, content type)

    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        self.blobs[_checked(key)] = (bytes(data), content_type)

    async def get(self, key: str) -> bytes | None:
        entry = self.blobs.get(_checked(key))
        return entry[0] if entry else None

    async def delete(self, key: str) -> None:
        self.blobs.pop(_checked(key), None)
