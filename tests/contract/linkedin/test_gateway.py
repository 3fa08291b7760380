"""The LinkedInGateway contract over the fake, the sandbox (the embedded default, on SQLite) and the REST
adapter (against the local wire server); SandboxControls over the fake and the sandbox. Capabilities an
adapter lacks must be refused with CapabilityUnavailable."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import msgspec
import pytest

from inergize.domain.linkedin.auth import LinkedInCapability, MemberAuth, person_urn
from inergize.domain.linkedin.errors import (
    ContentRejected,
    DuplicatePost,
    LinkedInForbidden,
    LinkedInRateLimited,
    LinkedInTokenRejected,
)
from inergize.domain.linkedin.network import NetworkMember, ReactionType
from inergize.domain.linkedin.posts import MediaAttachment, MediaKind, MediaUpload, PostRequest
from inergize.domain.platform.errors import CapabilityUnavailable, Conflict, ValidationFailed
from inergize.ports.linkedin import LinkedInGateway
from tests.fakes.clock import FakeClock
from tests.fakes.linkedin_gateway import FakeLinkedInGateway
from tests.support.containers import container_on
from tests.support.linkedin_rest import rest_gateway
from tests.wire import linkedin as linkedin_wire

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
REDIRECT = "https://app.example/v1/linkedin/callback"


class LinkedIn(msgspec.Struct):
    """A gateway, a way to get a newly consented member's credentials, and the sandbox controls if any."""

    gateway: LinkedInGateway
    consent: Callable[[], Awaitable[str]]  # an authorization code of a new member
    controls: Any = None

    async def member(self) -> MemberAuth:
        tokens = await self.gateway.exchange_code(code=await self.consent(), redirect_uri=REDIRECT)
        who = await self.gateway.userinfo(tokens.access_token)
        return MemberAuth(access_token=tokens.access_token, member_urn=person_urn(who.sub))


def code_in(url: str) -> str:
    return parse_qs(urlsplit(url).query)["code"][0]


@pytest.fixture(params=["fake", "sandbox", "rest"])
async def linkedin(request: pytest.FixtureRequest, _session_containers: dict[str, Any],
                   tmp_path: Path) -> AsyncIterator[LinkedIn]:
    if request.param == "rest":
        async with rest_gateway(tmp_path, FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))) as (gw, state, _):
            async def authorize() -> str:
                return state.authorize(linkedin_wire.Member(uuid.uuid4().hex, "Ada Lovelace", "ada@example.com"))

            yield LinkedIn(gw, authorize)
        return
    if request.param == "fake":
        gateway: Any = FakeLinkedInGateway()
        gateway.connections = [NetworkMember(urn=f"urn:li:person:C{i}", name=f"Connie {i}") for i in range(7)]
    else:
        gateway = (await container_on("sqlite", request, _session_containers)).linkedin()

    async def consent() -> str:  # both send the browser straight back with a code
        return code_in(gateway.authorization_url(state="s", redirect_uri=REDIRECT, scopes=["openid"],
                                                 login_hint=f"user:{uuid.uuid4()}"))

    yield LinkedIn(gateway, consent, gateway)


async def test_a_code_is_exchanged_once_for_tokens_that_refresh_and_name_the_member(linkedin: LinkedIn) -> None:
    gw = linkedin.gateway
    code = await linkedin.consent()
    tokens = await gw.exchange_code(code=code, redirect_uri=REDIRECT)
    assert tokens.access_token and tokens.refresh_token and tokens.expires_at > datetime(2026, 3, 2, tzinfo=UTC)
    who = await gw.userinfo(tokens.access_token)
    assert who.sub
    refreshed = await gw.refresh(refresh_token=tokens.refresh_token)
    assert (await gw.userinfo(refreshed.access_token)).sub == who.sub
    with pytest.raises(LinkedInTokenRejected):
        await gw.refresh(refresh_token="not-a-refresh-token")
    with pytest.raises(LinkedInTokenRejected):
        await gw.userinfo("not-an-access-token")


async def test_a_post_is_published_once_and_its_unconfirmed_retry_finds_it(linkedin: LinkedIn) -> None:
    gw = linkedin.gateway
    me = await linkedin.member()
    text = f"What I learnt this week {uuid.uuid4().hex[:8]}"
    first = await gw.publish_post(me, PostRequest(commentary=text))
    assert first.urn.startswith("urn:li:") and not first.recovered_duplicate
    with pytest.raises(DuplicatePost) as refused:
        await gw.publish_post(me, PostRequest(commentary=text))
    assert refused.value.existing_urn == first.urn
    again = await gw.publish_post(me, PostRequest(commentary=text, retry_of_unconfirmed_attempt=True))
    assert again.urn == first.urn and again.recovered_duplicate


async def test_media_is_uploaded_once_then_attached_by_urn(linkedin: LinkedIn) -> None:
    gw = linkedin.gateway
    me = await linkedin.member()
    image = await gw.upload_media(me, MediaUpload(kind=MediaKind.IMAGE, data=PNG, content_type="image/png"))
    assert image.kind is MediaKind.IMAGE and image.urn.startswith("urn:li:image:")
    post = await gw.publish_post(me, PostRequest(
        commentary=f"A chart {uuid.uuid4().hex[:8]}",
        media=(MediaAttachment(kind=MediaKind.IMAGE, urn=image.urn, alt_text="a chart"),)))
    assert post.media_urns == (image.urn,)
    inline = await gw.publish_post(me, PostRequest(
        commentary=f"Our deck {uuid.uuid4().hex[:8]}",
        media=(MediaAttachment(kind=MediaKind.DOCUMENT, title="Deck", upload=MediaUpload(
            kind=MediaKind.DOCUMENT, data=PDF, content_type="application/pdf", filename="deck.pdf")),)))
    assert len(inline.media_urns) == 1 and inline.media_urns[0].startswith("urn:li:document:")


