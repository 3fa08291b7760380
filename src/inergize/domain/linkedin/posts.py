"""What a post carries to LinkedIn and what comes back: media uploads and attachments, the post itself."""

from __future__ import annotations

from enum import StrEnum

import msgspec


class MediaKind(StrEnum):
    IMAGE = "image"
    DOCUMENT = "document"  # a PDF; LinkedIn's organic "carousel"


class MediaUpload(msgspec.Struct, frozen=True, kw_only=True):
    """Bytes to upload once; the resulting URN is what a publish (or its retry) refers to."""

    kind: MediaKind
    data: bytes
    content_type: str  # image/png, image/jpeg, image/gif, application/pdf
    filename: str = ""

    def __repr__(self) -> str:
        return f"MediaUpload(kind={self.kind!r}, content_type={self.content_type!r}, bytes={len(self.data)})"


class UploadedMedia(msgspec.Struct, frozen=True, kw_only=True):
    kind: MediaKind
    urn: str  # urn:li:image:… or urn:li:document:…


class MediaAttachment(msgspec.Struct, frozen=True, kw_only=True):
    """One image or document of a post. Give ``urn`` when already uploaded (a retry never re-uploads);
    otherwise ``upload``. ``alt_text`` is for images, ``title`` for documents (required by LinkedIn)."""

    kind: MediaKind
    urn: str | None = None
    upload: MediaUpload | None = None
    alt_text: str | None = None
    title: str | None = None


class PostRequest(msgspec.Struct, frozen=True, kw_only=True):
    """A post as the user wrote it. ``commentary`` is raw text: the adapter escapes it.

    ``retry_of_unconfirmed_attempt``: we sent this post before and never learned the outcome (timeout,
    crash); a duplicate-post answer then means that attempt succeeded and is recorded as this post."""

    commentary: str
    media: tuple[MediaAttachment, ...] = ()  # 0 = text, 1 image/document, 2..20 images = multi-image
    first_comment: str | None = None
    visibility: str = "PUBLIC"
    retry_of_unconfirmed_attempt: bool = False


class PublishedPost(msgspec.Struct, frozen=True, kw_only=True):
    urn: str  # urn:li:share:… / urn:li:ugcPost:…
    media_urns: tuple[str, ...] = ()
    first_comment_urn: str | None = None
    first_comment_error: str | None = None  # the post exists even when its first comment failed
    recovered_duplicate: bool = False  # True: our earlier unconfirmed attempt was found, nothing re-posted

    @property
    def url(self) -> str:
        return f"https://www.linkedin.com/feed/update/{self.urn}/"
