"""Publishing what is due: the tick claims, the publish job posts, at most once per publication.

1. :func:`tick` claims due items (and items whose claim expired) in one statement and enqueues one job
   per batch of ids through the outbox, in the same transaction. A lost message is found again when
   its claim expires.
2. :class:`Publisher` moves a batch claimed → publishing and commits *before* calling LinkedIn. An item
   found in ``publishing`` (a worker died) or with ``outcome_unknown`` is reconciled: the same post is
   sent with the stored media URNs and ``retry_of_unconfirmed_attempt``, so LinkedIn's duplicate answer
   (or the sandbox's own record) names the existing post instead of a second one being created.
3. Results are written in one transaction per batch; failures notify the user with the reason.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable, Collection, Sequence
from datetime import timedelta

import msgspec

from inergize.application.compliance.safety import restriction_signal
from inergize.application.notifications.inbox import notify
from inergize.application.scheduling.media import MediaReader
from inergize.application.scheduling.outcomes import classify
from inergize.domain.linkedin.auth import MemberAuth
from inergize.domain.linkedin.errors import LinkedInError
from inergize.domain.linkedin.posts import MediaAttachment, MediaKind, PostRequest, PublishedPost
from inergize.domain.notifications import web_pages
from inergize.domain.platform.errors import CapabilityUnavailable, InergizeError
from inergize.domain.scheduling.outcome import Failed, Published, PublishOutcome, Retrying, Unconfirmed, label
from inergize.domain.scheduling.publication import (
    CLAIM_SECONDS,
    DEFAULT_BACKOFF,
    Publication,
    PublicationState,
    PublishBackoff,
    after_transient_failure,
    to_failed,
    to_needs_attention,
)
from inergize.ports.clock import Clock
from inergize.ports.linkedin import LinkedInGateway
from inergize.ports.scheduling import PublishedResult
from inergize.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)
PUBLISH_JOB = "scheduling.publish_due"
# Runs an action with a user's LinkedIn credentials (the LinkedIn capability's ``call_as_member``:
# refresh ahead of expiry, one refresh-and-retry on a 401, broken only on a confirmed 401).
AsMember = Callable[[uuid.UUID, Callable[[MemberAuth], Awaitable[PublishedPost]]], Awaitable[PublishedPost]]


def chunks(ids: Sequence[uuid.UUID], size: int) -> list[list[uuid.UUID]]:
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)]


def enqueue_publish(uow: UnitOfWork, ids: Sequence[uuid.UUID], claim_token: uuid.UUID, batch: int) -> None:
    for part in chunks(ids, batch):
        uow.jobs.enqueue(PUBLISH_JOB, ids=[str(i) for i in part], claim=str(claim_token))


async def tick(
    *,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    limit: int = 2000,
    batch: int = 100,
    claim_seconds: float = CLAIM_SECONDS,
) -> int:
    """Claim up to ``limit`` due items and enqueue them in jobs of ``batch`` ids; returns how many."""
    now = clock.now()
    token = uuid.uuid4()
    async with uow_factory() as uow:
        ids = await uow.publications.claim_due(
            now, limit=limit, claim_token=token, claim_until=now + timedelta(seconds=claim_seconds)
        )
        enqueue_publish(uow, ids, token, batch)
        await uow.commit()
    return len(ids)


class Publisher:
    """The publish job: takes ids and a claim token, publishes each claimed item at most once."""

    def __init__(
        self,
        *,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        gateway: LinkedInGateway,
        as_member: AsMember,
        prepare_members: Callable[[Collection[uuid.UUID]], Awaitable[None]] | None = None,
        read_media: MediaReader | None = None,
        concurrency: int = 64,
        claim_seconds: float = CLAIM_SECONDS,
        retry: PublishBackoff = DEFAULT_BACKOFF,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._gateway = gateway
        self._as_member = as_member
        self._prepare_members = prepare_members  # reads the batch's LinkedIn connections in one query
        self._read_media = read_media
        self._limit = asyncio.Semaphore(concurrency)
        self._claim = timedelta(seconds=claim_seconds)
        self._retry = retry

    async def publish(self, ids: Sequence[str], claim: str) -> dict[str, int]:
        """Publish the items of ``ids`` still held by ``claim``; returns counts per outcome kind.

        Idempotent: items no longer held by this claim (done, cancelled, re-claimed) are skipped."""
        token = uuid.UUID(claim)
        wanted = [uuid.UUID(i) for i in ids]
        now = self._clock.now()
        async with self._uow_factory() as uow:
            items = await uow.publications.claimed(wanted, token)
            fresh = [p.id for p in items if p.state is PublicationState.CLAIMED]
            started = set(await uow.publications.start_publishing(fresh, token, now, now + self._claim))
            await uow.commit()  # "publishing" is durable before LinkedIn hears of the post
        work = [p for p in items if p.id in started or p.state is PublicationState.PUBLISHING]
        if work and self._prepare_members is not None:
            await self._prepare_members({p.user_id for p in work})
        results = await asyncio.gather(*(self._attempt(p) for p in work), return_exceptions=True)
        outcomes: list[tuple[Publication, PublishOutcome]] = []
        for p, result in zip(work, results, strict=True):
            if isinstance(result, BaseException):
                # A crash-like failure (a bug, a killed connection): leave the item in "publishing"; its
                # claim expires and the next attempt reconciles.
                log.error("publication %s: attempt crashed: %r", p.id, result)
                continue
            outcomes.append((p, result))
        await self._record(outcomes, token)
        counts: dict[str, int] = {}
        for _, o in outcomes:
            counts[label(o)] = counts.get(label(o), 0) + 1
        counts["skipped"] = len(ids) - len(work)
        return counts

    async def _attempt(self, p: Publication) -> PublishOutcome:
        reconciling = p.needs_reconciliation
        async with self._limit:
            try:
                published = await self._as_member(p.user_id, lambda auth: self._post(p, auth, reconciling))
            except (LinkedInError, InergizeError) as exc:
                return classify(exc, reconciling=reconciling)
        return Published(post_urn=published.urn, media_urns=published.media_urns)

    async def _post(self, p: Publication, auth: MemberAuth, reconciling: bool) -> PublishedPost:
        # A 401 retried by ``as_member`` calls this again: safe, LinkedIn created nothing on a 401.
        media = await self._media(p, auth)
        post = PostRequest(commentary=p.text, media=media, retry_of_unconfirmed_attempt=reconciling)
        published = await self._gateway.publish_post(auth, post)
        if not published.media_urns and media:
            published = msgspec.structs.replace(published, media_urns=tuple(a.urn or "" for a in media))
        return published

    async def _media(self, p: Publication, auth: MemberAuth) -> tuple[MediaAttachment, ...]:
        """Attachments by URN; media not uploaded yet is uploaded once and its URN stored right away."""
        if not p.media:
            return ()
        urns = list(p.media_urns)
        if len(urns) < len(p.media):
            if self._read_media is None:
                raise CapabilityUnavailable("Media posts need a file store; this worker has none.")
            for key in p.media[len(urns) :]:
                upload = await self._read_media(p.user_id, key)
                urns.append((await self._gateway.upload_media(auth, upload)).urn)
                async with self._uow_factory() as uow:  # stored before the post: a retry never re-uploads
                    current = await uow.publications.get(p.id)
                    if current is not None:
                        await uow.publications.update(
                            msgspec.structs.replace(current, media_urns=urns),
                            expected_version=current.version,
                        )
                        await uow.commit()
        kinds = [MediaKind.DOCUMENT if u.startswith("urn:li:document:") else MediaKind.IMAGE for u in urns]
        return tuple(
            MediaAttachment(kind=k, urn=u, title="Document" if k is MediaKind.DOCUMENT else None)
            for k, u in zip(kinds, urns, strict=True)
        )

    async def _record(self, outcomes: list[tuple[Publication, PublishOutcome]], token: uuid.UUID) -> None:
        if not outcomes:
            return
        now = self._clock.now()
        done = [PublishedResult(p.id, o.post_urn, list(o.media_urns))
                for p, o in outcomes if isinstance(o, Published)]
        async with self._uow_factory() as uow:
            await uow.publications.mark_published(done, token, now)
            for p, o in outcomes:
                if not isinstance(o, Published):
                    await self._record_failure(uow, p.id, token, o)
            await uow.commit()

    async def _record_failure(self, uow: UnitOfWork, pid: uuid.UUID, token: uuid.UUID,
                              o: Retrying | Failed | Unconfirmed) -> None:
        now = self._clock.now()
        current = await uow.publications.get(pid)
        if current is None or current.claim_token != token or current.state is not PublicationState.PUBLISHING:
            return  # someone else decided meanwhile (the user cancelled or resolved it)
        media_urns = list(o.media_urns) or current.media_urns
        match o:
            case Retrying(detail=detail, retry_after=retry_after, maybe_sent=maybe_sent):
                updated = after_transient_failure(current, now, detail, retry_after=retry_after,
                                                  maybe_sent=maybe_sent, policy=self._retry)
            case Unconfirmed(detail=detail):
                updated = to_needs_attention(current, now, detail)
            case Failed(reason=reason, detail=detail):
                updated = to_failed(current, now, detail, reason)
        updated = msgspec.structs.replace(updated, media_urns=media_urns)
        await uow.publications.update(updated, expected_version=current.version)
        if isinstance(o, Failed) and o.restricted:  # pauses the account and holds its other scheduled posts
            await restriction_signal(uow, current.user_id, action="publish", now=now, detail=o.detail)
        if updated.state is PublicationState.FAILED:
            await notify(
                uow,
                current.user_id,
                "publishing.failed",
                "Your post was not published",
                f"LinkedIn did not publish your scheduled post ({updated.failure_reason}): "
                f"{o.detail} Open it to fix it and retry.",
                link=web_pages.publication(pid),
                now=now,
            )
        elif updated.state is PublicationState.NEEDS_ATTENTION:
            await notify(
                uow,
                current.user_id,
                "publishing.needs_attention",
                "Please check a scheduled post",
                "We could not confirm whether LinkedIn published your post. Check your feed, then "
                "mark it as published or confirm a repost.",
                link=web_pages.publication(pid),
                now=now,
            )
