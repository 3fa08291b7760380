"""The content library: create, read, list, edit and delete a user's drafts.

Authorization lives here: a principal reads and changes only its own content (admins included:
content is private, admin powers are about accounts)."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec

from inergize.domain.content import Content, ContentKind, VersionState, check_content_fields
from inergize.domain.errors import NotFound
from inergize.domain.pagination import Page, page_size
from inergize.domain.users import Principal
from inergize.ports.clock import Clock
from inergize.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory


class CreateContent(msgspec.Struct, frozen=True, kw_only=True):
    kind: ContentKind = ContentKind.POST
    title: str
    body: str = ""
    data: dict[str, Any] = msgspec.field(default_factory=dict)


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


async def create_content(cmd: CreateContent, *, principal: Principal, uow_factory: UnitOfWorkFactory,
                         clock: Clock) -> Content:
    check_content_fields(cmd.title, cmd.body)
    now = clock.now()
    item = Content(id=uuid.uuid4(), user_id=principal.user_id, kind=cmd.kind, title=cmd.title.strip(),
                   body=cmd.body, state=VersionState.DRAFT, data=cmd.data, created_at=now, updated_at=now)
    async with uow_factory() as uow:
        await uow.content.add(item)
        await uow.commit()
    return item


async def get_content(content_id: uuid.UUID, *, principal: Principal, uow_factory: UnitOfWorkFactory) -> Content:
    async with uow_factory(read_only=True) as uow:
        return await _owned(uow, principal, content_id)


async def list_content(*, principal: Principal, uow_factory: UnitOfWorkFactory, limit: int | None = None,
                       cursor: str | None = None) -> Page[Content]:
    async with uow_factory(read_only=True) as uow:
        return await uow.content.list_for_user(principal.user_id, limit=page_size(limit), cursor=cursor)


async def edit_content(content_id: uuid.UUID, cmd: EditContent, *, expected_version: int, principal: Principal,
                       uow_factory: UnitOfWorkFactory, clock: Clock) -> Content:
    """Apply an edit if the caller saw the current version (``PreconditionFailed`` otherwise).

    An edit sends the content back to ``draft``: it must pass moderation again."""
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
        await uow.commit()
    return saved


async def delete_content(content_id: uuid.UUID, *, principal: Principal, uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        await _owned(uow, principal, content_id)
        await uow.content.delete(content_id)
        await uow.commit()
