"""``LinkedInGateway`` on a simulated LinkedIn kept in the database (the embedded default).

Every capability works, including invitations and messages; the simulated account can be told to
misbehave (``misbehave()``: 429s, 500s, restriction) for demos and tests. A write is counted against the
account's daily write limit in the same transaction that performs it, after its target is found: a write
refused for its target (unknown, someone else's, a duplicate) costs the member nothing."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from inergize.adapters.linkedin.sandbox.model import post_features
from inergize.adapters.linkedin.sandbox.network import SandboxNetwork
from inergize.adapters.linkedin.sandbox.oauth import SandboxOAuth
from inergize.adapters.linkedin.sandbox.simulate import seed_demo, simulate_until
from inergize.adapters.linkedin.sandbox.store import (
    Signer,
    charge_call,
)
from inergize.adapters.persistence.tables.linkedin import (
    sandbox_accounts,
    sandbox_media,
    sandbox_members,
    sandbox_posts,
)
from inergize.domain.linkedin.auth import Capabilities, LinkedInCapability, LinkedInIdentity, MemberAuth, person_urn
from inergize.domain.linkedin.errors import ContentRejected, DuplicatePost, LinkedInTokenRejected
from inergize.domain.linkedin.little_text import MAX_COMMENT_LENGTH, check_commentary
from inergize.domain.linkedin.network import ProfileSnapshot, ReactionType
from inergize.domain.linkedin.posts import MediaKind, MediaUpload, PostRequest, PublishedPost, UploadedMedia
from inergize.domain.platform.errors import NotFound
from inergize.ports.clock import Clock

SANDBOX_CAPABILITIES = Capabilities(adapter="sandbox", available=frozenset(LinkedInCapability))
T = TypeVar("T")


def _new_urn(kind: str) -> str:
    return f"urn:li:{kind}:{secrets.randbelow(10**18) + 7 * 10**18}"


class SandboxLinkedInGateway(SandboxOAuth, SandboxNetwork):
    def __init__(self, engine: AsyncEngine, clock: Clock, secret: bytes) -> None:
        self._engine = engine
        self._clock = clock
        self._signer = Signer(secret)

    def capabilities(self) -> Capabilities:
        return SANDBOX_CAPABILITIES

    def _member_sub(self, auth: MemberAuth | str) -> str:
        token = auth if isinstance(auth, str) else auth.access_token
        sub = self._sub(token)
        if not isinstance(auth, str) and auth.member_urn != person_urn(sub):
            raise LinkedInTokenRejected("The token does not belong to this member.")
        return sub

    async def _call(self, auth: MemberAuth | str, *, write: bool = False) -> tuple[str, dict[str, Any]]:
        sub = self._member_sub(auth)
        async with self._engine.begin() as conn:
            account, error = await charge_call(conn, sub, self._clock.now(), write=write)
        if error is not None:
            raise error
        return sub, account

    async def _write(self, auth: MemberAuth, act: Callable[[AsyncConnection, str], Awaitable[T]]) -> T:
        """One write: charged to the daily write count in the transaction that performs ``act``. When
        ``act`` refuses (raises), the transaction rolls back and the write was never counted."""
        sub = self._member_sub(auth)
        async with self._engine.begin() as conn:
            _, error = await charge_call(conn, sub, self._clock.now(), write=True)
            if error is None:
                return await act(conn, sub)
        raise error  # committed first: the misbehaviour settings count down

    async def userinfo(self, access_token: str) -> LinkedInIdentity:
        sub, account = await self._call(access_token)
        name = account["profile"].get("full_name", "")
        first, _, last = name.partition(" ")
        # an address under .invalid belongs to nobody, so it can only ever match the account this
        # simulated member itself created: safe to report as verified
        return LinkedInIdentity(
            sub=sub,
            name=name,
            given_name=first,
            family_name=last,
            picture=account["profile"].get("photo_url"),
            locale="en-US",
            email=f"{sub}@sandbox.inergize.invalid",
            email_verified=True,
        )

    async def profile(self, auth: MemberAuth) -> ProfileSnapshot:
        sub, account = await self._call(auth)
        p = account["profile"]
        async with self._engine.connect() as conn:
            connections = len(
                (
                    await conn.execute(
                        select(sandbox_members.c.urn).where(
                            sandbox_members.c.account_sub == sub, sandbox_members.c.degree == 1
                        )
                    )
                ).all()
            )
        return ProfileSnapshot(
            full_name=p.get("full_name", ""),
            headline=p.get("headline", ""),
            summary=p.get("summary", ""),
            industry=p.get("industry", ""),
            location=p.get("location", ""),
            photo_url=p.get("photo_url"),
            banner_url=p.get("banner_url"),
            vanity_url=p.get("vanity_url"),
            positions=p.get("positions", []),
            education=p.get("education", []),
            skills=p.get("skills", []),
            featured=p.get("featured", []),
            recommendations=int(p.get("recommendations", 0)),
            connections=connections,
            followers=int(account["followers"]),
        )

    # --- publishing
    async def upload_media(self, auth: MemberAuth, media: MediaUpload) -> UploadedMedia:
        if media.kind is MediaKind.DOCUMENT and not media.data.startswith(b"%PDF"):
            raise ContentRejected("A document post takes a PDF file.", field="media")
        urn = _new_urn(media.kind.value)

        async def store(conn: AsyncConnection, sub: str) -> None:
            await conn.execute(
                sandbox_media.insert().values(
                    urn=urn,
                    account_sub=sub,
                    kind=media.kind.value,
                    size=len(media.data),
                    sha256=hashlib.sha256(media.data).hexdigest(),
                    created_at=self._clock.now(),
                )
            )

        await self._write(auth, store)
        return UploadedMedia(kind=media.kind, urn=urn)

    async def publish_post(self, auth: MemberAuth, post: PostRequest) -> PublishedPost:
        check_commentary(post.commentary)
        if post.first_comment is not None:
            check_commentary(post.first_comment, limit=MAX_COMMENT_LENGTH, field="first_comment")
        kinds = [m.kind for m in post.media]
        if len(kinds) > 1 and set(kinds) != {MediaKind.IMAGE}:
            raise ContentRejected("A post holds one document, or 2 to 20 images.", field="media")
        urns = [m.urn for m in post.media if m.urn]
        sub = self._member_sub(auth)
        text_hash = hashlib.sha256(post.commentary.encode()).hexdigest()
        if not post.retry_of_unconfirmed_attempt:  # a duplicate is refused before its media are uploaded
            async with self._engine.connect() as conn:
                earlier = await self._same_text(conn, sub, text_hash)
            if earlier is not None:
                refused = DuplicatePost("LinkedIn already has this post.", existing_urn=earlier)
                refused.media_urns = tuple(urns)
                raise refused
        for item in post.media:
            if not item.urn:
                if item.upload is None:
                    raise ContentRejected("A media attachment needs a URN or bytes.", field="media")
                urns.append((await self.upload_media(auth, item.upload)).urn)
        now = self._clock.now()

        async def store(conn: AsyncConnection, sub: str) -> tuple[str, str | None]:
            owned = (
                (
                    await conn.execute(
                        select(sandbox_media.c.urn).where(
                            sandbox_media.c.account_sub == sub, sandbox_media.c.urn.in_(urns)
                        )
                    )
                )
                .scalars()
                .all()
                if urns
                else []
            )
            if len(set(owned)) != len(set(urns)):
                raise ContentRejected("A media URN is not an upload of this member.", field="media")
            existing = await self._same_text(conn, sub, text_hash)
            if existing is not None and not post.retry_of_unconfirmed_attempt:
                duplicate = DuplicatePost("LinkedIn already has this post.", existing_urn=existing)
                duplicate.media_urns = tuple(urns)
                raise duplicate
            if existing is not None:
                return existing, existing
            urn = _new_urn("share")
            await conn.execute(
                sandbox_posts.insert().values(
                    urn=urn,
                    account_sub=sub,
                    commentary=post.commentary,
                    text_hash=text_hash,
                    media=[
                        {"kind": m.kind.value, "urn": u, "alt_text": m.alt_text, "title": m.title}
                        for m, u in zip(post.media, urns, strict=True)
                    ],
                    features=post_features(post.commentary, [k.value for k in kinds]),
                    activity={"comments": []},
                    created_at=now,
                    simulated_until=now,
                )
            )
            return urn, None

        urn, existing = await self._write(auth, store)
        comment_urn = comment_error = None
        if post.first_comment:
            try:
                comment_urn = await self.comment(auth, post_urn=urn, text=post.first_comment)
            except (LinkedInTokenRejected, ContentRejected, NotFound) as exc:
                comment_error = exc.detail
        return PublishedPost(
            urn=urn,
            media_urns=tuple(urns),
            first_comment_urn=comment_urn,
            first_comment_error=comment_error,
            recovered_duplicate=existing is not None,
        )

    async def _same_text(self, conn: AsyncConnection, sub: str, text_hash: str) -> str | None:
        """The member's live post with this text, if any (LinkedIn refuses to post it again)."""
        return (
            await conn.execute(
                select(sandbox_posts.c.urn).where(
                    sandbox_posts.c.account_sub == sub,
                    sandbox_posts.c.text_hash == text_hash,
                    sandbox_posts.c.deleted_at.is_(None),
                )
            )
        ).scalar()

    async def _own_or_known_post(self, conn: AsyncConnection, post_urn: str) -> dict[str, Any]:
        row = (
            await conn.execute(
                select(sandbox_posts).where(
                    sandbox_posts.c.urn == post_urn, sandbox_posts.c.deleted_at.is_(None)
                )
            )
        ).first()
        if row is None:
            raise NotFound("No such post.")
        return dict(row._mapping)

    async def comment(self, auth: MemberAuth, *, post_urn: str, text: str) -> str:
        check_commentary(text, limit=MAX_COMMENT_LENGTH, field="text")
        urn = f"urn:li:comment:({post_urn},{secrets.randbelow(10**15)})"

        async def add(conn: AsyncConnection, sub: str) -> str:
            post = await self._own_or_known_post(conn, post_urn)
            activity = dict(post["activity"] or {})
            activity["comments"] = [
                *activity.get("comments", []),
                {"urn": urn, "actor": auth.member_urn, "text": text},
            ]
            await conn.execute(
                update(sandbox_posts).where(sandbox_posts.c.urn == post_urn).values(activity=activity)
            )
            return urn

        return await self._write(auth, add)

    async def react(self, auth: MemberAuth, *, post_urn: str, reaction: ReactionType) -> None:
        async def add(conn: AsyncConnection, sub: str) -> None:
            post = await self._own_or_known_post(conn, post_urn)
            activity = dict(post["activity"] or {})
            activity["reactions"] = {**activity.get("reactions", {}), auth.member_urn: reaction.value}
            await conn.execute(
                update(sandbox_posts).where(sandbox_posts.c.urn == post_urn).values(activity=activity)
            )

        await self._write(auth, add)

    async def delete_post(self, auth: MemberAuth, *, post_urn: str) -> None:
        async def remove(conn: AsyncConnection, sub: str) -> None:
            result = await conn.execute(
                update(sandbox_posts)
                .where(
                    sandbox_posts.c.urn == post_urn,
                    sandbox_posts.c.account_sub == sub,
                    sandbox_posts.c.deleted_at.is_(None),
                )
                .values(deleted_at=self._clock.now())
            )
            if result.rowcount == 1:
                return
            gone = await conn.execute(
                select(sandbox_posts.c.urn).where(
                    sandbox_posts.c.urn == post_urn,
                    sandbox_posts.c.account_sub == sub,
                    sandbox_posts.c.deleted_at.is_not(None),
                )
            )
            if gone.first() is None:  # deleting an already deleted post succeeds, as on LinkedIn
                raise NotFound("No such post.")

        await self._write(auth, remove)

    # --- simulation, demo and test controls (not part of the port)
    async def simulate(self) -> int:
        """Write the engagement simulated up to now into analytics_events (idempotent)."""
        return await simulate_until(self._engine, self._clock.now())

    async def seed_demo(self, user_id: uuid.UUID) -> str:
        """A demo account for ``user_id`` with two months of posts and engagement; its member URN."""
        return await seed_demo(self._engine, user_id, self._clock.now())

    async def misbehave(self, member_urn: str, **settings: Any) -> None:
        """Make the simulated account misbehave: ``rate_limit=n`` (next n calls 429, ``retry_after``),
        ``fail=n`` (next n calls 500), ``restricted=True`` (writes refused). ``{}`` resets."""
        sub = member_urn.rsplit(":", 1)[-1]
        async with self._engine.begin() as conn:
            await conn.execute(
                update(sandbox_accounts).where(sandbox_accounts.c.sub == sub).values(misbehave=settings)
            )
