"""AI generation values: requests and answers of text and image providers, calls and their cost, jobs."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

import msgspec

from inergize.domain.platform.errors import ProviderUnavailable

OFFLINE = "offline"  # the provider name of the embedded template engine; it costs nothing


class Capability(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    MODERATION = "moderation"


class ProviderFailed(ProviderUnavailable):
    """One provider could not answer. ``reason`` is stable (``rate_limited``, ``server_error``, ``timeout``,
    ``connection``, ``auth``, ``bad_request``, ``malformed``, ``circuit_open``); ``retryable`` says
    whether the same provider may succeed on a retry; ``retry_after`` is the provider's hint in seconds."""

    def __init__(
        self, provider: str, reason: str, detail: str, *, retryable: bool, retry_after: float | None = None
    ) -> None:
        super().__init__(
            f"{provider}: {detail}", code="provider_unavailable", provider=provider, reason=reason
        )
        self.provider = provider
        self.reason = reason
        self.retryable = retryable
        self.retry_after = retry_after


class TextRequest(msgspec.Struct, frozen=True, kw_only=True):
    """A rendered prompt. ``context`` carries structured facts the offline engine uses instead of an LLM."""

    system: str
    prompt: str
    max_tokens: int = 700
    temperature: float = 0.7
    seed: int = 0
    context: dict[str, Any] = msgspec.field(default_factory=dict)
    cache_scope: str = ""  # whose cache may hold the answer (a user id); "" = never cached
    fresh: bool = False  # "regenerate" and extra variants: skip the cache lookup


class TextAnswer(msgspec.Struct, frozen=True, kw_only=True):
    text: str
    provider: str
    model: str
    tokens_in: int = 0
    tokens_out: int = 0
    attempts: tuple[str, ...] = ()  # "openai:rate_limited", … providers tried before this one answered
    cached: bool = False  # served from the response cache (no provider was called, nothing billed)

    @property
    def offline(self) -> bool:
        return self.provider == OFFLINE


class ImageRequest(msgspec.Struct, frozen=True, kw_only=True):
    prompt: str
    width: int
    height: int
    seed: int = 0


class ImageAnswer(msgspec.Struct, frozen=True, kw_only=True):
    png: bytes
    provider: str
    model: str
    attempts: tuple[str, ...] = ()


CACHED = "cached"  # the outcome of an answer the response cache gave: no provider call, no cost


class AiCall(msgspec.Struct, frozen=True, kw_only=True):
    """One provider call, as billed: model, tokens and cost in micro-dollars (integers add up exactly)."""

    id: uuid.UUID
    user_id: uuid.UUID
    capability: Capability
    provider: str
    model: str
    tokens_in: int
    tokens_out: int
    cost_micros: int
    outcome: str  # ok | cached | an error code
    latency_ms: int
    created_at: datetime


# Published list prices in USD per million tokens (input, output); images per picture. Unknown models
# cost the most expensive known rate, so a budget is never under-counted.
TOKEN_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "claude-haiku-4-5": (1.00, 5.00),
    "claude-sonnet-4-5": (3.00, 15.00),
    "claude-opus-4-1": (15.00, 75.00),
}
IMAGE_PRICES: dict[str, float] = {"dall-e-3": 0.08, "dall-e-2": 0.02, "gpt-image-1": 0.19}


def cost_micros(provider: str, model: str, tokens_in: int, tokens_out: int, images: int = 0) -> int:
    """What a call costs in micro-dollars; the offline engine and self-hosted models listed as free cost 0."""
    if provider == OFFLINE:
        return 0
    if images:
        return round(images * IMAGE_PRICES.get(model, max(IMAGE_PRICES.values())) * 1_000_000)
    price_in, price_out = TOKEN_PRICES.get(model, max(TOKEN_PRICES.values()))
    return round(tokens_in * price_in + tokens_out * price_out)


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class AiJob(msgspec.Struct, kw_only=True):
    """A long generation the client polls: progress 0–100, then a result (content id) or an error."""

    id: uuid.UUID
    user_id: uuid.UUID
    kind: str
    status: JobStatus = JobStatus.QUEUED
    progress: int = 0
    params: dict[str, Any] = msgspec.field(default_factory=dict)
    result: dict[str, Any] = msgspec.field(default_factory=dict)
    error: str | None = None
    created_at: datetime
    updated_at: datetime


class ContentPreferences(msgspec.Struct, frozen=True, kw_only=True):
    """A user's content settings: phrases moderation blocks, brand colours for rendered documents."""

    user_id: uuid.UUID
    banned_phrases: tuple[str, ...] = ()
    brand_colors: tuple[str, ...] = ("#0A66C2", "#FFFFFF", "#1D2226")  # primary, background, text
