"""How a LinkedIn error maps to what a publish attempt learned (``domain/scheduling/outcome.py``)."""

from __future__ import annotations

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
from inergize.domain.scheduling.outcome import Failed, Published, PublishOutcome, Retrying, Unconfirmed
from inergize.domain.scheduling.publication import FailureReason


def classify(exc: LinkedInError | InergizeError, *, reconciling: bool) -> PublishOutcome:
    """Map a gateway error to an outcome: transient errors retry, the rest fail with their reason."""
    media = tuple(getattr(exc, "media_urns", ()) or ())
    if isinstance(exc, DuplicatePost):
        if reconciling and exc.existing_urn:
            return Published(post_urn=exc.existing_urn, media_urns=media)
        if reconciling:
            return Unconfirmed(detail=exc.detail, media_urns=media)
        return Failed(
            reason=FailureReason.CONTENT_REJECTED,
            media_urns=media,
            detail=f"LinkedIn already has a post with this text. {exc.detail}",
        )
    if isinstance(exc, LinkedInRateLimited):  # answered 429 (or our budget): nothing was created
        return Retrying(detail=exc.detail, retry_after=exc.retry_after, media_urns=media)
    if isinstance(exc, LinkedInUnavailable):  # a timeout or 5xx may hide an accepted post
        return Retrying(
            detail=exc.detail,
            retry_after=exc.retry_after,
            maybe_sent=True,
            media_urns=media,
        )
    if isinstance(exc, VersionUnsupported):  # an operator fixes the setting; the post is still wanted
        return Retrying(detail=exc.detail, media_urns=media)
    reason = {
        LinkedInTokenRejected: FailureReason.ACCOUNT_DISCONNECTED,
        LinkedInForbidden: FailureReason.FORBIDDEN,
        ContentRejected: FailureReason.CONTENT_REJECTED,
        ComplianceBlocked: FailureReason.COMPLIANCE_PAUSED,
        NotFound: FailureReason.ACCOUNT_DISCONNECTED,
    }
    for kind, why in reason.items():
        if isinstance(exc, kind):
            return Failed(reason=why, detail=exc.detail, media_urns=media,
                          restricted=isinstance(exc, LinkedInForbidden))
    if isinstance(exc, CapabilityUnavailable):
        return Failed(reason=FailureReason.FORBIDDEN, detail=exc.detail, media_urns=media)
    return Failed(reason=exc.code, detail=exc.detail, media_urns=media)
