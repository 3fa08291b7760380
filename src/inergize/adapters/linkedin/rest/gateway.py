"""``LinkedInGateway`` over LinkedIn's REST API (OAuth 2.0, OpenID userinfo, Posts, Images, Documents,
social actions), exactly in the documented wire format."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any
from urllib.parse import quote, urlencode

import structlog

from inergize.adapters.linkedin.rest.http import HttpResponse
from inergize.adapters.linkedin.rest.transport import Transport, error_for
from inergize.adapters.linkedin.rest.wire import (
    MAX_DOCUMENT_BYTES,
    MAX_IMAGES,
    REST_CAPABILITIES,
    NotOffered,
    locale_of,
    post_body,
    scopes_of,
)
from inergize.domain.linkedin.auth import Capabilities, LinkedInIdentity, MemberAuth, OAuthTokens
from inergize.domain.linkedin.errors import ContentRejected, DuplicatePost, LinkedInError, LinkedInUnavailable
from inergize.domain.linkedin.little_text import MAX_COMMENT_LENGTH, check_commentary, escape_little_text
from inergize.domain.linkedin.network import ProfileSnapshot, ReactionType
from inergize.domain.linkedin.posts import (
    MediaAttachment,
    MediaKind,
    MediaUpload,
    PostRequest,
    PublishedPost,
    UploadedMedia,
)
from inergize.ports.clock import Clock

log = structlog.get_logger("inergize.linkedin")


class RestLinkedInGateway(NotOffered):
    def __init__(
        self,
        transport: Transport,
        *,
        clock: Clock,
        client_id: str,
        client_secret: str,
        oauth_base_url: str,
        api_base_url: str,
        api_version: str,
    ) -> None:
        self._t = transport
        self._clock = clock
        self._client_id = client_id
        self._client_secret = client_secret
        self._oauth = oauth_base_url.rstrip("/")
        self._api = api_base_url.rstrip("/")
        self._version = api_version

    def capabilities(self) -> Capabilities:
        return REST_CAPABILITIES

    async def aclose(self) -> None:
        """Close the HTTP connection pool (called at shutdown, on the loop that used it)."""
        await self._t.client.aclose()

    # --- OAuth / OpenID
    def authorization_url(
        self, *, state: str, redirect_uri: str, scopes: Sequence[str], login_hint: str | None = None
    ) -> str:
        query = {
            "response_type": "code",
            "client_id": self._client_id,
            "redirect_uri": redirect_uri,
            "state": state,
            "scope": " ".join(scopes),
        }
        return f"{self._oauth}/authorization?{urlencode(query, quote_via=quote)}"

    async def _token(self, form: dict[str, str]) -> OAuthTokens:
        form |= {"client_id": self._client_id, "client_secret": self._client_secret}
        resp, _ = await self._t.send(
            "POST",
            f"{self._oauth}/accessToken",
            member_urn=None,
            budget=False,
            data=form,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if resp.status_code != 200:
            raise error_for(resp)
        body = resp.json()
        now = self._clock.now()
        refresh_in = body.get("refresh_token_expires_in")
        if not body.get("access_token"):
            raise LinkedInUnavailable("LinkedIn's token answer had no access token.")
        return OAuthTokens(
            access_token=body["access_token"],
            expires_at=now + timedelta(seconds=int(body.get("expires_in", 0))),
            refresh_token=body.get("refresh_token") or None,
            refresh_expires_at=now + timedelta(seconds=int(refresh_in)) if refresh_in else None,
            scopes=scopes_of(body.get("scope")),
            id_token=body.get("id_token"),
        )

    async def exchange_code(self, *, code: str, redirect_uri: str) -> OAuthTokens:
        return await self._token(
            {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
        )

    async def refresh(self, *, refresh_token: str) -> OAuthTokens:
        return await self._token({"grant_type": "refresh_token", "refresh_token": refresh_token})

    async def userinfo(self, access_token: str) -> LinkedInIdentity:
        resp, _ = await self._t.send(
            "GET",
            f"{self._api}/v2/userinfo",
            member_urn=None,
            headers={"Authorization": f"Bearer {access_token}"},
        )
        if resp.status_code != 200:
            raise error_for(resp)
        b = resp.json()
        return LinkedInIdentity(
            sub=str(b["sub"]),
            name=b.get("name") or "",
            given_name=b.get("given_name") or "",
            family_name=b.get("family_name") or "",
            picture=b.get("picture"),
            locale=locale_of(b.get("locale")),
            email=b.get("email"),
            email_verified=bool(b.get("email_verified")),
        )

    async def profile(self, auth: MemberAuth) -> ProfileSnapshot:
        """Only name and photo: the rest of a profile is not readable by ordinary apps (import the export)."""
        who = await self.userinfo(auth.access_token)
        return ProfileSnapshot(full_name=who.name, photo_url=who.picture)

    # --- REST calls
    def _headers(self, auth: MemberAuth) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {auth.access_token}",
            "LinkedIn-Version": self._version,
            "X-Restli-Protocol-Version": "2.0.0",
            "Content-Type": "application/json",
        }

    async def _rest(
        self, method: str, path: str, auth: MemberAuth, **kwargs: Any
    ) -> tuple[HttpResponse, bool]:
        return await self._t.send(
            method,
            f"{self._api}/rest/{path}",
            member_urn=auth.member_urn,
            headers=self._headers(auth),
            **kwargs,
        )

    async def upload_media(self, auth: MemberAuth, media: MediaUpload) -> UploadedMedia:
        if media.kind is MediaKind.DOCUMENT:
            if media.content_type != "application/pdf" or not media.data.startswith(b"%PDF"):
                raise ContentRejected("A document post takes a PDF file.", field="media")
            if len(media.data) > MAX_DOCUMENT_BYTES:
                raise ContentRejected("LinkedIn accepts documents up to 100 MB.", field="media")
        resource = "documents" if media.kind is MediaKind.DOCUMENT else "images"
        resp, _ = await self._rest(
            "POST",
            f"{resource}?action=initializeUpload",
            auth,
            json={"initializeUploadRequest": {"owner": auth.member_urn}},
        )
        if resp.status_code != 200:
            raise error_for(resp)
        value = resp.json()["value"]
        urn = value["document" if media.kind is MediaKind.DOCUMENT else "image"]
        put, _ = await self._t.send(
            "PUT",
            value["uploadUrl"],
            member_urn=auth.member_urn,
            content=media.data,
            headers={
                "Authorization": f"Bearer {auth.access_token}",
                "Content-Type": "application/octet-stream",
            },
        )
        if put.status_code not in (200, 201):
            raise error_for(put)
        return UploadedMedia(kind=media.kind, urn=urn)

    async def _resolve_media(self, auth: MemberAuth, media: tuple[MediaAttachment, ...]) -> list[str]:
        urns: list[str] = []
        for item in media:
            if item.urn:
                urns.append(item.urn)
                continue
            if item.upload is None:
                raise ContentRejected(
                    "A media attachment needs either a URN or bytes to upload.", field="media"
                )
            try:
                urns.append((await self.upload_media(auth, item.upload)).urn)
            except LinkedInError as exc:
                exc.media_urns = tuple(urns)  # what did get uploaded: the retry passes these URNs
                raise
        return urns

    async def publish_post(self, auth: MemberAuth, post: PostRequest) -> PublishedPost:
        check_commentary(post.commentary)
        if post.first_comment is not None:
            check_commentary(post.first_comment, limit=MAX_COMMENT_LENGTH, field="first_comment")
        if len(post.media) > 1 and {m.kind for m in post.media} != {MediaKind.IMAGE}:
            raise ContentRejected(f"A post holds one document, or 2 to {MAX_IMAGES} images.", field="media")
        urns = await self._resolve_media(auth, post.media)
        body = post_body(auth.member_urn, post, urns)
        try:
            resp, uncertain = await self._rest("POST", "posts", auth, json=body)
        except LinkedInError as exc:
            exc.media_urns = tuple(urns)
            raise
        recovered = False
        if resp.status_code == 201:
            urn = resp.headers.get("x-restli-id") or resp.headers.get("x-linkedin-id")
            if not urn:
                raise LinkedInUnavailable("LinkedIn created the post but did not name it (no x-restli-id).")
        else:
            error = error_for(resp)
            error.media_urns = tuple(urns)
            # Our own earlier attempt (timed out here or in an earlier call) created it: that is this post.
            if (
                isinstance(error, DuplicatePost)
                and error.existing_urn
                and (uncertain or post.retry_of_unconfirmed_attempt)
            ):
                urn, recovered = error.existing_urn, True
                log.info("linkedin.duplicate_recovered", post_urn=urn)
            else:
                raise error
        comment_urn = comment_error = None
        if post.first_comment:
            try:
                comment_urn = await self.comment(auth, post_urn=urn, text=post.first_comment)
            except LinkedInError as exc:
                comment_error = exc.detail
        return PublishedPost(
            urn=urn,
            media_urns=tuple(urns),
            first_comment_urn=comment_urn,
            first_comment_error=comment_error,
            recovered_duplicate=recovered,
        )

    async def comment(self, auth: MemberAuth, *, post_urn: str, text: str) -> str:
        check_commentary(text, limit=MAX_COMMENT_LENGTH, field="text")
        resp, _ = await self._rest(
            "POST",
            f"socialActions/{quote(post_urn, safe='')}/comments",
            auth,
            json={
                "actor": auth.member_urn,
                "object": post_urn,
                "message": {"text": escape_little_text(text)},
            },
        )
        if resp.status_code not in (200, 201):
            raise error_for(resp)
        urn = resp.headers.get("x-restli-id")
        if not urn and resp.content:
            body = resp.json()
            urn = body.get("commentUrn") or body.get("$URN") or body.get("id")
        return str(urn or "")

    async def react(self, auth: MemberAuth, *, post_urn: str, reaction: ReactionType) -> None:
        resp, _ = await self._rest(
            "POST",
            f"reactions?actor={quote(auth.member_urn, safe='')}",
            auth,
            json={"root": post_urn, "reactionType": reaction.value},
        )
        if resp.status_code not in (200, 201, 409):  # 409: already reacted
            raise error_for(resp)

    async def delete_post(self, auth: MemberAuth, *, post_urn: str) -> None:
        resp, _ = await self._rest("DELETE", f"posts/{quote(post_urn, safe='')}", auth)
        if resp.status_code not in (200, 204, 404, 410):  # already gone is what the caller wanted
            raise error_for(resp)
