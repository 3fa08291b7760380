"""The REST adapter against the local LinkedIn wire server: wire format, retries, budgets, failures."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from inergize.adapters.budgets.memory import InProcessRateBudgets
from inergize.domain.linkedin.auth import LinkedInCapability, MemberAuth
from inergize.domain.linkedin.errors import (
    ContentRejected,
    DuplicatePost,
    LinkedInForbidden,
    LinkedInRateLimited,
    LinkedInTokenRejected,
    LinkedInUnavailable,
    VersionUnsupported,
)
from inergize.domain.linkedin.little_text import MAX_COMMENTARY_LENGTH
from inergize.domain.linkedin.network import ReactionType
from inergize.domain.linkedin.posts import MediaAttachment, MediaKind, MediaUpload, PostRequest
from inergize.domain.platform.errors import CapabilityUnavailable, ValidationFailed
from tests.fakes.clock import FakeClock
from tests.support.linkedin_rest import rest_gateway
from tests.wire import linkedin as linkedin_wire

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
MEMBER = linkedin_wire.Member("abc123", "Ada Lovelace", "ada@example.com")


@pytest.fixture
def fclock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


def _auth(state: linkedin_wire.WireState) -> MemberAuth:
    return MemberAuth(access_token=state.token_for(MEMBER), member_urn=MEMBER.urn)


async def test_oauth_code_exchange_refresh_and_userinfo(tmp_path: Path, fclock: FakeClock) -> None:
    async with rest_gateway(tmp_path, fclock) as (gw, state, _):
        url = gw.authorization_url(state="s t", redirect_uri="http://x/cb", scopes=["openid", "profile"])
        assert url.startswith(
            f"{gw._oauth}/authorization?response_type=code&client_id={linkedin_wire.CLIENT_ID}"
        )
        assert (
            "state=s%20t" in url
            and "scope=openid%20profile" in url
            and "redirect_uri=http%3A%2F%2Fx%2Fcb" in url
        )
        tokens = await gw.exchange_code(code=state.authorize(MEMBER), redirect_uri="http://x/cb")
        assert tokens.refresh_token and tokens.expires_at == datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
        assert "w_member_social" in tokens.scopes
        who = await gw.userinfo(tokens.access_token)
        assert (who.sub, who.email, who.email_verified, who.locale) == (
            "abc123",
            "ada@example.com",
            True,
            "en-US",
        )
        again = await gw.refresh(refresh_token=tokens.refresh_token)
        assert again.access_token != tokens.access_token
        with pytest.raises(LinkedInTokenRejected):
            await gw.exchange_code(code="used-or-wrong", redirect_uri="http://x/cb")
        with pytest.raises(LinkedInTokenRejected):
            await gw.userinfo("not-a-token")
        assert state.errors == []


async def test_text_image_multi_image_and_document_posts_in_the_documented_shape(
    tmp_path: Path, fclock: FakeClock
) -> None:
    async with rest_gateway(tmp_path, fclock) as (gw, state, _):
        auth = _auth(state)
        text = await gw.publish_post(auth, PostRequest(commentary="Hello world"))
        assert text.urn.startswith("urn:li:share:") and state.posts[text.urn]["commentary"] == "Hello world"
        image = await gw.publish_post(
            auth,
            PostRequest(
                commentary="A picture",
                media=(
                    MediaAttachment(
                        kind=MediaKind.IMAGE,
                        upload=MediaUpload(kind=MediaKind.IMAGE, data=PNG, content_type="image/png"),
                        alt_text="A chart",
                    ),
                ),
            ),
        )
        body = state.posts[image.urn]
        assert body["content"] == {"media": {"id": image.media_urns[0], "altText": "A chart"}}
        assert state.media[image.media_urns[0]] == {
            "owner": MEMBER.urn,
            "uploaded": True,
            "kind": "image",
            "size": len(PNG),
        }
        pics = tuple(
            MediaAttachment(
                kind=MediaKind.IMAGE,
                upload=MediaUpload(kind=MediaKind.IMAGE, data=PNG, content_type="image/png"),
                alt_text=f"pic {i}",
            )
            for i in range(3)
        )
        multi = await gw.publish_post(auth, PostRequest(commentary="Three", media=pics))
        assert [i["altText"] for i in state.posts[multi.urn]["content"]["multiImage"]["images"]] == [
            "pic 0",
            "pic 1",
            "pic 2",
        ]
        doc = await gw.publish_post(
            auth,
            PostRequest(
                commentary="My deck",
                first_comment="Link in here (see)",
                media=(
                    MediaAttachment(
                        kind=MediaKind.DOCUMENT,
                        title="Deck",
                        upload=MediaUpload(kind=MediaKind.DOCUMENT, data=PDF, content_type="application/pdf"),
                    ),
                ),
            ),
        )
        assert state.posts[doc.urn]["content"]["media"] == {"id": doc.media_urns[0], "title": "Deck"}
        assert doc.media_urns[0].startswith("urn:li:document:")
        assert (
            doc.first_comment_urn
            and state.comments[doc.first_comment_urn]["text"] == "Link in here \\(see\\)"
        )
        await gw.react(auth, post_urn=doc.urn, reaction=ReactionType.PRAISE)
        assert state.reactions[-1] == {"actor": MEMBER.urn, "root": doc.urn, "reactionType": "PRAISE"}
        await gw.delete_post(auth, post_urn=text.urn)
        await gw.delete_post(auth, post_urn=text.urn)  # already gone: still fine
        assert text.urn not in state.posts
        assert state.errors == []


async def test_commentary_with_every_reserved_character_arrives_escaped_exactly(
    tmp_path: Path, fclock: FakeClock
) -> None:
    raw = "Ping @[Ada Lovelace](urn:li:person:abc123) about #python: \\ | { } @ [ ] ( ) < > # * _ ~ C# #1 end"
    async with rest_gateway(tmp_path, fclock) as (gw, state, _):
        post = await gw.publish_post(_auth(state), PostRequest(commentary=raw))
        sent = state.posts[post.urn]["commentary"]
        assert sent == (
            "Ping @[Ada Lovelace](urn:li:person:abc123) about #python: \\\\ \\| \\{ \\} \\@ \\[ \\] "
            "\\( \\) \\< \\> \\# \\* \\_ \\~ C\\# \\#1 end"
        )
        # nothing is cut: LinkedIn shows the whole text (the mention as the name)
        assert state.posts[post.urn]["rendered"] == raw.replace(
            "@[Ada Lovelace](urn:li:person:abc123)", "Ada Lovelace"
        )


async def test_length_limit_is_counted_before_escaping(tmp_path: Path, fclock: FakeClock) -> None:
    async with rest_gateway(tmp_path, fclock) as (gw, state, _):
        await gw.publish_post(_auth(state), PostRequest(commentary="(" * MAX_COMMENTARY_LENGTH))
        with pytest.raises(ValidationFailed):
            await gw.publish_post(_auth(state), PostRequest(commentary="a" * (MAX_COMMENTARY_LENGTH + 1)))
        assert len(state.posts) == 1


async def test_timed_out_publish_then_retry_creates_one_post(tmp_path: Path, fclock: FakeClock) -> None:
    async with rest_gateway(tmp_path, fclock, http_timeout=0.3) as (gw, state, sleeps):
        # the server creates the post but answers after the client gave up; the retry gets 422 duplicate
        state.inject("POST /rest/posts", delay=0.6)
        post = await gw.publish_post(_auth(state), PostRequest(commentary="Only once"))
        assert post.recovered_duplicate and len(state.posts_by(MEMBER.urn)) == 1 and post.urn in state.posts
        assert len(sleeps.calls) >= 1  # one retry (more only if the loaded machine slowed another answer)


async def test_timeout_exhausting_retries_then_a_later_retry_records_the_existing_share(
    tmp_path: Path, fclock: FakeClock
) -> None:
    async with rest_gateway(tmp_path, fclock, http_timeout=0.3, linkedin_max_attempts=1) as (gw, state, _):
        state.inject("POST /rest/posts", delay=0.6)
        with pytest.raises(LinkedInUnavailable):
            await gw.publish_post(_auth(state), PostRequest(commentary="Unknown outcome"))
        post = await gw.publish_post(
            _auth(state), PostRequest(commentary="Unknown outcome", retry_of_unconfirmed_attempt=True)
        )
        assert post.recovered_duplicate and list(state.posts) == [post.urn]
        with pytest.raises(DuplicatePost) as info:  # a fresh publish of the same text is a real duplicate
            await gw.publish_post(_auth(state), PostRequest(commentary="Unknown outcome"))
        assert info.value.existing_urn == post.urn


async def test_twenty_429s_then_success_publish_exactly_once(tmp_path: Path, fclock: FakeClock) -> None:
    async with rest_gateway(tmp_path, fclock, linkedin_max_attempts=25) as (gw, state, sleeps):
        state.inject("POST /rest/posts", 429, times=10, headers={"Retry-After": "3"})
        state.inject("POST /rest/posts", 429, times=10)  # without Retry-After: our backoff
        post = await gw.publish_post(_auth(state), PostRequest(commentary="Patience"))
        assert list(state.posts) == [post.urn]
        assert sum(1 for r in state.requests if r == ("POST", "/rest/posts")) == 21
        assert sleeps.calls[:10] == [3.0] * 10
        backoff = sleeps.calls[10:]
        assert len(backoff) == 10 and all(0.5 <= s <= 60 for s in backoff) and backoff[-1] >= 30


async def test_default_attempts_give_up_with_retry_after_and_a_later_call_publishes_once(
    tmp_path: Path, fclock: FakeClock
) -> None:
    async with rest_gateway(tmp_path, fclock) as (gw, state, _):
        state.inject("POST /rest/posts", 429, times=20, headers={"Retry-After": "2"})
        published = None
        for _ in range(5):
            try:
                published = await gw.publish_post(_auth(state), PostRequest(commentary="Later"))
                break
            except LinkedInRateLimited as exc:
                assert exc.retry_after == 2.0
        assert published is not None and list(state.posts) == [published.urn]


async def test_long_retry_after_is_reported_not_slept(tmp_path: Path, fclock: FakeClock) -> None:
    async with rest_gateway(tmp_path, fclock) as (gw, state, sleeps):
        state.inject("POST /rest/posts", 429, headers={"Retry-After": "3600"})
        with pytest.raises(LinkedInRateLimited) as info:
            await gw.publish_post(_auth(state), PostRequest(commentary="x"))
        assert info.value.retry_after == 3600 and sleeps.calls == [] and state.posts == {}


async def test_500_then_success_and_failures_are_classified(tmp_path: Path, fclock: FakeClock) -> None:
    async with rest_gateway(tmp_path, fclock) as (gw, state, _):
        auth = _auth(state)
        state.inject("POST /rest/posts", 500, times=2)
        assert (await gw.publish_post(auth, PostRequest(commentary="after 500"))).urn in state.posts
        state.inject("POST /rest/posts", 401)
        with pytest.raises(LinkedInTokenRejected):
            await gw.publish_post(auth, PostRequest(commentary="401"))
        state.inject("POST /rest/posts", 403, body={"status": 403, "message": "Not enough permissions"})
        with pytest.raises(LinkedInForbidden):
            await gw.publish_post(auth, PostRequest(commentary="403"))
        state.inject("POST /rest/posts", 422, body={"status": 422, "message": "/commentary :: too long"})
        with pytest.raises(ContentRejected):
            await gw.publish_post(auth, PostRequest(commentary="422"))
        state.inject("POST /rest/posts", 500, times=10)
        with pytest.raises(LinkedInUnavailable):
            await gw.publish_post(auth, PostRequest(commentary="500s"))


async def test_unsupported_version_is_reported_as_such(tmp_path: Path, fclock: FakeClock) -> None:
    async with rest_gateway(tmp_path, fclock, linkedin_api_version="202301") as (gw, state, _):
        with pytest.raises(VersionUnsupported) as info:
            await gw.publish_post(_auth(state), PostRequest(commentary="old version"))
        assert "not active" in info.value.detail


async def test_media_failure_reports_uploaded_urns_and_retry_does_not_reupload(
    tmp_path: Path, fclock: FakeClock
) -> None:
    async with rest_gateway(tmp_path, fclock, linkedin_max_attempts=1) as (gw, state, _):
        auth = _auth(state)
        upload = MediaUpload(kind=MediaKind.IMAGE, data=PNG, content_type="image/png")
        state.inject("POST /rest/posts", 500)
        with pytest.raises(LinkedInUnavailable) as info:
            await gw.publish_post(
                auth,
                PostRequest(commentary="pic", media=(MediaAttachment(kind=MediaKind.IMAGE, upload=upload),)),
            )
        urns = info.value.media_urns
        assert len(urns) == 1 and len(state.media) == 1
        post = await gw.publish_post(
            auth, PostRequest(commentary="pic", media=(MediaAttachment(kind=MediaKind.IMAGE, urn=urns[0]),))
        )
        assert post.media_urns == urns and len(state.media) == 1  # nothing uploaded again


async def test_daily_budgets_refuse_before_calling_and_reset_at_utc_midnight(
    tmp_path: Path, fclock: FakeClock
) -> None:
    fclock.set(datetime(2026, 3, 2, 23, 0, tzinfo=UTC))
    async with rest_gateway(
        tmp_path, fclock, budgets=InProcessRateBudgets(), linkedin_member_daily_calls=2
    ) as (gw, state, _):
        auth = _auth(state)
        await gw.publish_post(auth, PostRequest(commentary="one"))
        await gw.publish_post(auth, PostRequest(commentary="two"))
        with pytest.raises(LinkedInRateLimited) as info:
            await gw.publish_post(auth, PostRequest(commentary="three"))
        assert info.value.scope == "member" and info.value.retry_after == pytest.approx(3600, abs=1)
        assert len(state.posts) == 2
        fclock.set(datetime(2026, 3, 3, 0, 0, 1, tzinfo=UTC))
        await gw.publish_post(auth, PostRequest(commentary="three"))
        assert len(state.posts) == 3


async def test_capabilities_not_offered_to_ordinary_apps(tmp_path: Path, fclock: FakeClock) -> None:
    async with rest_gateway(tmp_path, fclock) as (gw, state, _):
        caps = gw.capabilities()
        assert caps.supports(LinkedInCapability.PUBLISH_DOCUMENT)
        assert not caps.supports(LinkedInCapability.SEND_INVITATION)
        with pytest.raises(CapabilityUnavailable):
            caps.require(LinkedInCapability.SEND_MESSAGE)
        for call in (
            gw.send_invitation(_auth(state), invitee_urn="urn:li:person:x"),
            gw.send_message(_auth(state), recipient_urn="urn:li:person:x", text="hi"),
            gw.list_connections(_auth(state)),
        ):
            with pytest.raises(CapabilityUnavailable):
                await call
        assert state.requests == []
