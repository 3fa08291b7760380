"""Voice from the user's own past posts (published LinkedIn posts, else approved drafts), profile
suggestions from the synced profile and its roadmap, and the carousel job's idempotency."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import insert, select

from inergize.adapters.persistence.tables import metadata
from inergize.adapters.persistence.tables.platform import outbox
from inergize.application.ai.carousels import CAROUSEL_JOB
from inergize.domain.linkedin.account import LinkedInProfile
from tests.support.jobs import generated_carousel, run_ai_jobs

PAST = [
    "Shipping beats perfect 🚀\n\nWhat did you ship this week?\n\n#Engineering #Startups",
    "Small teams move fast 🚀🔥\n\nAgree?\n\n#Engineering",
    "Deploy on Fridays? 😅\n\nShipping is a habit.\n\n#Engineering #DevOps",
]


async def test_voice_comes_from_published_linkedin_posts(container: Any, make_user: Any) -> None:
    u = await make_user()
    table = metadata.tables["linkedin_posts"]
    now = container.clock().now()
    async with container.engine().begin() as conn:
        for i, text in enumerate(PAST):
            await conn.execute(
                insert(table).values(
                    id=uuid.uuid4(),
                    user_id=u.user.id,
                    idempotency_key=f"k{i}",
                    state="published",
                    commentary=text,
                    request={},
                    media_urns=[],
                    attempts=1,
                    created_at=now,
                    updated_at=now,
                )
            )
        await conn.execute(
            insert(table).values(
                id=uuid.uuid4(),
                user_id=u.user.id,
                idempotency_key="failed",
                state="failed",
                commentary="never out",
                request={},
                media_urns=[],
                attempts=1,
                created_at=now,
                updated_at=now,
            )
        )
    texts = await container.past_posts().texts(u.user.id)
    assert sorted(texts) == sorted(PAST)
    assert await container.past_posts().texts(uuid.uuid4()) == []


async def test_without_linkedin_posts_the_voice_comes_from_approved_drafts(
    client: Any, container: Any, make_user: Any
) -> None:
    u = await make_user(industry="Computer Software")
    for text in PAST:
        created = await client.post("/v1/content", json={"title": "t", "body": text}, headers=u.headers)
        await client.post(created.headers["location"] + "/ready", headers={**u.headers, "If-Match": '"v1"'})
    await client.post("/v1/content", json={"title": "draft", "body": "not approved"}, headers=u.headers)
    assert sorted(await container.past_posts().texts(u.user.id)) == sorted(PAST)
    r = await client.post("/v1/ai/posts", json={"topic": "deploys", "save": False}, headers=u.headers)
    text = r.json()["variants"][0]["text"]
    assert text.startswith("💡") and "#Engineering" in text  # the user's emoji habit and favourite hashtag


async def test_profile_suggestions_use_the_synced_profile_and_its_roadmap(
    client: Any, container: Any, make_user: Any
) -> None:
    u = await make_user(job_role="Data engineer")
    async with container.uow_factory()() as uow:
        await uow.linkedin.save_profile(
            LinkedInProfile(
                user_id=u.user.id,
                full_name="Ada Lovelace",
                headline="Engineer",
                summary="",
                industry="Financial Services",
                skills=["Python", "SQL"],
            ),
            container.clock().now(),
        )
        await uow.commit()
    r = await client.post("/v1/ai/profile-suggestions", json={}, headers=u.headers)
    body = r.json()
    assert r.status_code == 200 and body["basedOn"] == "linkedin_profile"
    assert body["completeness"] is not None and body["completeness"] < 100
    assert body["roadmap"] and all(step["action"] for step in body["roadmap"])
    assert (
        {"Python", "SQL"} <= set(body["skills"])
        and len(body["headline"]) <= 220
        and len(body["about"]) <= 2600
    )


async def test_a_carousel_job_runs_once_even_if_delivered_twice(
    client: Any, container: Any, make_user: Any
) -> None:
    u = await make_user()
    r = await client.post(
        "/v1/ai/carousels", json={"topic": "idempotent jobs", "slides": 3}, headers=u.headers
    )
    job_id = r.json()["id"]
    async with container.engine().connect() as conn:
        rows = (await conn.execute(select(outbox.c.payload).where(outbox.c.actor == CAROUSEL_JOB))).all()
    assert {"job_id": job_id} in [row.payload for row in rows]  # ids only in the envelope
    await run_ai_jobs(container)
    from inergize.entrypoints.workers.jobs import JOBS

    await JOBS[CAROUSEL_JOB](container, job_id=job_id)  # a redelivery
    listing = (await client.get("/v1/content", headers=u.headers)).json()["items"]
    assert [i["kind"] for i in listing] == ["carousel"]
    job = (await client.get(f"/v1/ai/jobs/{job_id}", headers=u.headers)).json()
    assert job["status"] == "done" and job["result"]["pages"] == 5


async def test_carousel_validation_and_unknown_jobs(client: Any, make_user: Any) -> None:
    u = await make_user()
    assert (
        await client.post("/v1/ai/carousels", json={"topic": "x", "slides": 40}, headers=u.headers)
    ).status_code == 422
    assert (await client.get(f"/v1/ai/jobs/{uuid.uuid4()}", headers=u.headers)).status_code == 404
    assert (
        await client.post("/v1/ai/posts", json={"topic": "x", "postType": "poem"}, headers=u.headers)
    ).status_code == 422


async def test_the_library_facade_generates_without_http(container: Any, make_user: Any) -> None:
    from inergize.application.ai.carousels import GenerateCarousel
    from inergize.application.ai.posts import GeneratePosts
    from inergize.entrypoints.library.facade import Inergize

    app = Inergize(container)
    u = await make_user()
    posts = await app.ai.posts(u.principal, GeneratePosts(topic="embedding", variants=2))
    assert len(posts.variants) == 2 and all(v.offline for v in posts.variants)
    job = await app.ai.carousel(u.principal, GenerateCarousel(topic="embedding", slides=3))
    assert job.status.value == "done" and job.result["pages"] == 5
    ready = await app.ai.ready_version(u.principal, posts.variants[0].content_id)
    assert ready.text == posts.variants[0].text
    # The job also went through the outbox; its delivery finds it done (idempotent) and leaves no row
    # behind for other tests' outbox sweeps on the shared database.
    assert await run_ai_jobs(container) >= 1
    async with container.engine().connect() as conn:
        left = (
            await conn.execute(
                select(outbox.c.id).where(outbox.c.payload["job_id"].as_string() == str(job.id))
            )
        ).all()
    assert left == []


async def test_editing_a_carousel_renders_its_file_again_before_it_can_be_ready(
    client: Any, container: Any, make_user: Any
) -> None:
    import io

    from pypdf import PdfReader

    u = await make_user()
    url = (await generated_carousel(client, container, u, "edits"))["links"]["content"]
    got = await client.get(url, headers=u.headers)
    data = got.json()["data"] | {"slides": [{"title": "Новый слайд", "body": "Edited body"}] * 2}
    r = await client.patch(url, json={"data": data}, headers={**u.headers, "If-Match": got.headers["etag"]})
    assert r.status_code == 200 and r.json()["state"] == "draft"
    versions = (await client.get(url + "/versions", headers=u.headers)).json()["items"]
    assert versions[0]["media"] == [] and versions[1]["media"]
    r2 = await client.post(url + "/ready", headers={**u.headers, "If-Match": r.headers["etag"]})
    assert r2.status_code == 409 and r2.json()["code"] == "file_rendering"
    assert await run_ai_jobs(container) == 1
    r2 = await client.post(url + "/ready", headers={**u.headers, "If-Match": r.headers["etag"]})
    assert r2.status_code == 200 and r2.json()["state"] == "ready"
    pdf = PdfReader(io.BytesIO((await client.get(url + "/file", headers=u.headers)).content))
    assert len(pdf.pages) == 4 and "Новый слайд" in pdf.pages[1].extract_text()
    old = PdfReader(io.BytesIO((await client.get(url + "/file?version=1", headers=u.headers)).content))
    assert len(old.pages) == 5  # the first version keeps its own file
    bad = await client.patch(
        url, json={"data": {"slides": "nope"}}, headers={**u.headers, "If-Match": r2.headers["etag"]}
    )
    assert bad.status_code == 422


async def test_editing_a_banner_renders_it_again(client: Any, container: Any, make_user: Any) -> None:
    import io

    from PIL import Image

    u = await make_user()
    banner = (await client.post("/v1/ai/banners", json={"headline": "Before"}, headers=u.headers)).json()
    url = banner["links"]["content"]
    got = await client.get(url, headers=u.headers)
    r = await client.patch(
        url,
        json={"data": got.json()["data"] | {"headline": "After", "template": "minimal"}},
        headers={**u.headers, "If-Match": got.headers["etag"]},
    )
    assert r.status_code == 200
    await run_ai_jobs(container)
    r = await client.post(url + "/ready", headers={**u.headers, "If-Match": r.headers["etag"]})
    assert r.status_code == 200
    png = (await client.get(url + "/file", headers=u.headers)).content
    assert Image.open(io.BytesIO(png)).size == (1584, 396)


async def test_posts_imported_from_the_linkedin_export_teach_the_voice(container: Any, make_user: Any) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from inergize.adapters.persistence.tables.seed import analytics_events

    u = await make_user()
    now = datetime(2026, 1, 5, tzinfo=UTC)
    async with container.engine().begin() as conn:
        for n, text in enumerate(PAST):
            await conn.execute(insert(analytics_events).values(
                id=uuid.uuid4(), user_id=u.user.id, event_type="post_published", subject=f"urn:li:share:{n}",
                value=1, payload={"commentary": text}, source="import", dedupe_key=f"export:share:{n}",
                occurred_at=now, created_at=now))
    assert sorted(await container.past_posts().texts(u.user.id)) == sorted(PAST)
