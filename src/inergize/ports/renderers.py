"""Renderers of documents (carousel PDFs, banner PNGs). Adapters do the CPU work off the event loop."""

from __future__ import annotations

from typing import Protocol

from inergize.domain.content.documents import BannerSpec, CarouselDeck


class CarouselRenderer(Protocol):
    async def render(self, deck: CarouselDeck) -> bytes:
        """A PDF with one 1080×1350 page per slide (title and closing included)."""
        ...


class BannerRenderer(Protocol):
    async def render(self, spec: BannerSpec, background: bytes | None = None) -> bytes:
        """A 1584×396 PNG; ``background`` (a PNG of that size) goes under the text when given."""
        ...


class PdfPages(Protocol):
    """Pages of a PDF the product rendered, drawn as images (the carousel builder's preview)."""

    async def count(self, pdf: bytes) -> int:
        """How many pages the PDF has; ``ValidationFailed`` when the bytes are not a PDF."""
        ...

    async def page_png(self, pdf: bytes, page: int, *, width: int) -> bytes:
        """Page ``page`` (1-based) as a PNG ``width`` pixels wide, its aspect ratio kept."""
        ...
