"""The content library: create, read, list, edit and delete a user's content; every edit is a version.

A version is ``draft`` until it passes moderation (:func:`mark_ready`), then ``ready``. An edit makes a
new draft version, so it must pass moderation again. Whether content is scheduled or published is
derived from its publications (the scheduling capability), never stored here.

Authorization lives here: a principal reads and changes only its own content (admins included:
content is private, admin powers are about accounts)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

import msgspec

from inergize.application.content.moderation import moderate_content, raise_if_blocked
from inergize.application.platform.read_through import read_through
from inergize.domain.accounts.users import Principal
from inergize.domain.content.documents import banner_from_data, deck_from_data
from inergize.domain.content.library import (
    Content,
    ContentFilter,
    ContentKind,
    ContentVersion,
    ModerationIssue,
    ReadyVersion,
    VersionState,
    check_content_fields,
)
from inergize.domain.platform.errors import Conflict, NotFound, PreconditionFailed
from inergize.domain.platform.pagination import Page, page_size
from inergize.ports.blob_store import BlobStore
from inergize.ports.clock import Clock
from inergize.ports.moderator import Moderator
from inergize.ports.read_cache import ReadCache, content_scope
from inergize.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory


class CreateContent(msgspec.Struct, frozen=True, kw_only=True):
    kind: ContentKind = ContentKind.POST
    title: str
    body: str = ""
    data: dict[str, Any] = msgspec.field(default_factory=dict)
    media: tuple[str, ...] = ()  # BlobStore keys of files this content publishes
    provider: str | None = None  # the AI provider that wrote it, if any


class EditContent(msgspec.Struct, frozen=True, kw_only=True):
    title: str | None = None
    body: str | None = None
    data: dict[str, Any] | None = None


async def _owned(uow: UnitOfWork, principal: Principal, content_id: uuid.UUID) -> Content:
    item = await uow.content.get(content_id)
    # Someone else's content is "not found", so ids cannot be probed.
    if item is None or not principal.may_act_for(item.user_id):
        raise NotFound("No such content.")
    return item


def _version_of(item: Content, number: int, media: list[str], provider: str | None) -> ContentVersion:
    return ContentVersion(id=uuid.uuid4(), content_id=item.id, user_id=item.user_id, number=number,
                          title=item.title, body=item.body, data=item.data, media=media,
                          state=VersionState.DRAFT, provider=provider, created_at=item.updated_at)


async def add_content(uow: UnitOfWork, cmd: CreateContent, *, principal: Principal, clock: Clock) -> Content:
    """Create content and its first (draft) version inside the caller's unit of work."""
    check_content_fields(cmd.title, cmd.body)
    now = clock.now()
    item = Content(id=uuid.uuid4(), user_id=principal.user_id, kind=cmd.kind, title=cmd.title.strip(),
                   body=cmd.body, state=VersionState.DRAFT, data=cmd.data, created_at=now, updated_at=now)
    await uow.content.add(item)
    await uow.content_versions.add(_version_of(item, 1, list(cmd.media), cmd.provider))
    return item


async def create_content(cmd: CreateContent, *, principal: Principal, uow_factory: UnitOfWorkFactory,
                         clock: Clock) -> Content:
    async with uow_factory() as uow:
        item = await add_content(uow, cmd, principal=principal, clock=clock)
        await uow.commit()
    return item


async def get_content(content_id: uuid.UUID, *, principal: Principal,
                      uow_factory: UnitOfWorkFactory) -> Content:
    async with uow_factory(read_only=True) as uow:
        return await _owned(uow, principal, content_id)


async def list_content(*, principal: Principal, uow_factory: UnitOfWorkFactory, limit: int | None = None,
                       cursor: str | None = None, only: ContentFilter | None = None) -> Page[Content]:
    """The principal's content, newest first, narrowed by ``only`` (words, kind, state) when given."""
    size = page_size(limit)
    async with uow_factory(read_only=True) as uow:
        return await uow.content.list_for_user(principal.user_id, limit=size, cursor=cursor, only=only)


