"""The shipped font and the emoji policy: keep only characters the font can draw."""

from __future__ import annotations

import threading
from functools import cache
from importlib import resources
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "InergizeSans"
BOLD = "InergizeSans-Bold"
_lock = threading.Lock()


def font_path(bold: bool = False) -> Path:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return Path(str(resources.files("inergize.adapters.rendering").joinpath(f"fonts/{name}")))


def register_fonts() -> None:
    """Register the TTFs with reportlab once per process (idempotent, thread-safe)."""
    with _lock:
        if REGULAR not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(REGULAR, str(font_path())))
            pdfmetrics.registerFont(TTFont(BOLD, str(font_path(bold=True))))


@cache
def covered() -> frozenset[int]:
    """Code points the regular font has glyphs for."""
    register_fonts()
    font = pdfmetrics.getFont(REGULAR)
    return frozenset(font.face.charToGlyph)


def drawable(text: str) -> str:
    """``text`` without the characters the font cannot draw (the emoji policy), spaces tidied."""
    glyphs = covered()
    kept = "".join(ch for ch in text if ch in "\n\t" or ord(ch) in glyphs)
    return "\n".join(" ".join(line.split()) for line in kept.split("\n")).strip()
