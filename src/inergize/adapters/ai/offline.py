"""The offline provider: the embedded default. No key, no network, deterministic.

Text: the application's template-and-rule engine renders a complete draft into ``context["draft"]``
(posts, carousel plans, profile proposals); this provider answers with it. Images: abstract
backgrounds drawn with Pillow from a seed. Every answer is labelled ``provider="offline"``."""

from __future__ import annotations

import asyncio
import io
import random

from PIL import Image, ImageDraw, ImageFilter

from inergize.domain.ai.generation import (
    OFFLINE,
    ImageAnswer,
    ImageRequest,
    ProviderFailed,
    TextAnswer,
    TextRequest,
)


def _tokens(text: str) -> int:
    return max(1, round(len(text.split()) * 1.3))  # a rough count for the usage page; offline costs nothing


class OfflineTextGenerator:
    name = OFFLINE
    paid = False

    async def generate(self, request: TextRequest) -> TextAnswer:
        draft = request.context.get("draft")
        if not isinstance(draft, str) or not draft.strip():
            raise ProviderFailed(
                OFFLINE, "bad_request", "the request carries no template draft", retryable=False
            )
        version = str(request.context.get("template_version", "1"))
        return TextAnswer(
            text=draft.strip(),
            provider=OFFLINE,
            model=f"templates-{version}",
            tokens_in=_tokens(request.system + request.prompt),
            tokens_out=_tokens(draft),
        )


def draw_background(width: int, height: int, seed: int) -> bytes:
    """A soft abstract background: a diagonal gradient with blurred circles, the same for the same seed."""
    rnd = random.Random(seed)
    hue = [rnd.randint(20, 120), rnd.randint(60, 140), rnd.randint(140, 220)]
    img = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(img)
    for x in range(0, width, 2):
        t = x / width
        colour = tuple(round(c * (0.6 + 0.4 * t)) for c in hue)
        draw.rectangle([x, 0, x + 1, height], fill=colour)
    overlay = Image.new("RGB", (width, height), (0, 0, 0))
    mask = Image.new("L", (width, height), 0)
    mdraw = ImageDraw.Draw(mask)
    for _ in range(6):
        r = rnd.randint(height // 4, height)
        cx, cy = rnd.randint(width // 3, width), rnd.randint(0, height)
        mdraw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=rnd.randint(30, 70))
    overlay.paste((255, 255, 255), mask=mask.filter(ImageFilter.GaussianBlur(max(4, height // 8))))
    img = Image.blend(img, overlay, 0.25)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


class OfflineImageGenerator:
    name = OFFLINE
    paid = False

    async def generate(self, request: ImageRequest) -> ImageAnswer:
        png = await asyncio.to_thread(draw_background, request.width, request.height, request.seed)
        return ImageAnswer(png=png, provider=OFFLINE, model="pillow-gradient")
