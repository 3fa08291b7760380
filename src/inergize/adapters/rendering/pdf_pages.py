"""PDF pages drawn as PNG with PDFium (pypdfium2): the carousel builder previews the very PDF that is
published, not a second drawing of the deck.

PDFium is not thread-safe, so one lock serialises its calls; they run in a worker thread, off the event
loop, and a page of a 1080×1350 carousel takes a few tens of milliseconds."""

from __future__ import annotations

import asyncio
import io
import threading

import pypdfium2 as pdfium

from inergize.domain.platform.errors import NotFound, ValidationFailed

_LOCK = threading.Lock()


def _open(pdf: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise ValidationFailed("The file is not a readable PDF.", field="file") from exc


def _count(pdf: bytes) -> int:
    with _LOCK:
        doc = _open(pdf)
        try:
            return len(doc)
        finally:
            doc.close()


def _page_png(pdf: bytes, page: int, width: int) -> bytes:
    with _LOCK:
        doc = _open(pdf)
        try:
            if not 1 <= page <= len(doc):
                raise NotFound(f"The PDF has {len(doc)} pages; there is no page {page}.")
            pdf_page = doc[page - 1]
            scale = width / pdf_page.get_width()
            image = pdf_page.render(scale=scale).to_pil()
            pdf_page.close()
        finally:
            doc.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


class PdfiumPages:
    async def count(self, pdf: bytes) -> int:
        return await asyncio.to_thread(_count, pdf)

    async def page_png(self, pdf: bytes, page: int, *, width: int) -> bytes:
        return await asyncio.to_thread(_page_png, pdf, page, width)
