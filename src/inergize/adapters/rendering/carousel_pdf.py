"""Carousel decks as LinkedIn-ready PDFs with reportlab: 1080×1350 pages (1 pt = 1 px at 72 dpi), a
title slide, content slides and a closing slide in the user's brand colours."""

from __future__ import annotations

import asyncio
import io

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from inergize.adapters.rendering.fonts import BOLD, REGULAR, drawable, register_fonts
from inergize.domain.content.documents import CAROUSEL_PAGE, CarouselDeck, Slide

W, H = CAROUSEL_PAGE
MARGIN = 96


def _fit(
    text: str, font: str, size: int, min_size: int, width: float, max_height: float, leading: float = 1.25
) -> tuple[list[str], int]:
    """Lines of ``text`` wrapped to ``width``, at the largest size ≤ ``size`` that fits ``max_height``."""
    while True:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            lines += simpleSplit(paragraph, font, size, width) or [""]
        if len(lines) * size * leading <= max_height or size <= min_size:
            return lines, size
        size -= 4


def _draw_lines(
    c: Canvas, lines: list[str], font: str, size: int, x: float, top: float, leading: float = 1.25
) -> float:
    c.setFont(font, size)
    y = top - size
    for line in lines:
        c.drawString(x, y, line)
        y -= size * leading
    return y


def _title_page(c: Canvas, deck: CarouselDeck) -> None:
    b = deck.brand
    c.setFillColor(HexColor(b.primary))
    c.rect(0, 0, W, H, stroke=0, fill=1)
    c.setFillColor(HexColor(b.background))
    lines, size = _fit(drawable(deck.title), BOLD, 96, 48, W - 2 * MARGIN, 700)
    y = _draw_lines(c, lines, BOLD, size, MARGIN, H - 320)
    if deck.subtitle:
        sub, sub_size = _fit(drawable(deck.subtitle), REGULAR, 44, 28, W - 2 * MARGIN, 300)
        _draw_lines(c, sub, REGULAR, sub_size, MARGIN, y - 40)
    c.setFont(REGULAR, 32)
    if deck.author:
        c.drawString(MARGIN, MARGIN, drawable(deck.author))
    c.drawRightString(W - MARGIN, MARGIN, "→")


def _content_page(c: Canvas, deck: CarouselDeck, slide: Slide, number: int) -> None:
    b = deck.brand
    c.setFillColor(HexColor(b.background))
    c.rect(0, 0, W, H, stroke=0, fill=1)
    c.setFillColor(HexColor(b.primary))
    c.rect(0, H - 24, W, 24, stroke=0, fill=1)
    c.setFont(BOLD, 36)
    c.drawString(MARGIN, H - 150, f"{number:02d}")
    title, t_size = _fit(drawable(slide.title), BOLD, 72, 40, W - 2 * MARGIN, 380)
    c.setFillColor(HexColor(b.text))
    y = _draw_lines(c, title, BOLD, t_size, MARGIN, H - 200)
    if slide.body:
        body, b_size = _fit(drawable(slide.body), REGULAR, 44, 24, W - 2 * MARGIN, y - 2 * MARGIN - 40)
        _draw_lines(c, body, REGULAR, b_size, MARGIN, y - 48, leading=1.35)
    c.setFont(REGULAR, 28)
    c.setFillColor(HexColor(b.primary))
    if deck.author:
        c.drawString(MARGIN, 64, drawable(deck.author))
    c.drawRightString(W - MARGIN, 64, f"{number + 1} / {deck.page_count}  →")


def _closing_page(c: Canvas, deck: CarouselDeck) -> None:
    b = deck.brand
    c.setFillColor(HexColor(b.primary))
    c.rect(0, 0, W, H, stroke=0, fill=1)
    c.setFillColor(HexColor(b.background))
    text = drawable(deck.closing) or "Thanks for reading"
    lines, size = _fit(text, BOLD, 80, 40, W - 2 * MARGIN, 700)
    y = _draw_lines(c, lines, BOLD, size, MARGIN, H - 420)
    if deck.author:
        c.setFont(REGULAR, 40)
        c.drawString(MARGIN, y - 80, drawable(f"Follow {deck.author} for more"))


def render_pdf(deck: CarouselDeck) -> bytes:
    """The deck as PDF bytes (CPU-bound: call through ``asyncio.to_thread``)."""
    register_fonts()
    out = io.BytesIO()
    c = Canvas(out, pagesize=(W, H), pageCompression=1)
    c.setTitle(drawable(deck.title))
    c.setAuthor(drawable(deck.author))
    c.setCreator("InErgize")
    _title_page(c, deck)
    c.showPage()
    for i, slide in enumerate(deck.slides, start=1):
        _content_page(c, deck, slide, i)
        c.showPage()
    _closing_page(c, deck)
    c.showPage()
    c.save()
    return out.getvalue()


class ReportlabCarouselRenderer:
    async def render(self, deck: CarouselDeck) -> bytes:
        return await asyncio.to_thread(render_pdf, deck)
