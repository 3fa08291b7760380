"""The AI use cases' ports, taken from a built container (HTTP handlers and workers share this)."""

from __future__ import annotations

from typing import Any

from inergize.application.ai.context import AiPorts


def ai_ports(container: Any) -> AiPorts:
    settings = container.settings()
    return AiPorts(
        uow_factory=container.uow_factory(),
        clock=container.clock(),
        text=container.text_generator(),
        images=container.image_generator(),
        moderator=container.moderator(),
        past_posts=container.past_posts(),
        blobs=container.blob_store(),
        carousels=container.carousel_renderer(),
        banners=container.banner_renderer(),
        monthly_budget_usd=settings.ai_monthly_budget_usd,
    )
