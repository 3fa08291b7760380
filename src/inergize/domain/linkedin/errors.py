"""LinkedIn's failures, each an ``InergizeError`` with its own stable code (retry, reconnect, fix the content)."""

from __future__ import annotations

from typing import Any

from inergize.domain.platform.errors import (
    ConfigurationError,
    Conflict,
    Forbidden,
    InergizeError,
    ProviderUnavailable,
    RateLimited,
    ValidationFailed,
)


class LinkedInError(InergizeError):
    """Base of LinkedIn failures. ``media_urns``: media uploaded before the failure (store them; a retry
    passes them as ``MediaAttachment.urn`` so nothing is uploaded twice)."""

    code = "linkedin_error"
    title = "LinkedIn refused the request"
    media_urns: tuple[str, ...] = ()


class LinkedInUnavailable(LinkedInError, ProviderUnavailable):
    """Transient (timeout, 5xx, 429): retry later; never a reason to disconnect or to touch tokens."""

    code = "linkedin_unavailable"
    title = "LinkedIn is unavailable right now"

    def __init__(self, detail: str, *, retry_after: float | None = None, **extra: Any) -> None:
        super().__init__(detail, **extra)
        self.retry_after = retry_after


class LinkedInRateLimited(RateLimited, LinkedInUnavailable):  # type: ignore[misc]  # retry_after: float here
    """429 from LinkedIn, or our own daily API-call budget is spent (``scope`` = member | app | remote)."""

    code = "linkedin_rate_limited"
    title = "LinkedIn's daily limit is reached"

    def __init__(self, detail: str, *, retry_after: float, scope: str = "remote", **extra: Any) -> None:
        InergizeError.__init__(self, detail, scope=scope, **extra)
        self.retry_after = retry_after
        self.scope = scope


class LinkedInTokenRejected(LinkedInError, Conflict):
    """LinkedIn answered 401: the token is expired or revoked. The connection needs a refresh or
    re-consent (only a 401 after one refresh attempt marks a connection broken)."""

    code = "linkedin_reauthorization_required"
    title = "LinkedIn needs you to reconnect"


class LinkedInForbidden(LinkedInError, Forbidden):
    """403: a scope is missing or the member is restricted."""

    code = "linkedin_forbidden"
    title = "LinkedIn does not allow this"


class DuplicatePost(LinkedInError, Conflict):
    """LinkedIn says this exact post already exists; ``existing_urn`` names it when LinkedIn does."""

    code = "linkedin_duplicate_post"
    title = "LinkedIn already has this post"

    def __init__(self, detail: str, *, existing_urn: str | None, **extra: Any) -> None:
        super().__init__(detail, existing_urn=existing_urn, **extra)
        self.existing_urn = existing_urn


class ContentRejected(LinkedInError, ValidationFailed):
    """The post or media itself is not acceptable (too long, bad media, 4xx about the body)."""

    code = "linkedin_content_rejected"
    title = "LinkedIn rejected the content"


class VersionUnsupported(LinkedInError, ConfigurationError):
    """The configured ``LinkedIn-Version`` is retired or unknown (an admin must update the setting)."""

    code = "linkedin_version_unsupported"
    title = "The configured LinkedIn API version is not supported"
