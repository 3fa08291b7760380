"""Documents without reportlab, the shipped fonts or PDFium: a carousel renderer writing a small PDF by
hand (one page per slide, its titles in Helvetica), a banner renderer painting the template's colours,
and ``PdfPages`` reading the page tree of an uncompressed-xref PDF (what reportlab and the fake write)
and drawing each page blank at the page's aspect ratio."""

from __future__ import annotations

import io
import re

from PIL import Image, ImageColor

from inergize.domain.content.documents import BANNER_SIZE, CAROUSEL_PAGE, BannerSpec, CarouselDeck
from inergize.domain.platform.errors import NotFound, ValidationFailed


def _pdf_text(text: str) -> str:
    """``text`` as a PDF string literal in WinAnsi; what Helvetica cannot draw (emoji…) is left out, as the
    real renderer leaves out what its font cannot draw."""
    kept = "".join(ch for ch in text if ord(ch) < 256 and (ch.isprintable() or ch == " "))
    return "(" + kept.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def minimal_pdf(pages: list[list[str]], size: tuple[int, int], title: str = "") -> bytes:
    """A PDF of ``pages`` (each a list of text lines) of ``size`` points, with a classic xref table."""
    w, h = size
    first_page = 4
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(len(pages)))
               + b"] /Count %d /MediaBox [0 0 %d %d] >>" % (len(pages), w, h),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for i, lines in enumerate(pages):
        ops = "".join(f"BT /F1 48 Tf 96 {h - 200 - 72 * n} Td {_pdf_text(line)} Tj ET\n"
                      for n, line in enumerate(lines))
        stream = ops.encode("latin-1")
        objects.append(b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                       % (first_page + 2 * i + 1))
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Title " + _pdf_text(title).encode("latin-1") + b" >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, len(objects), xref))
    return out.getvalue()


class PlainCarouselRenderer:
    """The deck's title page, one page per slide and the closing page, their texts as lines."""

    def __init__(self) -> None:
        self.decks: list[CarouselDeck] = []

    async def render(self, deck: CarouselDeck) -> bytes:
        self.decks.append(deck)
        pages = [[deck.title, deck.subtitle, deck.author]]
        pages += [[slide.title, slide.body] for slide in deck.slides]
        pages.append([deck.closing or "Thanks for reading"])
        return minimal_pdf([[line for line in page if line] for page in pages], CAROUSEL_PAGE, deck.title)


class PlainBannerRenderer:
    """The template's colours (or the background, resized), no text."""

    def __init__(self) -> None:
        self.specs: list[BannerSpec] = []

    async def render(self, spec: BannerSpec, background: bytes | None = None) -> bytes:
        self.specs.append(spec)
        if background:
            with Image.open(io.BytesIO(background)) as bg:
                img = bg.convert("RGB").resize(BANNER_SIZE)
        else:
            brand = spec.brand
            img = Image.new("RGB", BANNER_SIZE, ImageColor.getrgb(brand.background if spec.template != "gradient"
                                                                  else brand.primary))
            if spec.template == "split":
                img.paste(ImageColor.getrgb(brand.primary), (0, 0, 480, BANNER_SIZE[1]))
        out = io.BytesIO()
        img.save(out, format="PNG")
        return out.getvalue()


_REF = re.compile(rb"(\d+)\s+\d+\s+R")
_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.\s]+)\]")


class _PdfReader:
    """The page tree of a PDF with a classic cross-reference table; ``ValidationFailed`` otherwise."""

    def __init__(self, pdf: bytes) -> None:
        self._pdf = pdf
        try:
            start = int(pdf[pdf.rindex(b"startxref") + 9:].split()[0])
            if not pdf.startswith(b"%PDF-") or pdf[start:start + 4] != b"xref":
                raise ValueError("no classic xref table")
            self._offsets = self._xref(start)
            trailer = pdf[pdf.index(b"trailer", start):]
            root = self._object(self._ref_after(trailer, b"/Root"))
            self.pages = self._leaves(self._ref_after(root, b"/Pages"), None)
        except (ValueError, IndexError, KeyError, StopIteration) as exc:
            raise ValidationFailed("The file is not a readable PDF.", field="file") from exc

    def _xref(self, start: int) -> dict[int, int]:
        lines = iter(self._pdf[start:self._pdf.index(b"trailer", start)].split(b"\n")[1:])
        offsets = {}
        for line in lines:
            if not line.strip():
                continue
            first, count = (int(v) for v in line.split())
            for number in range(first, first + count):
                offset, _, kind = next(lines).split()[:3]
                if kind == b"n":
                    offsets[number] = int(offset)
        return offsets

    def _object(self, number: int) -> bytes:
        body = self._pdf[self._offsets[number]:]
        end = min(i for i in (body.find(b"stream"), body.find(b"endobj")) if i >= 0)
        return body[:end]

    @staticmethod
    def _ref_after(body: bytes, key: bytes) -> int:
        found = re.search(re.escape(key) + rb"\s*(\d+)\s+\d+\s+R", body)
        if found is None:
            raise ValueError(f"no reference after {key!r}")
        return int(found.group(1))

    def _leaves(self, number: int, box: tuple[float, float] | None) -> list[tuple[float, float]]:
        body = self._object(number)
        own = _BOX.search(body)
        if own is not None:
            x0, y0, x1, y1 = (float(v) for v in own.group(1).split())
            box = (x1 - x0, y1 - y0)
        if re.search(rb"/Type\s*/Pages\b", body):
            kids = body[body.index(b"/Kids"):]
            return [page for ref in _REF.finditer(kids[:kids.index(b"]")])
                    for page in self._leaves(int(ref.group(1)), box)]
        if box is None:
            raise ValueError("a page without a MediaBox")
        return [box]


class BlankPdfPages:
    async def count(self, pdf: bytes) -> int:
        return len(_PdfReader(pdf).pages)

    async def page_png(self, pdf: bytes, page: int, *, width: int) -> bytes:
        pages = _PdfReader(pdf).pages
        if not 1 <= page <= len(pages):
            raise NotFound(f"The PDF has {len(pages)} pages; there is no page {page}.")
        w, h = pages[page - 1]
        out = io.BytesIO()
        Image.new("RGB", (width, round(width * h / w)), (255, 255, 255)).save(out, format="PNG")
        return out.getvalue()
