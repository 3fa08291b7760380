"""What one publish attempt learned, and how a LinkedIn error maps to it."""

from __future__ import annotations

import msgspec

from inergize.domain.linkedin.errors import (
    ContentRejected,
    DuplicatePost,
    LinkedInError,
    LinkedInForbidden,
    LinkedInRateLimited,
    LinkedInTokenRejected,
    LinkedInUnavailable,
    VersionUnsupported,
)
from inergize.domain.platform.errors import CapabilityUnavailable, ComplianceBlocked, InergizeError, NotFound
from inergize.domain.scheduling.publication import FailureReason


class Outcome(msgspec.Struct, frozen=True, kw_only=True):
    """What one attempt learned. ``kind``: published | transient | permanent | unknown."""

    kind: str
    post_urn: str | None = None
    media_urns: tuple[str, ...] = ()
    reason: str | None = None
    detail: str = ""
    retry_after: float | None = None
    maybe_sent: bool = False
    restricted: bool = False  # LinkedIn refused with 403: a restriction signal for the account


def classify(exc: LinkedInError | InergizeError, *, reconciling: bool) -> Outcome:
    """Map a gateway error to an outcome: transient errors retry, the rest fail with their reason."""
    media = tuple(getattr(exc, "media_urns", ()) or ())
    if isinstance(exc, DuplicatePost):
        if reconciling and exc.existing_urn:
            return Outcome(kind="published", post_urn=exc.existing_urn, media_urns=media)
        if reconciling:
            return Outcome(kind="unknown", detail=exc.detail, media_urns=media)
        return Outcome(
            kind="permanent",
            reason=FailureReason.CONTENT_REJECTED,
            media_urns=media,
            detail=f"LinkedIn already has a post with this text. {exc.detail}",
        )
    if isinstance(exc, LinkedInRateLimited):  # answered 429 (or our budget): nothing was created
        return Outcome(kind="transient", detail=exc.detail, retry_after=exc.retry_after, media_urns=media)
    if isinstance(exc, LinkedInUnavailable):  # a timeout or 5xx may hide an accepted post
        return Outcome(
            kind="transient",
            detail=exc.detail,
            retry_after=exc.retry_after,
            maybe_sent=True,
            media_urns=media,
        )
    if isinstance(exc, VersionUnsupported):  # an operator fixes the setting; the post is still wanted
        return Outcome(kind="transient", detail=exc.detail, media_urns=media)
    reason = {
        LinkedInTokenRejected: FailureReason.ACCOUNT_DISCONNECTED,
        LinkedInForbidden: FailureReason.FORBIDDEN,
        ContentRejected: FailureReason.CONTENT_REJECTED,
        ComplianceBlocked: FailureReason.COMPLIANCE_PAUSED,
        NotFound: FailureReason.ACCOUNT_DISCONNECTED,
    }
    for kind, why in reason.items():
        if isinstance(exc, kind):
            return Outcome(kind="permanent", reason=why, detail=exc.detail, media_urns=media,
                           restricted=isinstance(exc, LinkedInForbidden))
    if isinstance(exc, CapabilityUnavailable):
        return Outcome(kind="permanent", reason=FailureReason.FORBIDDEN, detail=exc.detail, media_urns=media)
    return Outcome(kind="permanent", reason=exc.code, detail=exc.detail, media_urns=media)
