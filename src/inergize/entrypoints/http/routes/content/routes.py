"""/v1/content: the user's content library."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from litestar import Request, Response, delete, get, patch, post
from litestar.params import Parameter
from litestar.response.base import ASGIResponse

from inergize.application.content import library as uc
from inergize.application.content import pages as pages_uc
from inergize.domain.accounts.users import Principal
from inergize.domain.content.library import Content, ContentFilter, ContentKind, ContentVersion, VersionState
from inergize.domain.platform.errors import ValidationFailed
from inergize.domain.platform.pagination import Page
from inergize.entrypoints.http.auth import USER, caller
from inergize.entrypoints.http.conventions import IDEMPOTENT, IF_MATCH, etag, expected_version, idempotent
from inergize.entrypoints.http.deps import ContentDeps
from inergize.entrypoints.http.openapi import files
from inergize.entrypoints.http.routes.content.schemas import (
    ContentIn,
    ContentOut,
    ContentPageOut,
    ContentPatch,
    IssueOut,
    PagesOut,
    VersionListOut,
    VersionOut,
)
from inergize.entrypoints.http.schemas import encoded_answer, encoded_spec


def version_out(v: ContentVersion) -> VersionOut:
    issues = [IssueOut(code=i.code, detail=i.detail) for i in v.moderation]
    return VersionOut(id=v.id, number=v.number, title=v.title, body=v.body, data=v.data, media=v.media,
                      state=v.state.value, moderation=issues, provider=v.provider, created_at=v.created_at)


def to_out(item: Content) -> ContentOut:
    # the kind and state are StrEnums, so strings already (``.value`` is a slow descriptor, 50 per page)
    return ContentOut(id=item.id, kind=item.kind, title=item.title, body=item.body,
                      state=item.state, data=item.data, created_at=item.created_at,
                      updated_at=item.updated_at, version=item.version)


_json = msgspec.json.Encoder()


def page_json(page: Page[Content]) -> bytes:
    """A page of the list as the JSON body of ``GET /v1/content`` (kept so in the read cache)."""
    return _json.encode(ContentPageOut(items=[to_out(i) for i in page.items], next_cursor=page.next_cursor))


@post("/v1/content", opt=USER | IDEMPOTENT)
async def create_content(request: Request[Any, Any, Any], content: ContentDeps, data: ContentIn,
                         principal: Principal) -> Response[ContentOut]:

    async def create() -> tuple[int, Any, dict[str, str]]:
        item = await uc.create_content(
            uc.CreateContent(kind=data.kind, title=data.title, body=data.body, data=data.data),
            principal=principal, uow_factory=content.uow_factory, clock=content.clock)
        return 201, to_out(item), {"ETag": etag(item.version), "Location": f"/v1/content/{item.id}"}

    return await idempotent(request, principal, create)


# The hottest read takes its caller from the request (:func:`caller`): with ``principal`` and ``content``
# both injected, Litestar resolves the two in a task group of their own on every request.
@get("/v1/content", opt=USER, responses={200: encoded_spec(ContentPageOut)})
async def list_content(
    request: Request[Any, Any, Any], content: ContentDeps,
    cursor: str | None = None, limit: int | None = Parameter(default=None, ge=1, le=200),
    q: str | None = Parameter(default=None, max_length=200,
                              description="Words that must all appear in the title or the text (any case)."),
    kind: ContentKind | None = None,
    # ``state`` is a name Litestar keeps for the app's state, so the parameter is renamed.
    content_state: VersionState | None = Parameter(query="state", default=None),
) -> ASGIResponse:
    """Your content, newest first, optionally narrowed by words (``q``), ``kind`` and ``state``."""
    only = ContentFilter(text=q.strip() or None if q else None, kind=kind, state=content_state)
    body = await uc.render_content_list(page_json, "json", principal=caller(request), uow_factory=content.uow_factory,
                                        limit=limit, cursor=cursor, only=only, reads=content.reads,
                                        cache_seconds=content.list_cache_seconds)
    return encoded_answer(body)


@get("/v1/content/{content_id:uuid}", opt=USER)
async def get_content(content: ContentDeps, content_id: uuid.UUID,
                      principal: Principal) -> Response[ContentOut]:
    item = await uc.get_content(content_id, principal=principal, uow_factory=content.uow_factory)
    return Response(to_out(item), headers={"ETag": etag(item.version)})


@patch("/v1/content/{content_id:uuid}", opt=USER | IF_MATCH)
async def edit_content(request: Request[Any, Any, Any], content: ContentDeps, content_id: uuid.UUID,
                       data: ContentPatch, principal: Principal) -> Response[ContentOut]:
    item = await uc.edit_content(
        content_id, uc.EditContent(title=data.title, body=data.body, data=data.data),
        expected_version=expected_version(request), principal=principal, uow_factory=content.uow_factory,
        clock=content.clock)
    return Response(to_out(item), headers={"ETag": etag(item.version)})


@get("/v1/content/{content_id:uuid}/versions", opt=USER)
async def list_versions(content: ContentDeps, content_id: uuid.UUID,
                        principal: Principal) -> VersionListOut:
    versions = await uc.list_versions(content_id, principal=principal, uow_factory=content.uow_factory)
    return VersionListOut(items=[version_out(v) for v in versions])


@post("/v1/content/{content_id:uuid}/ready", opt=USER | IF_MATCH, status_code=200)
async def mark_ready(request: Request[Any, Any, Any], content: ContentDeps, content_id: uuid.UUID,
                     principal: Principal) -> Response[ContentOut]:
    """Moderate the current version and make it ready; 409 ``moderation_blocked`` lists the reasons."""
    item = await uc.mark_ready(content_id, expected_version=expected_version(request), principal=principal,
                               uow_factory=content.uow_factory, clock=content.clock, moderator=content.moderator)
    return Response(to_out(item), headers={"ETag": etag(item.version)})


@get("/v1/content/{content_id:uuid}/file", opt=USER | files("application/pdf", "image/png"))
async def content_file(content: ContentDeps, content_id: uuid.UUID, principal: Principal,
                       version: int | None = Parameter(default=None, ge=1)) -> Response[bytes]:
    """The rendered file (carousel PDF, banner PNG) of the current version, or of ``?version=n``."""
    f = await uc.content_file(content_id, principal=principal, uow_factory=content.uow_factory,
                              blobs=content.blobs, number=version)
    return Response(f.data, media_type=f.media_type,
                    headers={"Content-Disposition": f'inline; filename="{f.filename}"'})


@get("/v1/content/{content_id:uuid}/pages", opt=USER)
async def document_pages(content: ContentDeps, content_id: uuid.UUID, principal: Principal,
                         version: int | None = Parameter(default=None, ge=1)) -> PagesOut:
    """How many pages the carousel PDF of the current version (or ``?version=n``) has; 404 while it renders."""
    info = await pages_uc.document_pages(content_id, principal=principal, uow_factory=content.uow_factory,
                                         blobs=content.blobs, pages=content.pages, number=version)
    return PagesOut(version=info.version, count=info.count)


@get("/v1/content/{content_id:uuid}/pages/{page:int}", opt=USER, media_type="image/png")
async def page_image(content: ContentDeps, content_id: uuid.UUID, page: int, principal: Principal,
                     version: int | None = Parameter(default=None, ge=1),
                     width: int = Parameter(default=540, description="270, 540 or 1080 pixels")) -> Response[bytes]:
    """Page ``page`` (from 1) of the carousel PDF drawn as a PNG, from the PDF itself. A given ``version``
    never changes, so its pages may be kept by the browser."""
    if width not in pages_uc.PAGE_WIDTHS:
        raise ValidationFailed("width must be 270, 540 or 1080.", field="width")
    if page < 1:
        raise ValidationFailed("Pages are numbered from 1.", field="page")
    png = await pages_uc.page_image(content_id, page, principal=principal, uow_factory=content.uow_factory,
                                    blobs=content.blobs, pages=content.pages, width=width, number=version)
    cache = "private, max-age=86400, immutable" if version is not None else "private, no-cache"
    return Response(png, media_type="image/png", headers={"Cache-Control": cache})


@delete("/v1/content/{content_id:uuid}", opt=USER, status_code=204)
async def delete_content(content: ContentDeps, content_id: uuid.UUID,
                         principal: Principal) -> None:
    await uc.delete_content(content_id, principal=principal, uow_factory=content.uow_factory)


ROUTES = [create_content, list_content, get_content, edit_content, delete_content, list_versions, mark_ready,
          content_file, document_pages, page_image]
