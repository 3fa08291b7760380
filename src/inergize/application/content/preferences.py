"""A user's content preferences: phrases moderation must block, brand colours for documents."""

from __future__ import annotations

import msgspec

from inergize.domain.accounts.users import Principal
from inergize.domain.ai.generation import ContentPreferences
from inergize.domain.content.documents import Brand
from inergize.domain.platform.errors import ValidationFailed
from inergize.ports.clock import Clock
from inergize.ports.unit_of_work import UnitOfWorkFactory

MAX_PHRASES = 200
MAX_PHRASE_LENGTH = 100


class SetPreferences(msgspec.Struct, frozen=True, kw_only=True):
    banned_phrases: tuple[str, ...] = ()
    brand: Brand | None = None


async def get_preferences(*, principal: Principal, uow_factory: UnitOfWorkFactory) -> ContentPreferences:
    async with uow_factory(read_only=True) as uow:
        prefs = await uow.content_preferences.get(principal.user_id)
    return prefs or ContentPreferences(user_id=principal.user_id)


async def set_preferences(
    cmd: SetPreferences, *, principal: Principal, uow_factory: UnitOfWorkFactory, clock: Clock
) -> ContentPreferences:
    phrases = tuple(dict.fromkeys(p.strip() for p in cmd.banned_phrases if p.strip()))
    if len(phrases) > MAX_PHRASES or any(len(p) > MAX_PHRASE_LENGTH for p in phrases):
        raise ValidationFailed(
            f"Up to {MAX_PHRASES} phrases of up to {MAX_PHRASE_LENGTH} characters.", field="bannedPhrases"
        )
    brand = cmd.brand or Brand()
    prefs = ContentPreferences(
        user_id=principal.user_id,
        banned_phrases=phrases,
        brand_colors=(brand.primary, brand.background, brand.text),
    )
    async with uow_factory() as uow:
        await uow.content_preferences.put(prefs, clock.now())
        await uow.commit()
    return prefs
