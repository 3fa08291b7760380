"""A provider's content moderation (e.g. OpenAI's moderation endpoint), consulted after local rules."""

from __future__ import annotations

from typing import Protocol

from inergize.domain.content.moderation import ModerationVerdict


class Moderator(Protocol):
    name: str

    async def check(self, text: str) -> ModerationVerdict:
        """Issues the provider flags in ``text`` (``checked_by`` names it); raise ``ProviderUnavailable``
        when it cannot answer."""
        ...
