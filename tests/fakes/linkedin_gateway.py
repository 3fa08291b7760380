"""An in-memory LinkedIn: the ``LinkedInGateway`` and ``SandboxControls`` ports with the sandbox's rules
(single-use codes, 60-day tokens, a refresh token that is not renewed, duplicate posts refused, media a
member uploaded, invitations that can be withdrawn once, the daily write limit, misbehaviour on demand).

Tests steer it through plain attributes: ``failures`` (raised by the next member calls, in order),
``restricted`` (every write refused), ``available`` (capabilities), ``connections`` and ``suggestions``
(the network every member sees), ``known_members`` (None: any URN is a member), ``issue_refresh_tokens``,
``revoked`` (members whose tokens LinkedIn no longer accepts). ``calls`` records every member action
LinkedIn accepted as (kind, target, text). A token this fake never issued (a test's own ``MemberAuth``)
is taken as the member's."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urlencode

import msgspec

from inergize.domain.linkedin.auth import (
    Capabilities,
    LinkedInCapability,
    LinkedInIdentity,
    MemberAuth,
    OAuthTokens,
    person_urn,
)
from inergize.domain.linkedin.errors import (
    ContentRejected,
    DuplicatePost,
    LinkedInForbidden,
    LinkedInRateLimited,
    LinkedInTokenRejected,
    LinkedInUnavailable,
)
from inergize.domain.linkedin.little_text import MAX_COMMENT_LENGTH, check_commentary
from inergize.domain.linkedin.network import NetworkMember, NetworkPage, ProfileSnapshot, ReactionType
from inergize.domain.linkedin.posts import MediaKind, MediaUpload, PostRequest, PublishedPost, UploadedMedia
from inergize.domain.platform.errors import CapabilityUnavailable, Conflict, NotFound
from inergize.ports.clock import Clock
from tests.fakes.clock import FakeClock

ALL = frozenset(LinkedInCapability)
ACCESS_TTL = timedelta(days=60)
REFRESH_TTL = timedelta(days=365)
DAILY_WRITES = 150  # the sandbox's (and LinkedIn's) per-member daily limit on writes
T = TypeVar("T")


class Token(msgspec.Struct, frozen=True):
    sub: str
    expires_at: datetime


class Post(msgspec.Struct, kw_only=True):
    urn: str
    author: str  # member URN
    commentary: str
    media_urns: tuple[str, ...]
    deleted: bool = False


class FakeLinkedInGateway:
    def __init__(self, *, available: frozenset[LinkedInCapability] = ALL, latency: float = 0.0,
                 clock: Clock | None = None) -> None:
        self.available = available
        self.latency = latency
        self.clock = clock or FakeClock()
        self.calls: list[tuple[str, str, str | None]] = []  # (kind, target, text)
        self.failures: list[Exception] = []
        self.restricted = False
        self.issue_refresh_tokens = True
        self.revoked: set[str] = set()  # member URNs
        self.connections: list[NetworkMember] = []
        self.suggestions = [NetworkMember(urn=f"urn:li:person:S{i}", name=f"Sam {i}", company="Initech",
                                          degree=2) for i in range(40)]
        self.known_members: set[str] | None = None
        self.posts: dict[str, Post] = {}
        self.media: dict[str, str] = {}  # media URN -> its owner's URN
        self.invitations: dict[str, tuple[str, str]] = {}  # id -> (inviter URN, state)
        self.misbehaving: dict[str, dict[str, Any]] = {}  # member URN -> misbehave() settings
        self.writes: dict[tuple[str, str], int] = {}  # (member URN, UTC day) -> accepted writes
        self._codes: dict[str, str] = {}  # code -> login hint
        self._access: dict[str, Token] = {}
        self._refresh: dict[str, Token] = {}
        self._ids = itertools.count(1)

    # --- the port
    def capabilities(self) -> Capabilities:
        return Capabilities(adapter="fake", available=self.available,
                            unavailable={c.value: "not in this fake" for c in ALL - self.available})

    def authorization_url(self, *, state: str, redirect_uri: str, scopes: Sequence[str],
                          login_hint: str | None = None) -> str:
        """Consent is given at once: the URL is the redirect back, with a code for the hint's member."""
        code = f"code-{next(self._ids)}"
        self._codes[code] = login_hint or f"anonymous:{code}"
        sep = "&" if "?" in redirect_uri else "?"
        return f"{redirect_uri}{sep}{urlencode({'code': code, 'state': state})}"

    async def exchange_code(self, *, code: str, redirect_uri: str) -> OAuthTokens:
        hint = self._codes.pop(code, None)  # a code is good once
        if hint is None:
            raise LinkedInTokenRejected("The authorization code is invalid or was used.")
        known = hint.removeprefix("member:")
        sub = known if hint.startswith("member:") else "fake" + hashlib.sha256(hint.encode()).hexdigest()[:16]
        return self._tokens(sub)

    async def refresh(self, *, refresh_token: str) -> OAuthTokens:
        held = self._refresh.get(refresh_token)
        if held is None or held.expires_at <= self.clock.now() or person_urn(held.sub) in self.revoked:
            raise LinkedInTokenRejected("The refresh token is invalid or expired.")
        return self._tokens(held.sub, refresh_token=refresh_token)  # like LinkedIn: not renewed

    async def userinfo(self, access_token: str) -> LinkedInIdentity:
        sub = self._sub(access_token)
        await self._charge(person_urn(sub), write=False)
        return LinkedInIdentity(sub=sub, name=f"Member {sub[-4:]}", given_name="Member", family_name=sub[-4:],
                                email=f"{sub}@fake.inergize.invalid", email_verified=True)

    async def profile(self, auth: MemberAuth) -> ProfileSnapshot:
        member = await self._member(auth, write=False)
        return ProfileSnapshot(full_name=f"Member {member[-4:]}", headline="Analyst",
                               connections=len(self.connections), followers=100)

    async def upload_media(self, auth: MemberAuth, media: MediaUpload) -> UploadedMedia:
        if media.kind is MediaKind.DOCUMENT and not media.data.startswith(b"%PDF"):
            raise ContentRejected("A document post takes a PDF file.", field="media")
        urn = f"urn:li:{media.kind.value}:{next(self._ids)}"
        await self._write(auth, lambda member: self.media.__setitem__(urn, member))
        return UploadedMedia(kind=media.kind, urn=urn)

    async def publish_post(self, auth: MemberAuth, post: PostRequest) -> PublishedPost:
        self._require(LinkedInCapability.PUBLISH_TEXT)
        check_commentary(post.commentary)
        if post.first_comment is not None:
            check_commentary(post.first_comment, limit=MAX_COMMENT_LENGTH, field="first_comment")
        kinds = [m.kind for m in post.media]
        if len(kinds) > 1 and set(kinds) != {MediaKind.IMAGE}:
            raise ContentRejected("A post holds one document, or 2 to 20 images.", field="media")
        urns = [m.urn for m in post.media if m.urn]
        earlier = self._same_text(auth.member_urn, post.commentary)
        if earlier is not None and not post.retry_of_unconfirmed_attempt:  # refused before any upload
            refused = DuplicatePost("LinkedIn already has this post.", existing_urn=earlier)
            refused.media_urns = tuple(urns)
            raise refused
        for item in post.media:
            if not item.urn:
                if item.upload is None:
                    raise ContentRejected("A media attachment needs a URN or bytes.", field="media")
                urns.append((await self.upload_media(auth, item.upload)).urn)

        def store(member: str) -> tuple[str, bool]:
            if any(self.media.get(u) != member for u in urns):
                raise ContentRejected("A media URN is not an upload of this member.", field="media")
            if earlier is not None:
                return earlier, True  # our unconfirmed attempt went through: it is this post
            urn = f"urn:li:share:{next(self._ids)}"
            self.posts[urn] = Post(urn=urn, author=member, commentary=post.commentary, media_urns=tuple(urns))
            self.calls.append(("post", urn, post.commentary))
            return urn, False

        urn, recovered = await self._write(auth, store)
        comment_urn = comment_error = None
        if post.first_comment:
            try:
                comment_urn = await self.comment(auth, post_urn=urn, text=post.first_comment)
            except (LinkedInTokenRejected, ContentRejected, NotFound) as exc:
                comment_error = exc.detail
        return PublishedPost(urn=urn, media_urns=tuple(urns), first_comment_urn=comment_urn,
                             first_comment_error=comment_error, recovered_duplicate=recovered)

    async def comment(self, auth: MemberAuth, *, post_urn: str, text: str) -> str:
        self._require(LinkedInCapability.COMMENT)
        check_commentary(text, limit=MAX_COMMENT_LENGTH, field="text")

        def add(member: str) -> str:
            self._live_post(post_urn)
            self.calls.append(("comment", post_urn, text))
            return f"urn:li:comment:({post_urn},{next(self._ids)})"

        return await self._write(auth, add)

    async def react(self, auth: MemberAuth, *, post_urn: str, reaction: ReactionType) -> None:
        self._require(LinkedInCapability.REACT)

        def add(member: str) -> None:
            self._live_post(post_urn)
            self.calls.append(("reaction", post_urn, reaction.value))

        await self._write(auth, add)

    async def delete_post(self, auth: MemberAuth, *, post_urn: str) -> None:
        self._require(LinkedInCapability.DELETE_POST)

        def remove(member: str) -> None:
            post = self.posts.get(post_urn)
            if post is None or post.author != member:
                raise NotFound("No such post.")
            post.deleted = True  # deleting it again succeeds, as the port promises
            self.calls.append(("delete", post_urn, None))

        await self._write(auth, remove)

    async def send_invitation(self, auth: MemberAuth, *, invitee_urn: str, message: str | None = None) -> str:
        self._require(LinkedInCapability.SEND_INVITATION)
        if message is not None and len(message) > 300:
            raise ContentRejected("An invitation note has at most 300 characters.", field="message")

        def invite(member: str) -> str:
            self._known(invitee_urn)
            ident = f"invitation-{next(self._ids)}"
            self.invitations[ident] = (member, "pending")
            self.calls.append(("invitation", invitee_urn, message))
            return ident

        return await self._write(auth, invite)

    async def withdraw_invitation(self, auth: MemberAuth, *, invitation_id: str) -> None:
        self._require(LinkedInCapability.WITHDRAW_INVITATION)

        def withdraw(member: str) -> None:
            inviter, state = self.invitations.get(invitation_id, ("", ""))
            if inviter != member:
                raise NotFound("No such invitation.")
            if state != "pending":
                raise Conflict("This invitation is no longer pending.", code="invitation_not_pending")
            self.invitations[invitation_id] = (member, "withdrawn")
            self.calls.append(("withdraw", invitation_id, None))

        await self._write(auth, withdraw)

    async def send_message(self, auth: MemberAuth, *, recipient_urn: str, text: str) -> str:
        self._require(LinkedInCapability.SEND_MESSAGE)
        if not text.strip() or len(text) > 8000:
            raise ContentRejected("A message has 1 to 8,000 characters.", field="text")

        def send(member: str) -> str:
            self._known(recipient_urn)
            self.calls.append(("message", recipient_urn, text))
            return f"message-{next(self._ids)}"

        return await self._write(auth, send)

    async def list_connections(self, auth: MemberAuth, *, limit: int = 100,
                               cursor: str | None = None) -> NetworkPage:
        await self._member(auth, write=False)
        start = int(cursor) if cursor and cursor.isdigit() else 0
        items = self.connections[start:start + limit]
        more = start + limit < len(self.connections)
        return NetworkPage(items=items, next_cursor=str(start + limit) if more else None)

    async def suggested_members(self, auth: MemberAuth, *, limit: int = 20) -> NetworkPage:
        await self._member(auth, write=False)
        return NetworkPage(items=self.suggestions[:limit])

    # --- SandboxControls
    async def misbehave(self, member_urn: str, **settings: object) -> None:
        """``rate_limit=n`` (with ``retry_after``), ``fail=n``, ``restricted=True``; nothing: behave."""
        self.misbehaving[member_urn] = dict(settings)

    # --- test conveniences
    def answer_429s(self, n: int, retry_after: float = 60) -> None:
        self.failures += [LinkedInRateLimited("simulated 429", retry_after=retry_after) for _ in range(n)]

    def written_today(self, member_urn: str) -> int:
        """How many writes LinkedIn accepted from the member today (refused ones cost nothing)."""
        return self.writes.get((member_urn, self.clock.now().date().isoformat()), 0)

    # --- the rules behind every call
    def _tokens(self, sub: str, *, refresh_token: str | None = None) -> OAuthTokens:
        now = self.clock.now()
        access = f"at-{sub}-{next(self._ids)}"
        self._access[access] = Token(sub, now + ACCESS_TTL)
        if refresh_token is None and self.issue_refresh_tokens:
            refresh_token = f"rt-{sub}-{next(self._ids)}"
            self._refresh[refresh_token] = Token(sub, now + REFRESH_TTL)
        held = self._refresh.get(refresh_token or "")
        return OAuthTokens(access_token=access, expires_at=now + ACCESS_TTL, refresh_token=refresh_token,
                           refresh_expires_at=held.expires_at if held else None,
                           scopes=("openid", "profile", "email", "w_member_social"))

    def _sub(self, access_token: str) -> str:
        held = self._access.get(access_token)
        if held is None or held.expires_at <= self.clock.now() or person_urn(held.sub) in self.revoked:
            raise LinkedInTokenRejected("The access token is invalid or expired.")
        return held.sub

    def _check_auth(self, auth: MemberAuth) -> str:
        if auth.access_token in self._access and person_urn(self._sub(auth.access_token)) != auth.member_urn:
            raise LinkedInTokenRejected("The token does not belong to this member.")
        if auth.member_urn in self.revoked:
            raise LinkedInTokenRejected("LinkedIn no longer accepts this member's token.")
        return auth.member_urn

    def _require(self, capability: LinkedInCapability) -> None:
        if capability not in self.available:
            raise CapabilityUnavailable(f"{capability.value}: not available", capability=capability.value)

    async def _charge(self, member: str, *, write: bool) -> None:
        """Latency, then the scripted failures and the member's misbehaviour, like the sandbox's calls."""
        if self.latency:
            await asyncio.sleep(self.latency)
        if self.failures:
            raise self.failures.pop(0)
        settings = self.misbehaving.get(member, {})
        if int(settings.get("rate_limit", 0)) > 0:
            settings["rate_limit"] = int(settings["rate_limit"]) - 1
            raise LinkedInRateLimited("Simulated 429.", retry_after=float(settings.get("retry_after", 5)))
        if int(settings.get("fail", 0)) > 0:
            settings["fail"] = int(settings["fail"]) - 1
            raise LinkedInUnavailable("Simulated 500.")
        if write and (self.restricted or settings.get("restricted")):
            raise LinkedInForbidden("Simulated restriction.")
        if write and self.written_today(member) >= DAILY_WRITES:
            raise LinkedInRateLimited("The daily posting limit is reached.", retry_after=3600)

    async def _member(self, auth: MemberAuth, *, write: bool) -> str:
        member = self._check_auth(auth)
        await self._charge(member, write=write)
        return member

    async def _write(self, auth: MemberAuth, act: Callable[[str], T]) -> T:
        """One write, counted only when ``act`` accepts it: a refused target costs the member nothing."""
        member = await self._member(auth, write=True)
        done = act(member)
        day = self.clock.now().date().isoformat()
        self.writes[(member, day)] = self.writes.get((member, day), 0) + 1
        return done

    def _same_text(self, member: str, commentary: str) -> str | None:
        return next((p.urn for p in self.posts.values()
                     if p.author == member and p.commentary == commentary and not p.deleted), None)

    def _live_post(self, post_urn: str) -> None:
        """Posts this fake never saw are other members' (engagement campaigns react to them)."""
        post = self.posts.get(post_urn)
        if post is not None and post.deleted:
            raise NotFound("No such post.")

    def _known(self, member_urn: str) -> None:
        if self.known_members is not None and member_urn not in self.known_members:
            raise NotFound("No such member.")


async def fake_auth(user_id: Any) -> MemberAuth:
    return MemberAuth(access_token="t", member_urn=f"urn:li:person:{user_id}")
