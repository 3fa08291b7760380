"""Generators of text and images. Adapters: OpenAI (and OpenAI-compatible servers), Anthropic, the
offline engine, and the fallback chain that composes them."""

from __future__ import annotations

from typing import Protocol

from inergize.domain.ai.generation import ImageAnswer, ImageRequest, TextAnswer, TextRequest


class TextGenerator(Protocol):
    name: str
    paid: bool  # whether a call costs money (the monthly budget applies)

    async def generate(self, request: TextRequest) -> TextAnswer:
        """Text for ``request``; ``ProviderFailed`` when this provider cannot answer."""
        ...


class ImageGenerator(Protocol):
    name: str
    paid: bool

    async def generate(self, request: ImageRequest) -> ImageAnswer:
        """A PNG of exactly ``request.width`` × ``request.height``; ``ProviderFailed`` when it cannot."""
        ...
