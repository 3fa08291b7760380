"""AI content in the composition root: which text and image providers, moderator, renderers and
voice source the settings ask for.

A provider named in a chain without its API key is left out (so the default ``make run`` without keys
answers offline); a chain that ends up empty, or names an unknown provider, is a configuration error.
Provider SDK clients are imported only when their provider is configured."""

from __future__ import annotations

from typing import Any

import structlog

from inergize.adapters.ai.chain import CircuitBreaker, FallbackChain, Link, RetryPolicy
from inergize.domain.platform.errors import ConfigurationError
from inergize.settings import Settings

log = structlog.get_logger("inergize.ai")
TEXT_PROVIDERS = ("openai", "anthropic", "offline")
IMAGE_PROVIDERS = ("openai", "offline")


def _names(raw: str, allowed: tuple[str, ...], variable: str) -> list[str]:
    names = [n.strip().lower() for n in raw.split(",") if n.strip()]
    unknown = [n for n in names if n not in allowed]
    if unknown or not names:
        raise ConfigurationError(
            f"INERGIZE_{variable}: {', '.join(unknown) or '(empty)'} is not one of {', '.join(allowed)}.",
            variable=f"INERGIZE_{variable}",
        )
    return names


def _policy(s: Settings) -> RetryPolicy:
    return RetryPolicy(attempts=max(1, s.ai_retry_attempts), max_wait=s.ai_retry_max_wait_seconds)


def _breaker(s: Settings) -> CircuitBreaker:
    return CircuitBreaker(threshold=s.ai_breaker_failures, cooldown=s.ai_breaker_cooldown_seconds)


def _text_link(name: str, s: Settings) -> tuple[Link[Any, Any], str] | None:
    if name == "openai":
        if not s.openai_api_key:
            return None
        from inergize.adapters.ai.openai_provider import OpenAITextGenerator, make_client

        client = make_client(s.openai_api_key, s.openai_base_url, s.openai_timeout_seconds)
        gen: Any = OpenAITextGenerator(client, s.openai_model, paid=s.openai_paid)
        return Link(gen, timeout=s.openai_timeout_seconds, breaker=_breaker(s)), f"openai:{s.openai_model}"
    if name == "anthropic":
        if not s.anthropic_api_key:
            return None
        from inergize.adapters.ai.anthropic_provider import AnthropicTextGenerator
        from inergize.adapters.ai.anthropic_provider import make_client as make_anthropic

        anthropic_client = make_anthropic(
            s.anthropic_api_key, s.anthropic_base_url, s.anthropic_timeout_seconds
        )
        gen = AnthropicTextGenerator(anthropic_client, s.anthropic_model)
        return (
            Link(gen, timeout=s.anthropic_timeout_seconds, breaker=_breaker(s)),
            f"anthropic:{s.anthropic_model}",
        )
    from inergize.adapters.ai.offline import OfflineTextGenerator

    return Link(OfflineTextGenerator(), timeout=10.0, breaker=CircuitBreaker(threshold=10**9)), "offline"


def text_generator(settings: Settings, cache: Any = None) -> Any:
    """The text chain of ``ai_text_providers``, behind the response cache when ``cache`` is given."""
    built = [
        link
        for name in _names(settings.ai_text_providers, TEXT_PROVIDERS, "AI_TEXT_PROVIDERS")
        if (link := _text_link(name, settings)) is not None
    ]
    if not built:
        raise ConfigurationError(
            "INERGIZE_AI_TEXT_PROVIDERS: no provider has its API key; add offline.",
            variable="INERGIZE_AI_TEXT_PROVIDERS",
        )
    chain: Any = FallbackChain([link for link, _ in built], policy=_policy(settings), capability="text")
    log.info("ai.text_chain", providers=chain.name)
    if cache is None:
        return chain
    from inergize.adapters.ai.cache import CachedTextGenerator

    return CachedTextGenerator(
        chain, cache, ttl_seconds=settings.ai_cache_ttl_seconds, models=">".join(sig for _, sig in built)
    )


def image_generator(settings: Settings) -> Any:
    from inergize.adapters.ai.offline import OfflineImageGenerator

    links: list[Link[Any, Any]] = []
    for name in _names(settings.ai_image_providers, IMAGE_PROVIDERS, "AI_IMAGE_PROVIDERS"):
        if name == "openai" and settings.openai_api_key:
            from inergize.adapters.ai.openai_provider import OpenAIImageGenerator, make_client

            client = make_client(
                settings.openai_api_key, settings.openai_base_url, max(settings.openai_timeout_seconds, 60.0)
            )
            links.append(
                Link(
                    OpenAIImageGenerator(client, settings.openai_image_model),
                    timeout=max(settings.openai_timeout_seconds, 60.0),
                    breaker=_breaker(settings),
                )
            )
        elif name == "offline":
            links.append(Link(OfflineImageGenerator(), timeout=30.0, breaker=CircuitBreaker(threshold=10**9)))
    if not links:
        raise ConfigurationError(
            "INERGIZE_AI_IMAGE_PROVIDERS: no provider has its API key; add offline.",
            variable="INERGIZE_AI_IMAGE_PROVIDERS",
        )
    return FallbackChain(links, policy=_policy(settings), capability="image")


def moderator(settings: Settings) -> Any:
    """OpenAI's moderation endpoint when ``openai_moderation`` is on and a key is set; else None (local
    rules only)."""
    if not (settings.openai_moderation and settings.openai_api_key):
        return None
    from inergize.adapters.ai.openai_provider import OpenAIModerator, make_client

    return OpenAIModerator(
        make_client(settings.openai_api_key, settings.openai_base_url, settings.openai_timeout_seconds)
    )


def carousel_renderer() -> Any:
    from inergize.adapters.rendering.carousel_pdf import ReportlabCarouselRenderer

    return ReportlabCarouselRenderer()


def banner_renderer() -> Any:
    from inergize.adapters.rendering.banner_png import PillowBannerRenderer

    return PillowBannerRenderer()


def past_posts(engine: Any) -> Any:
    from inergize.adapters.persistence.past_posts import SqlPastPosts

    return SqlPastPosts(engine)
