"""Prometheus metrics of the AI adapters: provider calls by outcome and latency, response-cache hits."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

PROVIDER_CALLS = Counter(
    "inergize_ai_provider_calls_total", "AI provider calls by outcome", ["capability", "provider", "outcome"]
)
PROVIDER_LATENCY = Histogram(
    "inergize_ai_provider_seconds",
    "AI provider call latency",
    ["capability", "provider"],
    buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40),
)
CACHE_REQUESTS = Counter("inergize_ai_cache_requests_total", "AI response cache lookups", ["result"])


def observe_call(capability: str, provider: str, outcome: str, seconds: float) -> None:
    PROVIDER_CALLS.labels(capability, provider, outcome).inc()
    PROVIDER_LATENCY.labels(capability, provider).observe(seconds)

