"""/v1/linkedin: connect an account, its status, profile sync and score, publishing, network actions,
imports of LinkedIn's exports; /v1/admin/linkedin/version for admins."""

from __future__ import annotations

import base64
import binascii
import uuid
from typing import Any
from urllib.parse import urlencode

from litestar import Request, Response, delete, get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import Parameter

from inergize.application.linkedin import connection as conn_uc
from inergize.application.linkedin import imports as import_uc
from inergize.application.linkedin import network as network_uc
from inergize.application.linkedin import profile as profile_uc
from inergize.application.linkedin import publishing as publish_uc
from inergize.domain.accounts.users import Principal
from inergize.domain.linkedin.version import version_status
from inergize.domain.notifications import web_pages
from inergize.domain.platform.errors import InergizeError, ValidationFailed
from inergize.entrypoints.http.auth import ADMIN, PUBLIC, USER, USER_UPLOAD
from inergize.entrypoints.http.conventions import IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_REQUIRED
from inergize.entrypoints.http.deps import LinkedInDeps
from inergize.entrypoints.http.openapi_bodies import file_upload, uploaded_file
from inergize.entrypoints.http.routes.linkedin.schemas import (
    AnalyticsImportOut,
    ArchiveImportOut,
    AuthorizationOut,
    CommentIn,
    CommentOut,
    ConnectionOut,
    ConnectionStatusOut,
    InvitationIn,
    InvitationOut,
    MediaIn,
    MessageIn,
    MessageOut,
    MisbehaveIn,
    NetworkPageOut,
    PostIn,
    PostOut,
    PostsOut,
    ReactIn,
    ScoredProfileOut,
    VersionStatusOut,
)
from inergize.entrypoints.http.schemas import body_of


@post("/v1/linkedin/connect", opt=USER, status_code=200)
async def connect(linkedin: LinkedInDeps, principal: Principal) -> AuthorizationOut:
    """The authorization URL to send the browser to; its ``state`` is single-use, bound to you, 10 min."""
    start = await conn_uc.start_connect(principal=principal, ports=linkedin)
    return AuthorizationOut(authorization_url=start.authorization_url, state=start.state, expires_at=start.expires_at)


@get("/v1/linkedin/callback", opt=PUBLIC, responses={303: ResponseSpec(
    None, description="To a browser (Accept prefers text/html): on to the web app's LinkedIn page, "
                      "`/linkedin/?connected=1` or `/linkedin/?error=<problem code>`.")})
async def callback(
    request: Request[Any, Any, Any],
    linkedin: LinkedInDeps,
    oauth_state: str = Parameter(query="state"),
    code: str | None = None,
    error: str | None = None,
) -> Response[ConnectionOut]:
    """Where LinkedIn returns the browser: the state identifies the user (a redirect carries no session).
    API clients get the connection as JSON (errors as problems); a browser is sent on to the web app."""
    browser = request.accept.best_match(["application/json", "text/html"]) == "text/html"
    try:
        out = await conn_uc.complete_connect(code=code, state=oauth_state, error=error, ports=linkedin)
    except InergizeError as exc:
        if not browser:
            raise
        return _to_web_app({"error": exc.code})
    return _to_web_app({"connected": "1"}) if browser else Response(body_of(out, ConnectionOut))


def _to_web_app(query: dict[str, str]) -> Response[Any]:
    # relative: the browser stays on the origin LinkedIn sent it back to, which serves the web app
    return Response(b"", status_code=303, headers={"Location": f"{web_pages.LINKEDIN}?{urlencode(query)}",
                                                   "Cache-Control": "no-store"})


@get("/v1/linkedin/connection", opt=USER)
async def connection(linkedin: LinkedInDeps, principal: Principal) -> ConnectionStatusOut:
    return body_of(await conn_uc.connection_status(principal=principal, ports=linkedin), ConnectionStatusOut)


@delete("/v1/linkedin/connection", opt=USER, status_code=204)
async def disconnect(linkedin: LinkedInDeps, principal: Principal) -> None:
    await conn_uc.disconnect(principal=principal, ports=linkedin)


@post("/v1/linkedin/profile/sync", opt=USER, status_code=200)
async def sync_profile(linkedin: LinkedInDeps, principal: Principal) -> ScoredProfileOut:
    return body_of(await profile_uc.sync_profile(principal=principal, ports=linkedin), ScoredProfileOut)


@get("/v1/linkedin/profile", opt=USER)
async def get_profile(linkedin: LinkedInDeps, principal: Principal) -> ScoredProfileOut:
    """The profile with its completeness score (0–100), every check and the roadmap ordered by gain."""
    return body_of(await profile_uc.get_profile(principal=principal, ports=linkedin), ScoredProfileOut)


