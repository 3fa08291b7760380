"""End to end over HTTP: connect → sync → score → publish text, image and PDF posts, on the sandbox
(the embedded default) and on the REST adapter against the local LinkedIn wire server."""

from __future__ import annotations

import base64
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from tests.support.linkedin_rest import connect_linkedin, rest_container
from tests.wire import linkedin as linkedin_wire

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


async def post_to_linkedin(client: Any, user: Any, body: dict[str, Any], *, key: str) -> Any:
    """``POST /v1/linkedin/posts`` of ``body`` as ``user``, under the idempotency key ``key``."""
    return await client.post("/v1/linkedin/posts", json=body, headers={**user.headers, "Idempotency-Key": key})


async def post_text(client: Any, user: Any, commentary: str, *, key: str) -> Any:
    """A text-only post of ``commentary`` as ``user``, under the idempotency key ``key``."""
    return await post_to_linkedin(client, user, {"commentary": commentary}, key=key)


async def _publish_three(client: Any, user: Any) -> list[dict[str, Any]]:
    bodies = [
        {"commentary": "Hello #sandbox (first post)"},
        {
            "commentary": "An image post",
            "media": [
                {"kind": "image", "dataBase64": _b64(PNG), "contentType": "image/png", "altText": "A chart"}
            ],
        },
        {
            "commentary": "My deck",
            "firstComment": "Slides inside!",
            "media": [
                {
                    "kind": "document",
                    "dataBase64": _b64(PDF),
                    "contentType": "application/pdf",
                    "title": "Deck",
                    "filename": "deck.pdf",
                }
            ],
        },
    ]
    out = []
    for body in bodies:
        key = str(uuid.uuid4())
        r = await post_to_linkedin(client, user, body, key=key)
        assert r.status_code == 201, r.text
        again = await post_to_linkedin(client, user, body, key=key)
        assert again.json()["postUrn"] == r.json()["postUrn"]  # the retry publishes nothing new
        out.append(r.json())
    return out


async def test_sandbox_connect_sync_score_publish(client: Any, make_user: Any, container: Any) -> None:
    from inergize.adapters.persistence.tables.linkedin import linkedin_connections, sandbox_posts

    user = await make_user()
    connected = await connect_linkedin(client, user)
    assert connected["status"] == "active" and connected["adapter"] == "sandbox"
    status = (await client.get("/v1/linkedin/connection", headers=user.headers)).json()
    assert status["connected"] and "send_invitation" in status["capabilities"]
    synced = (await client.post("/v1/linkedin/profile/sync", headers=user.headers)).json()
    assert 0 < synced["score"] < 100 and synced["roadmap"]
    assert synced["roadmap"] == sorted(synced["roadmap"], key=lambda c: -c["weight"])
    assert synced["profile"]["lastSyncAt"] and synced["profile"]["headline"]
    posts = await _publish_three(client, user)
    assert all(p["state"] == "published" and p["postUrn"].startswith("urn:li:share:") for p in posts)
    assert posts[2]["mediaUrns"][0].startswith("urn:li:document:") and posts[2]["firstCommentUrn"]
    async with container.engine().connect() as conn:
        row = (
            await conn.execute(
                select(linkedin_connections).where(linkedin_connections.c.user_id == user.user.id)
            )
        ).one()
        stored = (
            (
                await conn.execute(
                    select(sandbox_posts.c.urn).where(sandbox_posts.c.urn.in_([p["postUrn"] for p in posts]))
                )
            )
            .scalars()
            .all()
        )
    assert len(stored) == 3
    assert row.access_token_enc.startswith("v1.") and "sbx." not in row.access_token_enc  # encrypted at rest
    network = (await client.get("/v1/linkedin/network?limit=5", headers=user.headers)).json()
    assert len(network["items"]) == 5 and network["nextCursor"]
    r = await client.post(
        "/v1/linkedin/invitations",
        headers=user.headers,
        json={"inviteeUrn": network["items"][0]["urn"], "message": "Hi!"},
    )
    assert r.status_code == 201
    r = await client.delete(f"/v1/linkedin/invitations/{r.json()['invitationId']}", headers=user.headers)
    assert r.status_code == 204
    r = await client.delete("/v1/linkedin/connection", headers=user.headers)
    assert r.status_code == 204
    async with container.engine().connect() as conn:
        left = (
            await conn.execute(
                select(linkedin_connections).where(linkedin_connections.c.user_id == user.user.id)
            )
        ).all()
    assert left == []  # disconnect deletes the tokens


