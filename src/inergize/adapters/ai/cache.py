"""The response cache in front of the text chain, through the ``Cache`` port (memory or Redis).

Keyed by a hash of the fully rendered prompt, the chain's models and the generation parameters, and
scoped to the user: one user's personalised text is never served to another. Requests marked
``fresh`` (regenerate, extra variants) skip the lookup but still store their answer."""

from __future__ import annotations

import hashlib

import msgspec

from inergize.adapters.ai import metrics
from inergize.domain.ai.generation import TextAnswer, TextRequest
from inergize.ports.ai import TextGenerator
from inergize.ports.cache import Cache

_encode = msgspec.json.Encoder(order="deterministic").encode
_decode = msgspec.json.Decoder(TextAnswer).decode
KEY_PREFIX = "ai:text:v1:"


def cache_key(request: TextRequest, models: str) -> str:
    """The key of ``request`` as answered by the chain ``models``; the scope is part of the hash."""
    material = _encode(
        [
            request.cache_scope,
            models,
            request.system,
            request.prompt,
            request.max_tokens,
            request.temperature,
            request.seed,
            request.context,
        ]
    )
    return KEY_PREFIX + hashlib.sha256(material).hexdigest()


class CachedTextGenerator:
    def __init__(self, inner: TextGenerator, cache: Cache, *, ttl_seconds: float, models: str) -> None:
        self._inner = inner
        self._cache = cache
        self._ttl = ttl_seconds
        self._models = models
        self.name = inner.name
        self.paid = inner.paid

    async def generate(self, request: TextRequest) -> TextAnswer:
        if not request.cache_scope or self._ttl <= 0:
            return await self._inner.generate(request)
        key = cache_key(request, self._models)
        if not request.fresh:
            raw = await self._cache.get(key)
            if raw is not None:
                try:
                    answer = _decode(raw)
                except msgspec.DecodeError:
                    answer = None  # an entry from an older format: regenerate it
                if answer is not None:
                    metrics.CACHE_REQUESTS.labels("hit").inc()
                    return msgspec.structs.replace(answer, cached=True, attempts=())
            metrics.CACHE_REQUESTS.labels("miss").inc()
        answer = await self._inner.generate(request)
        await self._cache.set(key, _encode(answer), ttl_seconds=self._ttl)
        return answer
