"""Pillow helpers shared by image adapters: fit a picture to an exact size. CPU-bound: call via
``asyncio.to_thread``."""

from __future__ import annotations

import io

from PIL import Image


def cover_crop(raw: bytes, width: int, height: int) -> bytes:
    """``raw`` (any image format) scaled to cover ``width`` × ``height`` and centre-cropped, as PNG."""
    with Image.open(io.BytesIO(raw)) as source:
        img = source.convert("RGB")
        scale = max(width / img.width, height / img.height)
        resized = img.resize(
            (max(width, round(img.width * scale)), max(height, round(img.height * scale))),
            Image.Resampling.LANCZOS,
        )
        left = (resized.width - width) // 2
        top = (resized.height - height) // 2
        out = io.BytesIO()
        resized.crop((left, top, left + width, top + height)).save(out, format="PNG")
        return out.getvalue()
