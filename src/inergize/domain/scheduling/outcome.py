"""What one publish attempt learned, as a tagged union: the publisher handles each case with ``match``.

The tags are the outcome labels the publish job counts (``inergize_publications_total{outcome=…}``)."""

from __future__ import annotations

import msgspec


class Published(msgspec.Struct, tag="published", frozen=True, kw_only=True):
    """LinkedIn has the post (or, when reconciling, already had it)."""

    post_urn: str
    media_urns: tuple[str, ...] = ()


class Retrying(msgspec.Struct, tag="transient", frozen=True, kw_only=True):
    """Worth trying again later: rate limited, unavailable, or a setting an operator fixes."""

    detail: str
    retry_after: float | None = None
    maybe_sent: bool = False  # a timeout or 5xx may hide an accepted post: the retry reconciles
    media_urns: tuple[str, ...] = ()


class Failed(msgspec.Struct, tag="permanent", frozen=True, kw_only=True):
    """Retrying cannot help; the user is told why (``reason``, a ``FailureReason`` or a problem code)."""

    reason: str
    detail: str
    restricted: bool = False  # LinkedIn refused with 403: a restriction signal for the account
    media_urns: tuple[str, ...] = ()


class Unconfirmed(msgspec.Struct, tag="unknown", frozen=True, kw_only=True):
    """A reconciling retry could not learn whether LinkedIn published: the user checks."""

    detail: str
    media_urns: tuple[str, ...] = ()


PublishOutcome = Published | Retrying | Failed | Unconfirmed


def label(outcome: PublishOutcome) -> str:
    """The outcome's tag (``published``, ``transient``, ``permanent`` or ``unknown``)."""
    return str(outcome.__struct_config__.tag)
