"""Documents the content engine renders: carousel decks (PDF) and profile banners (PNG)."""

from __future__ import annotations

import re

import msgspec

from inergize.domain.platform.errors import ValidationFailed

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


def _brand_of(data: dict[str, object]) -> Brand:
    raw = data.get("brand")
    if not isinstance(raw, dict):
        return Brand()
    return Brand(**{k: str(v) for k, v in raw.items() if k in ("primary", "background", "text")})


def deck_from_data(title: str, data: dict[str, object], author: str = "") -> CarouselDeck:
    """The deck a carousel's stored data describes; ``ValidationFailed`` when it does not describe one."""
    raw = data.get("slides")
    if not isinstance(raw, list) or not all(
        isinstance(s, dict) and isinstance(s.get("title"), str) for s in raw
    ):
        raise ValidationFailed("A carousel's data.slides is a list of {title, body}.", field="data.slides")
    slides = tuple(Slide(title=str(s["title"])[:120], body=str(s.get("body", ""))[:600]) for s in raw)
    return CarouselDeck(
        title=title,
        subtitle=str(data.get("subtitle", ""))[:200],
        slides=slides,
        closing=str(data.get("closing", ""))[:200],
        author=author,
        brand=_brand_of(data),
    )


def banner_from_data(title: str, data: dict[str, object]) -> BannerSpec:
    """The banner a banner's stored data describes (the headline defaults to the title)."""
    template = str(data.get("template", "gradient"))
    if template not in BANNER_TEMPLATES:
        raise ValidationFailed(
            f"template must be one of {', '.join(BANNER_TEMPLATES)}.", field="data.template"
        )
    return BannerSpec(
        headline=str(data.get("headline") or title)[:80],
        subline=str(data.get("subline", ""))[:120],
        template=template,
        brand=_brand_of(data),
    )
