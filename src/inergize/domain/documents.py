"""Documents the content engine renders: carousel decks (PDF) and profile banners (PNG)."""

from __future__ import annotations

import re

import msgspec

from inergize.domain.errors import ValidationFailed

CAROUSEL_PAGE = (1080, 1350)  # LinkedIn's portrait document page, in px (= PDF points at 72 dpi)
BANNER_SIZE = (1584, 396)  # LinkedIn's profile background image
MIN_SLIDES, MAX_SLIDES = 1, 12
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


class Slide(msgspec.Struct, frozen=True, kw_only=True):
    title: str
    body: str = ""


class Brand(msgspec.Struct, frozen=True, kw_only=True):
    """Brand colours as ``#RRGGBB``: accent (title slide, bars), background, text."""

    primary: str = "#0A66C2"
    background: str = "#FFFFFF"
    text: str = "#1D2226"

    def __post_init__(self) -> None:
        for name in ("primary", "background", "text"):
            if not _HEX.match(getattr(self, name)):
                raise ValidationFailed(f"The {name} colour must look like #0A66C2.", field=name)


class CarouselDeck(msgspec.Struct, frozen=True, kw_only=True):
    """A title slide, content slides and a closing slide."""

    title: str
    subtitle: str = ""
    slides: tuple[Slide, ...]
    closing: str = ""
    author: str = ""
    brand: Brand = msgspec.field(default_factory=Brand)

    def __post_init__(self) -> None:
        if not MIN_SLIDES <= len(self.slides) <= MAX_SLIDES:
            raise ValidationFailed(
                f"A carousel has {MIN_SLIDES}–{MAX_SLIDES} content slides.", field="slides"
            )

    @property
    def page_count(self) -> int:
        return len(self.slides) + 2


class BannerSpec(msgspec.Struct, frozen=True, kw_only=True):
    headline: str
    subline: str = ""
    template: str = "gradient"  # gradient | split | minimal
    brand: Brand = msgspec.field(default_factory=Brand)


BANNER_TEMPLATES = ("gradient", "split", "minimal")