def _media(items: list[MediaIn]) -> tuple[publish_uc.MediaInput, ...]:
    out = []
    for m in items:
        try:
            data = base64.b64decode(m.data_base64, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValidationFailed("data_base64 is not base64.", field="media") from exc
        out.append(
            publish_uc.MediaInput(
                kind=m.kind,
                data=data,
                content_type=m.content_type,
                filename=m.filename,
                alt_text=m.alt_text,
                title=m.title,
            )
        )
    return tuple(out)


@post("/v1/linkedin/posts", opt=USER | IDEMPOTENCY_KEY_REQUIRED, status_code=201)
async def publish(
    request: Request[Any, Any, Any], linkedin: LinkedInDeps, data: PostIn, principal: Principal
) -> PostOut:
    """Publish now. ``Idempotency-Key`` is required: a retry with the same key never posts twice (and
    never uploads a media file twice)."""
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if not key or len(key) > 200:
        raise ValidationFailed(
            "Send an Idempotency-Key (1–200 characters) so a retry cannot post twice.",
            field="Idempotency-Key",
        )
    cmd = publish_uc.PublishNow(
        commentary=data.commentary, media=_media(data.media), first_comment=data.first_comment
    )
    return body_of(await publish_uc.publish_now(cmd, idempotency_key=key, principal=principal, ports=linkedin),
                   PostOut)


@get("/v1/linkedin/posts", opt=USER)
async def list_posts(
    linkedin: LinkedInDeps, principal: Principal, limit: int = Parameter(default=50, ge=1, le=200)
) -> PostsOut:
    posts = await publish_uc.list_posts(principal=principal, ports=linkedin, limit=limit)
    return PostsOut(items=[body_of(p, PostOut) for p in posts])


@post("/v1/linkedin/comments", opt=USER, status_code=201)
async def comment(linkedin: LinkedInDeps, data: CommentIn, principal: Principal) -> CommentOut:
    urn = await network_uc.comment(data.post_urn, data.text, principal=principal, ports=linkedin)
    return CommentOut(comment_urn=urn)


@post("/v1/linkedin/reactions", opt=USER, status_code=204)
async def react(linkedin: LinkedInDeps, data: ReactIn, principal: Principal) -> None:
    await network_uc.react(data.post_urn, data.reaction, principal=principal, ports=linkedin)


@delete("/v1/linkedin/posts/{post_id:uuid}", opt=USER, status_code=204)
async def delete_post(linkedin: LinkedInDeps, post_id: uuid.UUID, principal: Principal) -> None:
    await network_uc.delete_post(post_id, principal=principal, ports=linkedin)


@get("/v1/linkedin/network", opt=USER)
async def network(
    linkedin: LinkedInDeps,
    principal: Principal,
    cursor: str | None = None,
    limit: int = Parameter(default=100, ge=1, le=500),
) -> NetworkPageOut:
    page = await network_uc.connections(principal=principal, ports=linkedin, limit=limit, cursor=cursor)
    return body_of(page, NetworkPageOut)


@post("/v1/linkedin/invitations", opt=USER, status_code=201)
async def invite(linkedin: LinkedInDeps, data: InvitationIn, principal: Principal) -> InvitationOut:
    ident = await network_uc.invite(
        data.invitee_urn, data.message, principal=principal, ports=linkedin
    )
    return InvitationOut(invitation_id=ident)


@delete("/v1/linkedin/invitations/{invitation_id:str}", opt=USER, status_code=204)
async def withdraw(linkedin: LinkedInDeps, invitation_id: str, principal: Principal) -> None:
    await network_uc.withdraw(invitation_id, principal=principal, ports=linkedin)


@post("/v1/linkedin/messages", opt=USER, status_code=201)
async def message(linkedin: LinkedInDeps, data: MessageIn, principal: Principal) -> MessageOut:
    ident = await network_uc.message(
        data.recipient_urn, data.text, principal=principal, ports=linkedin
    )
    return MessageOut(message_id=ident)


@post("/v1/linkedin/imports/data-export", opt=USER_UPLOAD, status_code=200, operation_class=file_upload(
    "application/zip", description="LinkedIn's data-export ZIP: the body itself or the field `file` of a form."))
async def import_export(
    request: Request[Any, Any, Any], linkedin: LinkedInDeps, principal: Principal
) -> ArchiveImportOut:
    """Upload LinkedIn's "Get a copy of your data" ZIP to fill profile, network and posts."""
    out = await import_uc.import_data_export(
        await uploaded_file(request),
        principal=principal,
        ports=linkedin,
        max_total_bytes=linkedin.import_max_bytes,
    )
    return body_of(out, ArchiveImportOut)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@post("/v1/linkedin/imports/creator-analytics", opt=USER_UPLOAD, status_code=200, operation_class=file_upload(
    XLSX, description="LinkedIn's creator analytics XLSX: the body itself or the field `file` of a form."))
async def import_analytics(
    request: Request[Any, Any, Any], linkedin: LinkedInDeps, principal: Principal
) -> AnalyticsImportOut:
    """Upload LinkedIn's creator analytics XLSX into analytics_events, deduplicated."""
    out = await import_uc.import_creator_analytics(
        await uploaded_file(request), principal=principal, ports=linkedin, reader=linkedin.workbooks
    )
    return body_of(out, AnalyticsImportOut)


@post("/v1/linkedin/sandbox/misbehave", opt=USER, status_code=204)
async def sandbox_misbehave(linkedin: LinkedInDeps, data: MisbehaveIn, principal: Principal) -> None:
    """Sandbox only: make your simulated account answer 429s, 500s or refuse writes (all zero: behave)."""
    settings = network_uc.Misbehaviour(
        rate_limit=data.rate_limit, retry_after=data.retry_after, fail=data.fail, restricted=data.restricted
    )
    await network_uc.sandbox_misbehave(settings, principal=principal, ports=linkedin)


@get("/v1/admin/linkedin/version", opt=ADMIN)
async def api_version(linkedin: LinkedInDeps, principal: Principal) -> VersionStatusOut:
    """Where the configured LinkedIn-Version stands (current, near retirement, retired)."""
    return body_of(version_status(linkedin.api_version, linkedin.clock.now().date()), VersionStatusOut)


ROUTES = [
    connect,
    callback,
    connection,
    disconnect,
    sync_profile,
    get_profile,
    publish,
    list_posts,
    comment,
    react,
    delete_post,
    network,
    invite,
    withdraw,
    message,
    import_export,
    import_analytics,
    sandbox_misbehave,
    api_version,
]
