"""AI adapters: OpenAI (and OpenAI-compatible servers), Anthropic, the offline engine, the fallback
chain with retries and a circuit breaker, and the response cache's metrics."""
