"""Render the file of an edited carousel or banner version again (job ``ai.render_version``).

Idempotent: a version that has its file already is left alone; the blob key is derived from the
version, so a crashed run that is retried overwrites the same object."""

from __future__ import annotations

import uuid

import msgspec

from inergize.application.ai.deps import AiDeps
from inergize.domain.content.documents import banner_from_data, deck_from_data
from inergize.domain.content.library import ContentKind


async def render_version(version_id: uuid.UUID, *, ports: AiDeps) -> None:
    """Draw the version's document from its stored data and attach it to the version."""
    async with ports.uow_factory(read_only=True) as uow:
        version = await uow.content_versions.get(version_id)
        item = await uow.content.get(version.content_id) if version else None
        user = await uow.users.get(item.user_id) if item else None
    if version is None or item is None or version.media:
        return  # deleted meanwhile, or already rendered
    author = user.display_name if user else ""
    base = f"users/{item.user_id}/{item.kind.value}s/{item.id}-v{version.number}"
    if item.kind is ContentKind.CAROUSEL:
        key, blob, media_type = (
            f"{base}.pdf",
            await ports.carousels.render(deck_from_data(version.title, version.data, author)),
            "application/pdf",
        )
    elif item.kind is ContentKind.BANNER:
        key, blob, media_type = (
            f"{base}.png",
            await ports.banners.render(banner_from_data(version.title, version.data)),
            "image/png",
        )
    else:
        return
    await ports.blobs.put(key, blob, content_type=media_type)
    async with ports.uow_factory() as uow:
        current = await uow.content_versions.get(version_id)
        if current is not None and not current.media:
            await uow.content_versions.update(msgspec.structs.replace(current, media=[key]))
            await uow.commit()