async def test_bad_content_is_refused(linkedin: LinkedIn) -> None:
    gw = linkedin.gateway
    me = await linkedin.member()
    with pytest.raises(ValidationFailed):  # the length is checked on the raw text, before any call
        await gw.publish_post(me, PostRequest(commentary="x" * 3001))
    with pytest.raises(ValidationFailed):
        await gw.comment(me, post_urn="urn:li:share:1", text="x" * 1251)


async def test_a_first_comment_comes_with_the_post_and_others_can_react(linkedin: LinkedIn) -> None:
    gw = linkedin.gateway
    me, friend = await linkedin.member(), await linkedin.member()
    post = await gw.publish_post(me, PostRequest(commentary=f"Ask me anything {uuid.uuid4().hex[:8]}",
                                                 first_comment="Links below"))
    assert post.first_comment_urn and post.first_comment_error is None
    assert await gw.comment(friend, post_urn=post.urn, text="Great read")
    await gw.react(friend, post_urn=post.urn, reaction=ReactionType.PRAISE)


async def test_a_post_is_deleted_idempotently_and_can_be_posted_again(linkedin: LinkedIn) -> None:
    gw = linkedin.gateway
    me = await linkedin.member()
    text = f"Second thoughts {uuid.uuid4().hex[:8]}"
    post = await gw.publish_post(me, PostRequest(commentary=text))
    await gw.delete_post(me, post_urn=post.urn)
    await gw.delete_post(me, post_urn=post.urn)  # deleting it again succeeds
    assert (await gw.publish_post(me, PostRequest(commentary=text))).urn != post.urn


async def test_invitations_are_withdrawn_once_where_the_adapter_can_invite(linkedin: LinkedIn) -> None:
    gw = linkedin.gateway
    me = await linkedin.member()
    if not gw.capabilities().supports(LinkedInCapability.SEND_INVITATION):
        with pytest.raises(CapabilityUnavailable):
            await gw.send_invitation(me, invitee_urn="urn:li:person:x")
        return
    someone = (await gw.suggested_members(me, limit=3)).items
    assert 0 < len(someone) <= 3 and all(m.degree == 2 for m in someone)
    with pytest.raises(ContentRejected):
        await gw.send_invitation(me, invitee_urn=someone[0].urn, message="x" * 301)
    invitation = await gw.send_invitation(me, invitee_urn=someone[0].urn, message="Hello")
    await gw.withdraw_invitation(me, invitation_id=invitation)
    with pytest.raises(Conflict):
        await gw.withdraw_invitation(me, invitation_id=invitation)
    with pytest.raises(ContentRejected):
        await gw.send_message(me, recipient_urn=someone[0].urn, text=" ")
    assert await gw.send_message(me, recipient_urn=someone[0].urn, text="Thanks for connecting")


async def test_connections_are_paged_without_gaps_or_repeats(linkedin: LinkedIn) -> None:
    gw = linkedin.gateway
    me = await linkedin.member()
    if not gw.capabilities().supports(LinkedInCapability.READ_CONNECTIONS):
        return  # the REST adapter has no network API to page through
    whole = (await gw.list_connections(me, limit=500)).items
    seen, cursor = [], None
    while True:
        page = await gw.list_connections(me, limit=3, cursor=cursor)
        assert len(page.items) <= 3
        seen += [m.urn for m in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == [m.urn for m in whole] and len(seen) == len(set(seen)) > 3


async def test_a_member_can_be_made_to_misbehave_and_behave_again(linkedin: LinkedIn) -> None:
    if linkedin.controls is None:
        pytest.skip("only the sandbox and its fake take misbehaviour orders")
    gw = linkedin.gateway
    me = await linkedin.member()
    await linkedin.controls.misbehave(me.member_urn, rate_limit=1, retry_after=7)
    with pytest.raises(LinkedInRateLimited) as limited:
        await gw.publish_post(me, PostRequest(commentary=f"Now {uuid.uuid4().hex[:8]}"))
    assert limited.value.retry_after == 7
    assert await gw.publish_post(me, PostRequest(commentary=f"Later {uuid.uuid4().hex[:8]}"))
    await linkedin.controls.misbehave(me.member_urn, restricted=True)
    with pytest.raises(LinkedInForbidden):
        await gw.publish_post(me, PostRequest(commentary=f"Restricted {uuid.uuid4().hex[:8]}"))
    assert (await gw.userinfo(me.access_token)).sub  # reading is not restricted
    await linkedin.controls.misbehave(me.member_urn)
    assert await gw.publish_post(me, PostRequest(commentary=f"Free {uuid.uuid4().hex[:8]}"))


async def test_the_profile_names_the_member_as_userinfo_does(linkedin: LinkedIn) -> None:
    gw = linkedin.gateway
    me = await linkedin.member()
    profile = await gw.profile(me)
    assert profile.full_name and profile.full_name == (await gw.userinfo(me.access_token)).name
    if gw.capabilities().supports(LinkedInCapability.FULL_PROFILE):
        assert profile.headline  # more than userinfo knows
