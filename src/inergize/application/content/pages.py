"""The pages of a carousel's PDF as images: what the builder previews is the file that is published."""

from __future__ import annotations

import uuid

import msgspec

from inergize.application.content.library import content_file
from inergize.domain.accounts.users import Principal
from inergize.domain.platform.errors import Conflict
from inergize.ports.blob_store import BlobStore
from inergize.ports.renderers import PdfPages
from inergize.ports.unit_of_work import UnitOfWorkFactory

PAGE_WIDTHS = (270, 540, 1080)  # a thumbnail, the builder's preview, full size


class DocumentPages(msgspec.Struct, frozen=True, kw_only=True):
    version: int  # the version whose PDF was read
    count: int


async def _pdf(content_id: uuid.UUID, principal: Principal, uow_factory: UnitOfWorkFactory, blobs: BlobStore,
               number: int | None) -> tuple[bytes, int]:
    f = await content_file(content_id, principal=principal, uow_factory=uow_factory, blobs=blobs, number=number)
    if f.media_type != "application/pdf":
        raise Conflict("Only a carousel's PDF has pages to show.", code="not_a_document")
    return f.data, f.number


async def document_pages(content_id: uuid.UUID, *, principal: Principal, uow_factory: UnitOfWorkFactory,
                         blobs: BlobStore, pages: PdfPages, number: int | None = None) -> DocumentPages:
    """How many pages the PDF of the current version (or of version ``number``) has.

    ``NotFound`` while the version's file is still being rendered, as for the file itself."""
    pdf, version = await _pdf(content_id, principal, uow_factory, blobs, number)
    return DocumentPages(version=version, count=await pages.count(pdf))


async def page_image(content_id: uuid.UUID, page: int, *, principal: Principal, uow_factory: UnitOfWorkFactory,
                     blobs: BlobStore, pages: PdfPages, width: int, number: int | None = None) -> bytes:
    """Page ``page`` (1-based) of the PDF as a PNG ``width`` pixels wide; ``NotFound`` past the last page."""
    pdf, _ = await _pdf(content_id, principal, uow_factory, blobs, number)
    return await pages.page_png(pdf, page, width=width)
