"""LinkedIn answers are written by response schemas on the camel-case base from the use cases' domain
Structs, and their JSON is what the routes answered when they camelized dicts by hand (the oracle below
keeps that rule: every key at any depth in camelCase, except the capability names of ``unavailable``)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import msgspec
import pytest

from inergize.domain.linkedin.account import (
    ConnectionState,
    ConnectionStatus,
    ConnectionSummary,
    Education,
    LinkedInConnection,
    LinkedInProfile,
    Position,
)
from inergize.domain.linkedin.creator_analytics import AnalyticsImported
from inergize.domain.linkedin.direct_posts import DirectPost, DirectPostState, RequestedMedia, RequestedPost
from inergize.domain.linkedin.export import ArchiveImported
from inergize.domain.linkedin.network import NetworkMember, NetworkPage
from inergize.domain.linkedin.profile_score import ScoredProfile, score_profile
from inergize.domain.linkedin.version import version_status
from inergize.entrypoints.http.routes.linkedin.schemas import (
    AnalyticsImportOut,
    ArchiveImportOut,
    ConnectionOut,
    ConnectionStatusOut,
    NetworkPageOut,
    PostOut,
    ScoredProfileOut,
    VersionStatusOut,
)
from inergize.entrypoints.http.schemas import body_of
from tests.support import response_bodies
from tests.support.response_bodies import as_json

NOW = datetime(2026, 12, 6, 10, 30, tzinfo=UTC)


def former_json(value: Any) -> Any:
    return response_bodies.former_json(value, data_keys=frozenset({"unavailable"}))


def former_post_json(post: DirectPost) -> Any:
    """The answer's shape when the use case built a dict from the stored row."""
    return former_json({
        "id": post.id, "state": post.state.value, "post_urn": post.post_urn, "media_urns": list(post.media_urns),
        "first_comment_urn": post.first_comment_urn, "last_error": post.last_error, "attempts": post.attempts,
        "created_at": post.created_at, "published_at": post.published_at,
        "url": f"https://www.linkedin.com/feed/update/{post.post_urn}/" if post.post_urn else None,
    })


def _post(**changes: Any) -> DirectPost:
    post = DirectPost(id=uuid.uuid4(), user_id=uuid.uuid4(), idempotency_key="k-1", state=DirectPostState.SENDING,
                      commentary="Hello #news", created_at=NOW, updated_at=NOW, attempts=1,
                      request=RequestedPost(first_comment="First!", media=(RequestedMedia(kind="image"),)))
    return msgspec.structs.replace(post, **changes)


@pytest.mark.parametrize("post", [
    _post(),
    _post(state=DirectPostState.PUBLISHED, post_urn="urn:li:share:7", media_urns=("urn:li:image:1",),
          first_comment_urn="urn:li:comment:(urn:li:share:7,1)", published_at=NOW + timedelta(seconds=2)),
    _post(state=DirectPostState.FAILED, last_error="LinkedIn refused the text."),
], ids=["sending", "published", "failed"])
def test_a_direct_post_reads_as_it_did(post: DirectPost) -> None:
    assert as_json(body_of(post, PostOut)) == former_post_json(post)


def _connection(**changes: Any) -> LinkedInConnection:
    conn = LinkedInConnection(
        id=uuid.uuid4(), user_id=uuid.uuid4(), adapter="sandbox", linkedin_sub="sub-1",
        member_urn="urn:li:person:1", status=ConnectionStatus.RECONSENT_NEEDED, access_token_enc="x",
        refresh_token_enc=None, expires_at=NOW + timedelta(days=5), refresh_expires_at=None,
        scopes=["openid", "w_member_social"], connected_at=NOW - timedelta(days=55), created_at=NOW,
        updated_at=NOW, last_error="LinkedIn asked for consent again.")
    return msgspec.structs.replace(conn, **changes)


