"""The one error family. Every error has a stable ``code`` (part of the public API) and a human ``detail``."""

from __future__ import annotations

from typing import Any, ClassVar


class InergizeError(Exception):
    """Base of every error the product raises on purpose."""

    code: ClassVar[str] = "error"
    title: ClassVar[str] = "Error"

    def __init__(self, detail: str, *, code: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code  # type: ignore[misc]  # a narrower code for one family member
        self.extra: dict[str, Any] = extra


class ValidationFailed(InergizeError):
    code = "validation_error"
    title = "The request is not valid"


class NotFound(InergizeError):
    code = "not_found"
    title = "Not found"


class Unauthorized(InergizeError):
    code = "unauthorized"
    title = "Authentication required"


class Forbidden(InergizeError):
    code = "forbidden"
    title = "Not allowed"


class Conflict(InergizeError):
    code = "conflict"
    title = "Conflict"


class PreconditionFailed(InergizeError):
    code = "precondition_failed"
    title = "The resource changed since you read it"


class PreconditionRequired(InergizeError):
    code = "precondition_required"
    title = "An If-Match header is required"


class RateLimited(InergizeError):
    code = "rate_limited"
    title = "Too many requests"

    def __init__(self, detail: str, *, retry_after: float, **extra: Any) -> None:
        super().__init__(detail, **extra)
        self.retry_after = retry_after


class QuotaExceeded(InergizeError):
    code = "quota_exceeded"
    title = "Quota exceeded"


class ComplianceBlocked(InergizeError):
    code = "compliance_blocked"
    title = "Blocked to keep the account safe"


class ProviderUnavailable(InergizeError):
    code = "provider_unavailable"
    title = "An outside service is unavailable"


class StorageUnavailable(InergizeError):
    """The database cannot be reached for a moment (a restart, a failover); the request may be retried."""

    code = "storage_unavailable"
    title = "The service is briefly unavailable"
    retry_after: ClassVar[float] = 1.0  # seconds: the pool has replaced the lost connections by then


class CapabilityUnavailable(InergizeError):
    code = "capability_unavailable"
    title = "Not available with this connection"


class ConfigurationError(InergizeError):
    code = "configuration_error"
    title = "The configuration is not valid"
