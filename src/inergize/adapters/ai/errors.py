"""Translate SDK exceptions (OpenAI and Anthropic share their shape) into ``ProviderFailed``."""

from __future__ import annotations

from typing import Any

from inergize.domain.ai.generation import ProviderFailed

MAX_HINT_SECONDS = 3600.0


def retry_after(headers: Any) -> float | None:
    """The server's wait hint: ``retry-after-ms`` (OpenAI) first, then ``retry-after`` in seconds."""
    if headers is None:
        return None
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        raw = headers.get(name)
        if raw is None:
            continue
        try:
            value = float(raw) * scale
        except ValueError:
            continue  # an HTTP date: too rare from these APIs to parse; fall back to our backoff
        if 0 <= value <= MAX_HINT_SECONDS:
            return value
    return None


def translate(provider: str, exc: BaseException, sdk: Any) -> ProviderFailed:
    """``exc`` raised by ``sdk`` (the ``openai`` or ``anthropic`` module) as a ``ProviderFailed``."""
    if isinstance(exc, sdk.APITimeoutError):
        return ProviderFailed(provider, "timeout", "timed out", retryable=True)
    if isinstance(exc, sdk.APIConnectionError):
        return ProviderFailed(provider, "connection", "could not connect", retryable=True)
    if isinstance(exc, sdk.APIStatusError):
        status = exc.status_code
        hint = retry_after(getattr(exc.response, "headers", None))
        should = exc.response.headers.get("x-should-retry") if exc.response is not None else None
        if status in (401, 403):
            return ProviderFailed(provider, "auth", f"refused the API key (HTTP {status})", retryable=False)
        if status == 429:
            return ProviderFailed(
                provider,
                "rate_limited",
                "rate limited (HTTP 429)",
                retryable=should != "false",
                retry_after=hint,
            )
        if status >= 500 or status in (408, 409):
            return ProviderFailed(
                provider,
                "server_error",
                f"failed (HTTP {status})",
                retryable=should != "false",
                retry_after=hint,
            )
        return ProviderFailed(
            provider, "bad_request", f"rejected the request (HTTP {status})", retryable=False
        )
    if isinstance(
        exc, sdk.APIResponseValidationError | ValueError | KeyError | TypeError | AttributeError | IndexError
    ):
        return ProviderFailed(provider, "malformed", "sent an answer we could not read", retryable=False)
    return ProviderFailed(provider, "error", type(exc).__name__, retryable=False)