async def render_content_list(render: Callable[[Page[Content]], bytes], representation: str, *,
                              principal: Principal, uow_factory: UnitOfWorkFactory, limit: int | None = None,
                              cursor: str | None = None, only: ContentFilter | None = None,
                              reads: ReadCache | None = None, cache_seconds: float = 0.0) -> bytes:
    """:func:`list_content` as ``render`` writes it (an HTTP body, say), kept written in the read cache
    under the user's content scope and ``representation`` for up to ``cache_seconds``: a hit costs no
    decoding and no rendering. Every write to the user's content bumps that scope before it answers, so
    a page read after a write returned is never one cached before it."""
    size = page_size(limit)

    async def load() -> bytes:
        return render(await list_content(principal=principal, uow_factory=uow_factory, limit=size, cursor=cursor,
                                         only=only))

    key = representation + msgspec.json.encode([size, cursor, only]).decode()
    return await read_through(reads, content_scope(principal.user_id), key, ttl_seconds=cache_seconds, load=load,
                              encode=_as_is, decode=_as_is)


def _as_is(raw: bytes) -> bytes:
    return raw


async def list_versions(content_id: uuid.UUID, *, principal: Principal,
                        uow_factory: UnitOfWorkFactory) -> list[ContentVersion]:
    """Every version of the principal's content item, newest first."""
    async with uow_factory(read_only=True) as uow:
        await _owned(uow, principal, content_id)
        return await uow.content_versions.list_for_content(content_id)


async def edit_content(content_id: uuid.UUID, cmd: EditContent, *, expected_version: int,
                       principal: Principal, uow_factory: UnitOfWorkFactory, clock: Clock) -> Content:
    """Apply an edit if the caller saw the current version (``PreconditionFailed`` otherwise).

    The edit is a new draft version: it must pass moderation again. A carousel or banner whose text
    or data changed gets its file rendered again by the ``ai.render_version`` job; until then the
    version has no file and cannot be made ready."""
    async with uow_factory() as uow:
        item = await _owned(uow, principal, content_id)
        title = cmd.title.strip() if cmd.title is not None else item.title
        body = cmd.body if cmd.body is not None else item.body
        check_content_fields(title, body)
        edited = msgspec.structs.replace(
            item, title=title, body=body, data=cmd.data if cmd.data is not None else item.data,
            state=VersionState.DRAFT, updated_at=clock.now(),
        )
        saved = await uow.content.update(edited, expected_version=expected_version)
        previous = await uow.content_versions.latest(content_id)
        number = previous.number + 1 if previous else 1
        rerender = item.kind is not ContentKind.POST and (title != item.title or edited.data != item.data)
        if rerender:
            _check_document(item.kind, title, edited.data)
        version = _version_of(saved, number, [] if rerender or previous is None else previous.media, None)
        await uow.content_versions.add(version)
        if rerender:
            uow.jobs.enqueue(RENDER_JOB, version_id=str(version.id))
        await uow.commit()
    return saved


RENDER_JOB = "ai.render_version"


def _check_document(kind: ContentKind, title: str, data: dict[str, Any]) -> None:
    if kind is ContentKind.CAROUSEL:
        deck_from_data(title, data)
    elif kind is ContentKind.BANNER:
        banner_from_data(title, data)


