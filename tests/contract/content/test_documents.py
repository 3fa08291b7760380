"""The document ports' contracts: the carousel renderer, the banner renderer and ``PdfPages``, each over
its fake and the one adapter (reportlab, Pillow, PDFium: the embedded default and production alike).
What a renderer wrote is read back with PDFium and Pillow."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from PIL import Image

from inergize.adapters.rendering import PdfiumPages, PillowBannerRenderer, ReportlabCarouselRenderer
from inergize.domain.content.documents import BANNER_SIZE, CAROUSEL_PAGE, BannerSpec, Brand, CarouselDeck, Slide
from inergize.domain.platform.errors import NotFound, ValidationFailed
from inergize.ports.renderers import BannerRenderer, CarouselRenderer, PdfPages
from tests.fakes.documents import BlankPdfPages, PlainBannerRenderer, PlainCarouselRenderer

BRAND = Brand(primary="#0A66C2", background="#FFFFFF", text="#1D2226")
DECK = CarouselDeck(title="Ship weekly", subtitle="A habit", author="Ada Lovelace", closing="Follow along",
                    slides=(Slide(title="Plan small", body="One change a day."), Slide(title="Measure"),
                            Slide(title="Launch \U0001F680 day", body="Tell people.")), brand=BRAND)


@pytest.fixture(params=["fake", "reportlab"])
def carousels(request: pytest.FixtureRequest) -> CarouselRenderer:
    return PlainCarouselRenderer() if request.param == "fake" else ReportlabCarouselRenderer()


@pytest.fixture(params=["fake", "pillow"])
def banners(request: pytest.FixtureRequest) -> BannerRenderer:
    return PlainBannerRenderer() if request.param == "fake" else PillowBannerRenderer()


@pytest.fixture(params=["fake", "pdfium"])
def pages(request: pytest.FixtureRequest) -> PdfPages:
    return BlankPdfPages() if request.param == "fake" else PdfiumPages()


def page_texts(pdf: bytes) -> list[tuple[tuple[float, float], str]]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [(doc[i].get_size(), doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()


async def test_a_carousel_is_one_page_per_slide_with_title_and_closing(carousels: CarouselRenderer) -> None:
    pdf = await carousels.render(DECK)
    texts = page_texts(pdf)
    assert len(texts) == DECK.page_count == 5
    assert {size for size, _ in texts} == {CAROUSEL_PAGE}
    assert "Ship weekly" in texts[0][1]
    assert "Plan small" in texts[1][1] and "One change a day." in texts[1][1]
    assert "Measure" in texts[2][1]
    assert "Follow along" in texts[-1][1]


async def test_characters_the_font_cannot_draw_are_left_out(carousels: CarouselRenderer) -> None:
    text = page_texts(await carousels.render(DECK))[3][1]
    assert "Launch" in text and "\U0001F680" not in text


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image.convert("RGB")


@pytest.mark.parametrize("template", ["gradient", "split", "minimal"])
async def test_a_banner_is_a_png_of_linkedins_size(banners: BannerRenderer, template: str) -> None:
    assert png(await banners.render(BannerSpec(headline="Growth engineer", template=template,
                                               brand=BRAND))).size == BANNER_SIZE


async def test_a_banner_template_paints_the_brand(banners: BannerRenderer) -> None:
    split = png(await banners.render(BannerSpec(headline="Growth", template="split", brand=BRAND)))
    minimal = png(await banners.render(BannerSpec(headline="Growth", template="minimal", brand=BRAND)))
    assert split.getpixel((10, 10)) == (0x0A, 0x66, 0xC2)  # the primary panel on the left
    assert minimal.getpixel((10, 10)) == (0xFF, 0xFF, 0xFF)


async def test_a_background_of_any_size_goes_under_the_banner(banners: BannerRenderer) -> None:
    out = io.BytesIO()
    Image.new("RGB", (200, 50), (200, 30, 30)).save(out, format="PNG")
    banner = png(await banners.render(BannerSpec(headline="Growth", brand=BRAND), out.getvalue()))
    assert banner.size == BANNER_SIZE
    assert banner.getpixel((10, 10)) == (200, 30, 30) == banner.getpixel((BANNER_SIZE[0] - 10, BANNER_SIZE[1] - 10))


@pytest.fixture(params=["reportlab", "fake"])
async def carousel_pdf(request: pytest.FixtureRequest) -> bytes:
    """A PDF as the product renders it, and as the fake renderer writes it."""
    renderer: CarouselRenderer = (ReportlabCarouselRenderer() if request.param == "reportlab"
                                  else PlainCarouselRenderer())
    return await renderer.render(DECK)


async def test_pages_counts_the_pages_of_a_rendered_pdf(pages: PdfPages, carousel_pdf: bytes) -> None:
    assert await pages.count(carousel_pdf) == DECK.page_count


@pytest.mark.parametrize("width", [540, 216, 1080])
async def test_a_page_is_drawn_at_the_width_asked_with_its_aspect_ratio(pages: PdfPages, carousel_pdf: bytes,
                                                                        width: int) -> None:
    image = png(await pages.page_png(carousel_pdf, DECK.page_count, width=width))
    assert image.size == (width, width * CAROUSEL_PAGE[1] // CAROUSEL_PAGE[0])


async def test_a_page_beyond_the_document_is_not_found(pages: PdfPages, carousel_pdf: bytes) -> None:
    for number in (0, DECK.page_count + 1):
        with pytest.raises(NotFound, match=f"has {DECK.page_count} pages"):
            await pages.page_png(carousel_pdf, number, width=100)


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 a zip", b"%PDF-1.4\nbroken"])
async def test_bytes_that_are_not_a_pdf_are_refused(pages: PdfPages, data: bytes) -> None:
    with pytest.raises(ValidationFailed):
        await pages.count(data)
    with pytest.raises(ValidationFailed):
        await pages.page_png(data, 1, width=100)