async def test_rest_connect_sync_score_publish_against_wire_server(
    client: Any, make_user: Any, container: Any, tmp_path: Any
) -> None:
    user = await make_user()
    async with rest_container(container, tmp_path) as state:
        connected = await connect_linkedin(client, user, state)
        assert connected["adapter"] == "rest" and connected["canRefresh"]
        synced = (await client.post("/v1/linkedin/profile/sync", headers=user.headers)).json()
        assert synced["profile"]["fullName"] == "Ada Lovelace" and synced["profile"]["photoUrl"]
        assert synced["score"] == 10  # only the photo is known through the API
        posts = await _publish_three(client, user)
        assert [state.posts[p["postUrn"]]["commentary"] for p in posts] == [
            "Hello #sandbox \\(first post\\)",
            "An image post",
            "My deck",
        ]
        assert state.posts[posts[1]["postUrn"]]["content"]["media"]["altText"] == "A chart"
        assert state.posts[posts[2]["postUrn"]]["content"]["media"]["title"] == "Deck"
        assert state.errors == []
        status = (await client.get("/v1/linkedin/connection", headers=user.headers)).json()
        assert "send_invitation" in status["unavailable"]
        r = await client.post(
            "/v1/linkedin/invitations", headers=user.headers, json={"inviteeUrn": "urn:li:person:x"}
        )
        assert r.status_code == 501 and r.json()["code"] == "capability_unavailable"


async def test_state_is_single_use_bound_and_short_lived(client: Any, make_user: Any, container: Any) -> None:
    user = await make_user()
    first = await connect_linkedin(client, user)
    r = await client.get("/v1/linkedin/callback", params={"code": first["code"], "state": first["state"]})
    assert r.status_code == 422 and r.json()["code"] == "invalid_oauth_state"
    r = await client.post("/v1/linkedin/connect", headers=user.headers)
    query = parse_qs(urlsplit(r.json()["authorizationUrl"]).query)
    container.clock().advance(minutes=11)
    r = await client.get(
        "/v1/linkedin/callback", params={"code": query["code"][0], "state": query["state"][0]}
    )
    assert r.status_code == 422
    r = await client.get("/v1/linkedin/callback", params={"code": "x", "state": "made-up"})
    assert r.status_code == 422


async def test_transient_errors_never_disconnect_and_401_refreshes_once(
    client: Any, make_user: Any, container: Any, tmp_path: Any
) -> None:
    from inergize.adapters.persistence.tables.linkedin import linkedin_connections

    async def row() -> Any:
        async with container.engine().connect() as conn:
            return (
                await conn.execute(
                    select(linkedin_connections).where(linkedin_connections.c.user_id == user.user.id)
                )
            ).one()

    user = await make_user()
    async with rest_container(container, tmp_path) as state:
        await connect_linkedin(client, user, state)
        before = await row()
        state.inject("POST /rest/posts", 500, times=10)
        r = await post_text(client, user, "blip", key="k1")
        assert r.status_code == 503
        state.inject("POST /oauth/v2/accessToken", 500, times=10)
        state.inject("POST /rest/posts", 401)
        r = await post_text(client, user, "refresh down", key="k2")
        assert r.status_code == 503  # the refresh hit a 5xx: transient
        after = await row()
        assert after.status == "active" and after.access_token_enc == before.access_token_enc
        assert after.refresh_token_enc == before.refresh_token_enc  # never overwritten with nothing
        state.faults.clear()
        state.inject("POST /rest/posts", 401)  # one 401: refresh, retry, success
        r = await post_text(client, user, "after refresh", key="k3")
        assert r.status_code == 201, r.text
        refreshed = await row()
        assert refreshed.status == "active" and refreshed.access_token_enc != before.access_token_enc
        assert refreshed.refresh_token_enc  # LinkedIn did not send a new one? we keep ours
        state.inject("POST /rest/posts", 401, times=2)  # 401 survives the refresh: broken
        r = await post_text(client, user, "revoked", key="k4")
        assert r.status_code == 409 and r.json()["code"] == "linkedin_reauthorization_required"
        assert (await row()).status == "broken"
        # the timed-out "blip" is retried with its key: one post only
        r = await post_text(client, user, "blip", key="k1")
        assert r.status_code == 409  # broken until reconnected
        await connect_linkedin(client, user, state)
        r = await post_text(client, user, "blip", key="k1")
        assert (
            r.status_code == 201 and len([p for p in state.posts.values() if p["commentary"] == "blip"]) == 1
        )


@pytest.mark.parametrize("commentary", ["x" * 3001])
async def test_too_long_commentary_is_refused_before_calling(
    client: Any, make_user: Any, commentary: str
) -> None:
    user = await make_user()
    await connect_linkedin(client, user)
    r = await post_text(client, user, commentary, key="long")
    assert r.status_code == 422 and r.json()["field"] == "commentary"


async def test_someone_elses_post_is_not_found(client: Any, make_user: Any) -> None:
    alice, bob = await make_user(), await make_user()
    await connect_linkedin(client, alice)
    await connect_linkedin(client, bob)
    r = await post_text(client, alice, "alice's", key="a")
    r = await client.delete(f"/v1/linkedin/posts/{r.json()['id']}", headers=bob.headers)
    assert r.status_code == 404


