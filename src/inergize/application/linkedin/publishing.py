"""Publishing straight to LinkedIn ("post now"), at most once per idempotency key.

Media are uploaded first and their URNs stored before the post is sent, so a retry never uploads again.
The record goes to ``sending`` before the call: if we never learn the outcome (timeout, crash), the
retry tells the adapter, and LinkedIn's duplicate answer is then recorded as this post."""

from __future__ import annotations

import uuid
from functools import partial

import msgspec

from inergize.application.linkedin.deps import LinkedInDeps
from inergize.application.linkedin.member_calls import call_as_member
from inergize.domain.accounts.users import Principal
from inergize.domain.linkedin.auth import LinkedInCapability, MemberAuth
from inergize.domain.linkedin.direct_posts import DirectPost, DirectPostState, RequestedMedia, RequestedPost
from inergize.domain.linkedin.errors import LinkedInError, LinkedInUnavailable
from inergize.domain.linkedin.little_text import MAX_COMMENT_LENGTH, check_commentary
from inergize.domain.linkedin.posts import MediaAttachment, MediaKind, MediaUpload, PostRequest, UploadedMedia
from inergize.domain.platform.errors import ValidationFailed

NEEDS = {MediaKind.IMAGE: LinkedInCapability.PUBLISH_IMAGE, MediaKind.DOCUMENT: LinkedInCapability.PUBLISH_DOCUMENT}
MAX_IMAGE_BYTES = 10 * 1024 * 1024


class MediaInput(msgspec.Struct, frozen=True, kw_only=True):
    kind: MediaKind
    data: bytes = b""
    content_type: str = ""
    filename: str = ""
    alt_text: str | None = None
    title: str | None = None


class PublishNow(msgspec.Struct, frozen=True, kw_only=True):
    commentary: str
    media: tuple[MediaInput, ...] = ()
    first_comment: str | None = None


def _check(cmd: PublishNow, ports: LinkedInDeps) -> None:
    check_commentary(cmd.commentary)
    if cmd.first_comment is not None:
        check_commentary(cmd.first_comment, limit=MAX_COMMENT_LENGTH, field="first_comment")
    caps = ports.gateway.capabilities()
    caps.require(LinkedInCapability.PUBLISH_TEXT)
    if len(cmd.media) > 1:
        if any(m.kind is not MediaKind.IMAGE for m in cmd.media) or len(cmd.media) > 20:
            raise ValidationFailed("A post holds one document, or 2 to 20 images.", field="media")
        caps.require(LinkedInCapability.PUBLISH_MULTI_IMAGE)
    for m in cmd.media:
        caps.require(NEEDS[m.kind])
        if m.kind is MediaKind.IMAGE and len(m.data) > MAX_IMAGE_BYTES:
            raise ValidationFailed("Images are limited to 10 MB.", field="media")
    if cmd.first_comment:
        caps.require(LinkedInCapability.FIRST_COMMENT)


async def _upload(ports: LinkedInDeps, upload: MediaUpload, auth: MemberAuth) -> UploadedMedia:
    return await ports.gateway.upload_media(auth, upload)

async def publish_now(
    cmd: PublishNow, *, idempotency_key: str, principal: Principal, ports: LinkedInDeps
) -> DirectPost:
    """Publish as the principal's connected member; the same key never makes a second LinkedIn post."""
    _check(cmd, ports)
    user_id, now = principal.user_id, ports.clock.now()
    async with ports.uow_factory() as uow:
        await uow.linkedin.add_post(
            DirectPost(
                id=uuid.uuid4(),
                user_id=user_id,
                idempotency_key=idempotency_key,
                state=DirectPostState.PENDING,
                commentary=cmd.commentary,
                created_at=now,
                updated_at=now,
                request=RequestedPost(
                    first_comment=cmd.first_comment,
                    media=tuple(RequestedMedia(kind=m.kind.value, alt_text=m.alt_text, title=m.title,
                                               filename=m.filename) for m in cmd.media),
                ),
            )
        )
        row = await uow.linkedin.get_post(user_id, idempotency_key)
        assert row is not None
        if row.commentary != cmd.commentary:  # checked first: a replay answers only the same request
            raise ValidationFailed(
                "This idempotency key was used for another post.", code="idempotency_key_reused"
            )
        if row.state is DirectPostState.PUBLISHED:
            return row
        unconfirmed = row.state in (DirectPostState.SENDING, DirectPostState.UNKNOWN)
        await uow.linkedin.update_post(
            row.id, state=DirectPostState.SENDING, attempts=row.attempts + 1, updated_at=now
        )
        await uow.commit()
    media_urns: list[str] = list(row.media_urns)
    try:
        for item in cmd.media[len(media_urns) :]:  # resume: only what has no URN yet
            upload = MediaUpload(
                kind=item.kind, data=item.data, content_type=item.content_type, filename=item.filename
            )
            uploaded = await call_as_member(ports, user_id, partial(_upload, ports, upload))
            media_urns.append(uploaded.urn)
            async with ports.uow_factory() as uow:
                await uow.linkedin.update_post(row.id, media_urns=media_urns, updated_at=ports.clock.now())
                await uow.commit()
        request = PostRequest(
            commentary=cmd.commentary,
            first_comment=cmd.first_comment,
            retry_of_unconfirmed_attempt=unconfirmed,
            media=tuple(
                MediaAttachment(kind=m.kind, urn=urn, alt_text=m.alt_text, title=m.title or m.filename)
                for m, urn in zip(cmd.media, media_urns, strict=True)
            ),
        )
        published = await call_as_member(ports, user_id, lambda a: ports.gateway.publish_post(a, request))
    except LinkedInError as exc:
        # transient: the outcome may be unknown, a retry must say so; otherwise it simply failed
        state = DirectPostState.UNKNOWN if isinstance(exc, LinkedInUnavailable) else DirectPostState.FAILED
        async with ports.uow_factory() as uow:
            await uow.linkedin.update_post(
                row.id, state=state, last_error=exc.detail, updated_at=ports.clock.now()
            )
            await uow.commit()
        raise
    async with ports.uow_factory() as uow:
        done = ports.clock.now()
        await uow.linkedin.update_post(
            row.id,
            state=DirectPostState.PUBLISHED,
            post_urn=published.urn,
            media_urns=list(published.media_urns),
            first_comment_urn=published.first_comment_urn,
            last_error=published.first_comment_error,
            published_at=done,
            updated_at=done,
        )
        row = await uow.linkedin.get_post(user_id, idempotency_key)
        await uow.commit()
    assert row is not None
    return row


async def list_posts(*, principal: Principal, ports: LinkedInDeps, limit: int = 50) -> list[DirectPost]:
    """The caller's direct posts, newest first (1–200)."""
    async with ports.uow_factory(read_only=True) as uow:
        return await uow.linkedin.list_posts(principal.user_id, limit=min(max(limit, 1), 200))
