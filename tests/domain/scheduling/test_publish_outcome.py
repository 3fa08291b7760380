"""What a publish attempt learned is one case of a tagged union, and each LinkedIn answer maps to one."""

from __future__ import annotations

import msgspec
import pytest

from inergize.application.scheduling.outcomes import classify
from inergize.domain.linkedin.errors import (
    ContentRejected,
    DuplicatePost,
    LinkedInForbidden,
    LinkedInRateLimited,
    LinkedInTokenRejected,
    LinkedInUnavailable,
    VersionUnsupported,
)
from inergize.domain.platform.errors import ComplianceBlocked, InergizeError
from inergize.domain.scheduling.outcome import (
    Failed,
    Published,
    PublishOutcome,
    Retrying,
    Unconfirmed,
    label,
)
from inergize.domain.scheduling.publication import FailureReason


def test_each_case_carries_the_label_the_publish_job_counts() -> None:
    cases: list[PublishOutcome] = [Published(post_urn="urn:li:share:1"), Retrying(detail="later"),
                                   Failed(reason="forbidden", detail="no"), Unconfirmed(detail="?")]
    assert [label(o) for o in cases] == ["published", "transient", "permanent", "unknown"]
    for o in cases:  # the tag travels with the value
        assert msgspec.json.decode(msgspec.json.encode(o), type=PublishOutcome) == o


def test_a_duplicate_while_reconciling_is_the_post_we_sent() -> None:
    exc = DuplicatePost("dup", existing_urn="urn:li:share:9")
    assert classify(exc, reconciling=True) == Published(post_urn="urn:li:share:9")


def test_a_duplicate_while_reconciling_without_its_urn_is_unconfirmed() -> None:
    assert isinstance(classify(DuplicatePost("dup", existing_urn=None), reconciling=True), Unconfirmed)


def test_a_duplicate_on_a_first_attempt_is_rejected_content() -> None:
    match classify(DuplicatePost("dup", existing_urn="urn:li:share:9"), reconciling=False):
        case Failed(reason=reason, detail=detail):
            assert reason == FailureReason.CONTENT_REJECTED and detail.startswith("LinkedIn already has")
        case other:
            pytest.fail(f"a first attempt's duplicate is not {other!r}")


def test_a_timeout_may_hide_an_accepted_post_and_a_429_does_not() -> None:
    assert classify(LinkedInUnavailable("timeout", retry_after=5), reconciling=False) == Retrying(
        detail="timeout", retry_after=5, maybe_sent=True)
    assert classify(LinkedInRateLimited("slow down", retry_after=30), reconciling=False) == Retrying(
        detail="slow down", retry_after=30, maybe_sent=False)
    assert classify(VersionUnsupported("old version"), reconciling=False) == Retrying(detail="old version")


@pytest.mark.parametrize(("exc", "reason", "restricted"), [
    (LinkedInTokenRejected("token"), FailureReason.ACCOUNT_DISCONNECTED, False),
    (LinkedInForbidden("403"), FailureReason.FORBIDDEN, True),
    (ContentRejected("bad"), FailureReason.CONTENT_REJECTED, False),
    (ComplianceBlocked("paused"), FailureReason.COMPLIANCE_PAUSED, False),
])
def test_a_refusal_fails_with_its_reason(exc: InergizeError, reason: str, restricted: bool) -> None:
    assert classify(exc, reconciling=False) == Failed(reason=reason, detail=exc.detail, restricted=restricted)


def test_media_uploaded_before_a_failure_is_kept_in_the_outcome() -> None:
    exc = LinkedInUnavailable("timeout")
    exc.media_urns = ("urn:li:image:1",)
    assert classify(exc, reconciling=False).media_urns == ("urn:li:image:1",)
