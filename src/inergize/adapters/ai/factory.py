"""Build the AI adapters the settings ask for (``bootstrap`` calls these; nothing is built at import)."""

from __future__ import annotations

from typing import Any

from inergize.settings import Settings


def make_moderator(settings: Settings) -> Any:
    """OpenAI's moderation endpoint when ``openai_moderation`` is on and a key is set; else None (local
    rules only)."""
    if not (settings.openai_moderation and settings.openai_api_key):
        return None
    from inergize.adapters.ai.openai_provider import OpenAIModerator, make_client

    return OpenAIModerator(make_client(settings.openai_api_key, settings.openai_base_url,
                                       settings.openai_timeout_seconds))
