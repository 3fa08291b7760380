"""OpenAI through the official SDK: Chat Completions (so any OpenAI-compatible server works too),
image generation (base64, cropped to the size asked for), and the moderation endpoint.

The SDK's own retries are off (``max_retries=0``): the fallback chain owns retries (decision 0002)."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import openai

from inergize.adapters.ai.errors import translate
from inergize.adapters.ai.imaging import cover_crop
from inergize.domain.ai.generation import ImageAnswer, ImageRequest, ProviderFailed, TextAnswer, TextRequest
from inergize.domain.content.library import ModerationIssue
from inergize.domain.content.moderation import ModerationVerdict


def make_client(api_key: str, base_url: str, timeout: float) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=0)


class OpenAITextGenerator:
    """Chat Completions; ``paid`` is False for self-hosted OpenAI-compatible servers (no list price)."""

    def __init__(
        self, client: openai.AsyncOpenAI, model: str, *, name: str = "openai", paid: bool = True
    ) -> None:
        self._client = client
        self._model = model
        self.name = name
        self.paid = paid

    async def generate(self, request: TextRequest) -> TextAnswer:
        try:
            completion = await self._client.chat.completions.create(
                model=self._model,
                max_tokens=request.max_tokens,
                temperature=request.temperature,
                seed=request.seed,
                messages=[
                    {"role": "system", "content": request.system},
                    {"role": "user", "content": request.prompt},
                ],
            )
        except (openai.OpenAIError, ValueError) as exc:  # ValueError: a body that is not JSON
            raise translate(self.name, exc, openai) from exc
        try:
            text = completion.choices[0].message.content
            usage = completion.usage
        except (
            TypeError,
            AttributeError,
            IndexError,
        ) as exc:  # the SDK does not validate: fields may be None
            raise ProviderFailed(
                self.name, "malformed", "sent an answer we could not read", retryable=False
            ) from exc
        if not isinstance(text, str) or not text.strip():
            raise ProviderFailed(self.name, "malformed", "answered without text", retryable=False)
        return TextAnswer(
            text=text.strip(),
            provider=self.name,
            model=completion.model or self._model,
            tokens_in=getattr(usage, "prompt_tokens", 0) or 0,
            tokens_out=getattr(usage, "completion_tokens", 0) or 0,
        )


# DALL·E 3 renders only these sizes; we ask for the one closest in shape and crop to the exact size.
_SIZES = {
    "dall-e-3": ((1024, 1024), (1792, 1024), (1024, 1792)),
    "dall-e-2": ((256, 256), (512, 512), (1024, 1024)),
    "gpt-image-1": ((1024, 1024), (1536, 1024), (1024, 1536)),
}


def closest_size(model: str, width: int, height: int) -> tuple[int, int]:
    sizes = _SIZES.get(model, _SIZES["dall-e-3"])
    return min(sizes, key=lambda s: abs(s[0] / s[1] - width / height))


class OpenAIImageGenerator:
    def __init__(self, client: openai.AsyncOpenAI, model: str, *, name: str = "openai") -> None:
        self._client = client
        self._model = model
        self.name = name
        self.paid = True

    async def generate(self, request: ImageRequest) -> ImageAnswer:
        w, h = closest_size(self._model, request.width, request.height)
        extra: dict[str, Any] = {} if self._model.startswith("gpt-image") else {"response_format": "b64_json"}
        try:
            result = await self._client.images.generate(
                model=self._model, prompt=request.prompt, n=1, size=f"{w}x{h}", **extra
            )
            raw = base64.b64decode(result.data[0].b64_json or "", validate=True)
        except (openai.OpenAIError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
            raise translate(self.name, exc, openai) from exc
        if not raw:
            raise ProviderFailed(self.name, "malformed", "answered without an image", retryable=False)
        try:
            png = await asyncio.to_thread(cover_crop, raw, request.width, request.height)
        except OSError as exc:  # Pillow: not an image
            raise ProviderFailed(
                self.name, "malformed", "sent an image we could not read", retryable=False
            ) from exc
        return ImageAnswer(png=png, provider=self.name, model=self._model)


class OpenAIModerator:
    """The moderation endpoint: every flagged category becomes an issue."""

    def __init__(self, client: openai.AsyncOpenAI, model: str = "omni-moderation-latest") -> None:
        self._client = client
        self._model = model
        self.name = "openai"

    async def check(self, text: str) -> ModerationVerdict:
        try:
            answer = await self._client.moderations.create(model=self._model, input=text)
            result = answer.results[0]
            categories = result.categories.model_dump(by_alias=True)
        except (openai.OpenAIError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
            raise translate("openai moderation", exc, openai) from exc
        if not result.flagged:
            return ModerationVerdict(checked_by=(self.name,))
        flagged = sorted(k for k, v in categories.items() if v)
        return ModerationVerdict(
            issues=(
                ModerationIssue(
                    code="provider_flagged",
                    detail=(f"OpenAI moderation flagged it ({', '.join(flagged) or 'unspecified'})."),
                ),
            ),
            checked_by=(self.name,),
        )


__all__ = ["OpenAIImageGenerator", "OpenAIModerator", "OpenAITextGenerator", "closest_size", "make_client"]
