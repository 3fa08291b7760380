"""Media of a publication: read from the content library's files, typed by their bytes."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Protocol

from inergize.domain.linkedin.errors import ContentRejected
from inergize.domain.linkedin.posts import MediaKind, MediaUpload
from inergize.domain.platform.errors import NotFound

MediaReader = Callable[[uuid.UUID, str], Awaitable[MediaUpload]]


class MediaFiles(Protocol):
    """The part of the content library's ``BlobStore`` that publishing reads."""

    async def get(self, key: str) -> bytes | None: ...


def blob_media_reader(blobs: MediaFiles) -> MediaReader:
    """Media of a publication from the content library's file store: only the owner's own keys, typed by
    their bytes (a PDF is a document post, PNG/JPEG/GIF an image)."""

    async def read(user_id: uuid.UUID, key: str) -> MediaUpload:
        if not key.startswith(f"users/{user_id}/"):
            raise NotFound("That media file is not in your content library.")
        data = await blobs.get(key)
        if data is None:
            raise NotFound(f"The media file {key.rsplit('/', 1)[-1]} is gone from the content library.")
        for magic, kind, content_type in _MEDIA_TYPES:
            if data.startswith(magic):
                return MediaUpload(
                    kind=kind, data=data, content_type=content_type, filename=key.rsplit("/", 1)[-1]
                )
        raise ContentRejected("Only PDF documents and PNG, JPEG or GIF images can be posted.")

    return read


_MEDIA_TYPES = (
    (b"%PDF", MediaKind.DOCUMENT, "application/pdf"),
    (b"\x89PNG", MediaKind.IMAGE, "image/png"),
    (b"\xff\xd8\xff", MediaKind.IMAGE, "image/jpeg"),
    (b"GIF8", MediaKind.IMAGE, "image/gif"),
)
