"""Anthropic through the official SDK (Messages API). SDK retries are off: the chain owns them."""

from __future__ import annotations

import anthropic

from inergize.adapters.ai.errors import translate
from inergize.domain.ai.generation import ProviderFailed, TextAnswer, TextRequest


def make_client(api_key: str, base_url: str, timeout: float) -> anthropic.AsyncAnthropic:
    return anthropic.AsyncAnthropic(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=0)


class AnthropicTextGenerator:
    def __init__(self, client: anthropic.AsyncAnthropic, model: str, *, name: str = "anthropic") -> None:
        self._client = client
        self._model = model
        self.name = name
        self.paid = True

    async def generate(self, request: TextRequest) -> TextAnswer:
        # No temperature: recent Claude models fix their sampling; the SDK no longer takes it.
        try:
            message = await self._client.messages.create(
                model=self._model,
                max_tokens=request.max_tokens,
                system=request.system,
                messages=[{"role": "user", "content": request.prompt}],
            )
        except (anthropic.AnthropicError, ValueError) as exc:  # ValueError: a body that is not JSON
            raise translate(self.name, exc, anthropic) from exc
        try:
            text = "".join(
                str(getattr(block, "text", ""))
                for block in message.content
                if getattr(block, "type", "") == "text"
            )
            usage = message.usage
        except (TypeError, AttributeError) as exc:  # the SDK does not validate: a missing field is None
            raise ProviderFailed(
                self.name, "malformed", "sent an answer we could not read", retryable=False
            ) from exc
        if not text.strip():
            raise ProviderFailed(self.name, "malformed", "answered without text", retryable=False)
        return TextAnswer(
            text=text.strip(),
            provider=self.name,
            model=message.model or self._model,
            tokens_in=getattr(usage, "input_tokens", 0) or 0,
            tokens_out=getattr(usage, "output_tokens", 0) or 0,
        )
