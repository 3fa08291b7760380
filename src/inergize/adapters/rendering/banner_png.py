"""Profile banners as 1584×396 PNGs with Pillow, from templates (gradient, split, minimal) in the
brand colours, optionally over an AI-generated background."""

from __future__ import annotations

import asyncio
import io

from PIL import Image, ImageDraw, ImageFont

from inergize.adapters.rendering.fonts import drawable, font_path
from inergize.domain.content.documents import BANNER_SIZE, BannerSpec

W, H = BANNER_SIZE
TEXT_LEFT = 520  # the profile photo covers the lower left on desktop and mobile


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    v = hex_colour.lstrip("#")
    return int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    r, g, bl = (round(x + (y - x) * t) for x, y in zip(a, b, strict=True))
    return r, g, bl


def _background(spec: BannerSpec) -> Image.Image:
    primary, back = _rgb(spec.brand.primary), _rgb(spec.brand.background)
    img = Image.new("RGB", (W, H), back)
    draw = ImageDraw.Draw(img)
    if spec.template == "gradient":
        dark = _mix(primary, (0, 0, 0), 0.45)
        for x in range(W):
            draw.line([(x, 0), (x, H)], fill=_mix(dark, primary, x / W))
    elif spec.template == "split":
        draw.rectangle([0, 0, TEXT_LEFT - 40, H], fill=primary)
        draw.polygon([(TEXT_LEFT - 40, 0), (TEXT_LEFT + 60, 0), (TEXT_LEFT - 40, H)], fill=primary)
    else:
        draw.rectangle([TEXT_LEFT, H - 70, TEXT_LEFT + 160, H - 62], fill=primary)
    return img


def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(bold=bold)), size)


def _fitted(
    draw: ImageDraw.ImageDraw, text: str, size: int, bold: bool, width: int
) -> ImageFont.FreeTypeFont:
    while size > 18:
        font = _font(size, bold)
        if draw.textlength(text, font=font) <= width:
            return font
        size -= 4
    return _font(size, bold)


def render_png(spec: BannerSpec, background: bytes | None = None) -> bytes:
    """The banner as PNG bytes (CPU-bound: call through ``asyncio.to_thread``)."""
    if background:
        with Image.open(io.BytesIO(background)) as bg:
            img = bg.convert("RGB").resize((W, H))
    else:
        img = _background(spec)
    draw = ImageDraw.Draw(img)
    on_colour = spec.template in ("gradient",) or background is not None
    colour = _rgb(spec.brand.background) if on_colour else _rgb(spec.brand.text)
    width = W - TEXT_LEFT - 64
    headline = drawable(spec.headline)
    head_font = _fitted(draw, headline, 64, True, width)
    draw.text((TEXT_LEFT, 120), headline, font=head_font, fill=colour)
    if spec.subline:
        sub = drawable(spec.subline)
        draw.text(
            (TEXT_LEFT, 120 + head_font.size + 28),
            sub,
            font=_fitted(draw, sub, 34, False, width),
            fill=colour,
        )
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


class PillowBannerRenderer:
    async def render(self, spec: BannerSpec, background: bytes | None = None) -> bytes:
        return await asyncio.to_thread(render_png, spec, background)