async def test_retry_after_a_failed_publish_never_uploads_the_image_again(
    client: Any, make_user: Any, container: Any, tmp_path: Any
) -> None:
    user = await make_user()
    body = {
        "commentary": "Picture, retried",
        "media": [
            {"kind": "image", "dataBase64": _b64(PNG), "contentType": "image/png", "altText": "A chart"}
        ],
    }
    async with rest_container(container, tmp_path) as state:
        await connect_linkedin(client, user, state)
        state.inject("POST /rest/posts", 500, times=5)
        r = await post_to_linkedin(client, user, body, key="pic-1")
        assert r.status_code == 503 and len(state.media) == 1
        r = await post_to_linkedin(client, user, body, key="pic-1")
        assert r.status_code == 201, r.text
        assert len(state.media) == 1 and r.json()["mediaUrns"] == list(state.media)
        assert len(state.posts) == 1
        listed = (await client.get("/v1/linkedin/posts", headers=user.headers)).json()["items"]
        assert listed[0]["state"] == "published" and listed[0]["attempts"] == 2


async def test_sandbox_messages_and_comments(client: Any, make_user: Any) -> None:
    user = await make_user()
    await connect_linkedin(client, user)
    network = (await client.get("/v1/linkedin/network?limit=1", headers=user.headers)).json()
    r = await client.post(
        "/v1/linkedin/messages",
        headers=user.headers,
        json={"recipientUrn": network["items"][0]["urn"], "text": "Hello there"},
    )
    assert r.status_code == 201 and r.json()["messageId"]
    r = await client.post(
        "/v1/linkedin/messages",
        headers=user.headers,
        json={"recipientUrn": "urn:li:person:stranger", "text": "Hi"},
    )
    assert r.status_code == 404
    post = (
        await post_text(client, user, "Comment on me", key="c1")
    ).json()
    r = await client.post(
        "/v1/linkedin/comments", headers=user.headers, json={"postUrn": post["postUrn"], "text": "First!"}
    )
    assert r.status_code == 201 and r.json()["commentUrn"].startswith("urn:li:comment:")
    r = await client.post(
        "/v1/linkedin/reactions",
        headers=user.headers,
        json={"postUrn": post["postUrn"], "reaction": "PRAISE"},
    )
    assert r.status_code == 204
    r = await client.delete(f"/v1/linkedin/posts/{post['id']}", headers=user.headers)
    assert r.status_code == 204


async def test_sandbox_can_be_told_to_misbehave_over_http(
    client: Any, make_user: Any, container: Any, tmp_path: Any
) -> None:
    user = await make_user()
    await connect_linkedin(client, user)
    r = await client.post("/v1/linkedin/sandbox/misbehave", json={"fail": 10}, headers=user.headers)
    assert r.status_code == 204
    r = await post_text(client, user, "down", key="mb1")
    assert r.status_code == 503
    assert (await client.get("/v1/linkedin/connection", headers=user.headers)).json()["connection"][
        "status"
    ] == "active"
    await client.post("/v1/linkedin/sandbox/misbehave", json={}, headers=user.headers)
    r = await post_text(client, user, "down", key="mb1")
    assert r.status_code == 201 and r.json()["attempts"] == 2
    async with rest_container(container, tmp_path):
        r = await client.post("/v1/linkedin/sandbox/misbehave", json={"fail": 1}, headers=user.headers)
        assert r.status_code == 501  # not a sandbox


async def test_a_batch_reads_connections_in_one_query_and_rereads_before_refreshing(
    client: Any, make_user: Any, container: Any, tmp_path: Any
) -> None:
    """``MemberCalls`` (a publish job's members): one read for the batch; a member whose batch copy is
    due for refresh is read again first, so a token another worker refreshed meanwhile is not refreshed
    twice."""
    from inergize.application.linkedin.member_calls import MemberCalls, get_connection, refresh_connection
    from inergize.domain.platform.errors import NotFound

    a, b = await make_user(), await make_user()
    async with rest_container(container, tmp_path) as state:
        await connect_linkedin(client, a, state, linkedin_wire.Member("batch-a", "Ann", "ann@example.com"))
        await connect_linkedin(client, b, state, linkedin_wire.Member("batch-b", "Bob", "bob@example.com"))
        ports = container.linkedin_deps()
        calls = MemberCalls(ports)
        await calls.prepare({a.user.id, b.user.id, uuid.uuid4()})  # a user without LinkedIn: absent
        container.clock().advance(days=59)  # inside the refresh-ahead window of both tokens
        newer = await refresh_connection(ports, await get_connection(ports, a.user.id))  # another worker
        refreshes = sum(1 for r in state.requests if r == ("POST", "/oauth/v2/accessToken"))

        async def token(auth: Any) -> str:
            return str(auth.access_token)

        used = await calls(a.user.id, token)
        assert used == ports.secret_box.decrypt(newer.access_token_enc, context=f"linkedin:access:{a.user.id}")
        assert sum(1 for r in state.requests if r == ("POST", "/oauth/v2/accessToken")) == refreshes
        await calls(b.user.id, token)  # b's copy is due too, and nobody refreshed it: refreshed now
        assert sum(1 for r in state.requests if r == ("POST", "/oauth/v2/accessToken")) == refreshes + 1
        with pytest.raises(NotFound):
            await calls(uuid.uuid4(), token)