async def mark_ready(content_id: uuid.UUID, *, expected_version: int, principal: Principal,
                     uow_factory: UnitOfWorkFactory, clock: Clock, moderator: Moderator | None) -> Content:
    """Moderate the current version; if it passes, it (and the content) become ``ready``.

    A blocked draft keeps the reasons on its version and ``ComplianceBlocked`` lists them."""
    async with uow_factory() as uow:
        item = await _owned(uow, principal, content_id)
        if item.version != expected_version:
            raise PreconditionFailed("The content changed since you read it; fetch it again.")
        version = await uow.content_versions.latest(content_id)
        if version is None:
            raise NotFound("No such content.")
        if item.kind is not ContentKind.POST and not version.media:
            raise Conflict("The file of this version is still being rendered; try again in a moment.",
                           code="file_rendering")
        verdict = await moderate_content(uow, item.user_id, item.kind, version.title, version.body,
                                         version.data, moderator=moderator)
        version = msgspec.structs.replace(version, moderation=list(verdict.issues), state=(
            VersionState.READY if verdict.allowed else VersionState.DRAFT))
        await uow.content_versions.update(version)
        saved = item
        if verdict.allowed and item.state is not VersionState.READY:
            saved = await uow.content.update(
                msgspec.structs.replace(item, state=VersionState.READY, updated_at=clock.now()),
                expected_version=expected_version)
        await uow.commit()  # the reasons are kept even when blocked, so the draft can say why
    raise_if_blocked(verdict)
    return saved


async def record_moderation(uow: UnitOfWork, item: Content,
                            issues: Sequence[ModerationIssue]) -> VersionState:
    """Store a moderation outcome on the current version of ``item`` (just created by the caller in
    ``uow``): ready when there are no issues, else a draft keeping the reasons. Returns the state."""
    version = await uow.content_versions.latest(item.id)
    if version is None:
        raise NotFound("No such content.")
    state = VersionState.DRAFT if issues else VersionState.READY
    await uow.content_versions.update(msgspec.structs.replace(version, moderation=list(issues), state=state))
    if state is VersionState.READY and item.state is not VersionState.READY:
        await uow.content.update(msgspec.structs.replace(item, state=state), expected_version=item.version)
    return state


async def current_ready_version(uow: UnitOfWork, principal: Principal, content_id: uuid.UUID) -> ReadyVersion:
    """The current version of the principal's content item, if it passed moderation.

    ``NotFound`` for content that is not the principal's; ``Conflict`` (code ``content_not_ready``) when
    the current version is a draft: an edit after approval must be approved again before publishing."""
    item = await _owned(uow, principal, content_id)
    version = await uow.content_versions.latest(content_id)
    if version is None or version.state is not VersionState.READY:
        reasons = "; ".join(i.detail for i in version.moderation) if version else ""
        raise Conflict("This content has not passed moderation" + (f": {reasons}" if reasons else
                                                                   " (mark it ready first)."),
                       code="content_not_ready")
    return ReadyVersion(content_id=item.id, version_id=version.id, number=version.number, kind=item.kind,
                        title=version.title, text=version.body, media=tuple(version.media))


async def get_ready_version(content_id: uuid.UUID, *, principal: Principal,
                            uow_factory: UnitOfWorkFactory) -> ReadyVersion:
    """:func:`current_ready_version` in a read-only unit of work of its own."""
    async with uow_factory(read_only=True) as uow:
        return await current_ready_version(uow, principal, content_id)


class ContentFile(msgspec.Struct, frozen=True, kw_only=True):
    data: bytes
    media_type: str
    filename: str
    number: int = 1  # the version the file belongs to


_MEDIA_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg"}


async def content_file(content_id: uuid.UUID, *, principal: Principal, uow_factory: UnitOfWorkFactory,
                       blobs: BlobStore, number: int | None = None) -> ContentFile:
    """The file of the principal's content item (current version, or version ``number``)."""
    async with uow_factory(read_only=True) as uow:
        await _owned(uow, principal, content_id)
        versions = await uow.content_versions.list_for_content(content_id)
    version = next((v for v in versions if number is None or v.number == number), None)
    if version is None or not version.media:
        raise NotFound("This content has no file.")
    key = version.media[0]
    data = await blobs.get(key)
    if data is None:
        raise NotFound("The file is missing from storage.")
    suffix = key[key.rfind("."):] if "." in key else ""
    return ContentFile(data=data, media_type=_MEDIA_TYPES.get(suffix, "application/octet-stream"),
                       filename=f"{content_id}-v{version.number}{suffix}", number=version.number)


async def delete_content(content_id: uuid.UUID, *, principal: Principal,
                         uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        await _owned(uow, principal, content_id)
        await uow.content.delete(content_id)
        await uow.commit()
