"""Draws the app icons (PNG) from the same geometry as public/icons/icon.svg, with Pillow.

Run once when the mark changes: `python3 web/scripts/make_icons.py`; the PNGs are committed.
"""

from pathlib import Path

from PIL import Image, ImageDraw

BRAND = (11, 92, 173, 255)
WHITE = (255, 255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "public" / "icons"
BARS = ((8, 17), (14, 12.5), (20, 8))  # (left, top) in the 32-unit grid of icon.svg
SCALE = 8  # draw large, then shrink: smooth edges without an SVG renderer


def mark(size: int, *, maskable: bool) -> Image.Image:
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:  # full bleed; the glyph stays inside the 80 % safe zone
        draw.rectangle((0, 0, big, big), fill=BRAND)
        unit, offset = big * 0.7 / 32, big * 0.15
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 8 / 32, fill=BRAND)
        unit, offset = big / 32, 0.0

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        return (offset + x0 * unit, offset + y0 * unit, offset + x1 * unit, offset + y1 * unit)

    for x, top in BARS:  # three rising bars: growth
        draw.rounded_rectangle(box(x, top, x + 4, 24), radius=unit, fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        mark(size, maskable=False).save(OUT / f"icon-{size}.png", optimize=True)
        mark(size, maskable=True).save(OUT / f"maskable-{size}.png", optimize=True)
    flat = Image.new("RGBA", (180, 180), WHITE)
    flat.alpha_composite(mark(180, maskable=True))
    flat.convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
