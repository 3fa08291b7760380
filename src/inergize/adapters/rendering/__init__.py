"""Document rendering: carousel PDFs with reportlab and banner PNGs with Pillow, both with the shipped
DejaVu Sans font (Bitstream Vera licence, see ``fonts/LICENSE-DejaVu.txt``).

Emoji policy: DejaVu Sans has no colour emoji, so characters the font cannot draw (emoji, pictographs)
are removed from rendered documents instead of printing empty boxes; post texts keep their emoji.

The pages of a rendered PDF are drawn back as PNG with PDFium (the carousel builder's preview)."""

from inergize.adapters.rendering.banner_png import PillowBannerRenderer
from inergize.adapters.rendering.carousel_pdf import ReportlabCarouselRenderer
from inergize.adapters.rendering.pdf_pages import PdfiumPages

__all__ = ["PdfiumPages", "PillowBannerRenderer", "ReportlabCarouselRenderer"]
