"""The member's network and profile as LinkedIn reports them: reactions, connections, profile snapshots."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import msgspec


class ReactionType(StrEnum):
    LIKE = "LIKE"
    PRAISE = "PRAISE"  # "Celebrate"
    EMPATHY = "EMPATHY"  # "Love"
    INTEREST = "INTEREST"  # "Insightful"
    APPRECIATION = "APPRECIATION"  # "Support"
    ENTERTAINMENT = "ENTERTAINMENT"  # "Funny"


class NetworkMember(msgspec.Struct, frozen=True, kw_only=True):
    urn: str
    name: str
    headline: str = ""
    company: str = ""
    connected_at: datetime | None = None
    degree: int = 1  # 1 = connection, 2 = second-degree (invitable)


# A snapshot's text, links and pictures: the fields of the stored profile that a sync overwrites one by
# one, each only when the snapshot could read it.
PROFILE_BASICS = ("full_name", "headline", "summary", "industry", "location", "photo_url", "banner_url", "vanity_url")


class ProfileSnapshot(msgspec.Struct, frozen=True, kw_only=True):
    """The member's profile as the adapter can see it; fields it cannot read stay empty."""

    full_name: str = ""
    headline: str = ""
    summary: str = ""
    industry: str = ""
    location: str = ""
    photo_url: str | None = None
    banner_url: str | None = None
    vanity_url: str | None = None
    positions: list[dict[str, str]] = msgspec.field(default_factory=list)  # company, title, description, …
    education: list[dict[str, str]] = msgspec.field(default_factory=list)  # school, degree, start, end
    skills: list[str] = msgspec.field(default_factory=list)
    featured: list[str] = msgspec.field(default_factory=list)
    recommendations: int = 0
    connections: int = 0
    followers: int = 0


class NetworkPage(msgspec.Struct, frozen=True, kw_only=True):
    items: list[NetworkMember]
    next_cursor: str | None = None