def _former_public(conn: LinkedInConnection) -> dict[str, Any]:
    return {"adapter": conn.adapter, "member_urn": conn.member_urn, "status": conn.status.value,
            "expires_at": conn.expires_at, "can_refresh": conn.can_refresh(NOW), "scopes": conn.scopes,
            "connected_at": conn.connected_at, "last_refresh_at": conn.last_refresh_at,
            "last_error": conn.last_error}


def test_a_connection_reads_as_it_did_and_never_shows_a_token() -> None:
    conn = _connection(refresh_token_enc="y", last_refresh_at=NOW)
    summary = conn.public(NOW)
    assert isinstance(summary, ConnectionSummary)
    body = as_json(body_of(summary, ConnectionOut))
    assert body == former_json(_former_public(conn))
    assert "x" not in body.values() and "accessTokenEnc" not in body and "refreshTokenEnc" not in body


@pytest.mark.parametrize("connected", [True, False])
def test_the_connection_state_reads_as_it_did_with_capability_names_kept(connected: bool) -> None:
    conn = _connection()
    unavailable = {"publish_multi_image": "The sandbox has no image carousels.", "first_comment": "Not granted."}
    state = ConnectionState(connected=connected, connection=conn.public(NOW) if connected else None,
                            capabilities=["publish_text", "react"], unavailable=unavailable, adapter="sandbox")
    former = former_json({"connected": connected, "connection": _former_public(conn) if connected else None,
                          "capabilities": ["publish_text", "react"], "unavailable": unavailable,
                          "adapter": "sandbox"})
    body = as_json(body_of(state, ConnectionStatusOut))
    assert body == former and set(body["unavailable"]) == set(unavailable)


def test_a_scored_profile_reads_as_it_did() -> None:
    profile = LinkedInProfile(
        user_id=uuid.uuid4(), linkedin_sub="sub-1", full_name="Ada Lovelace", headline="Analyst",
        positions=[Position(company="Engines", title="Analyst", started_on="1842-01")],
        education=[Education(school="Home", degree="Mathematics")], skills=["maths"], last_sync_at=NOW,
        sources=["sandbox"])
    score = score_profile(profile)
    scored = ScoredProfile(profile=profile, score=score.score, checks=score.checks, roadmap=score.roadmap)
    former = former_json({"profile": msgspec.to_builtins(profile), "score": score.score,
                          "checks": msgspec.to_builtins(score.checks), "roadmap": msgspec.to_builtins(score.roadmap)})
    assert as_json(body_of(scored, ScoredProfileOut)) == former


def test_a_network_page_reads_as_it_did() -> None:
    page = NetworkPage(items=[NetworkMember(urn="urn:li:person:2", name="Grace", headline="Admiral",
                                            connected_at=NOW), NetworkMember(urn="urn:li:person:3", name="Alan",
                                                                             degree=2)], next_cursor="c2")
    assert as_json(body_of(page, NetworkPageOut)) == former_json(page)


def test_an_archive_import_reads_as_it_did() -> None:
    done = ArchiveImported(files=["Profile.csv", "Connections.csv"], positions=2, skills=5, education=1,
                           connections=40, posts=3, events_added=43, skipped_rows=1, score=72)
    assert as_json(body_of(done, ArchiveImportOut)) == former_json(done)


def test_an_analytics_import_keeps_event_type_names_as_stored() -> None:
    done = AnalyticsImported(events_found=12, events_added=9, sheets=["DISCOVERY", "ENGAGEMENT"],
                             by_type={"post_impressions": 7, "followers_total": 5})
    body = as_json(body_of(done, AnalyticsImportOut))
    # the field names are camelCase; the event types are values (as stored, as filtered on) and keep
    # their own spelling, where the hand-written converter used to camelize them too
    assert body == former_json(done) | {"byType": {"post_impressions": 7, "followers_total": 5}}


def test_the_api_version_status_reads_as_it_did() -> None:
    status = version_status("202511", date(2026, 12, 6))
    assert as_json(body_of(status, VersionStatusOut)) == former_json(status)
