"""Done-when, with no keys: a post, a carousel PDF and a banner PNG through the HTTP API (offline
provider, labelled as such); a repeated request is served from the cache."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image
from pypdf import PdfReader

from tests.support.jobs import run_ai_jobs


async def test_generate_a_post_with_variants_scores_and_the_offline_label(
    client: Any, make_user: Any
) -> None:
    u = await make_user(industry="Computer Software", job_role="Engineering manager")
    r = await client.post(
        "/v1/ai/posts",
        json={"topic": "code review habits", "postType": "how_to", "variants": 3},
        headers=u.headers,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["variants"]) == 3 and body["notice"] and "offline" in body["notice"]
    texts = {v["text"] for v in body["variants"]}
    assert len(texts) == 3  # variants differ
    for v in body["variants"]:
        assert v["provider"] == "offline" and v["offline"] is True
        assert len(v["hook"]) <= 210 and 3 <= len(v["hashtags"]) <= 5
        assert {c["name"] for c in v["quality"]["criteria"]} >= {
            "hook",
            "length",
            "readability",
            "hashtags",
            "line_breaks",
            "call_to_action",
        }
        assert all(c["explanation"] for c in v["quality"]["criteria"])
        assert v["state"] == "ready" and v["issues"] == []
        assert "contentId" in v, sorted(v)
        got = (await client.get(f"/v1/content/{v['contentId']}", headers=u.headers)).json()
        assert got["kind"] == "post" and got["body"] == v["text"] and got["state"] == "ready"


async def test_a_repeated_request_is_served_from_the_cache_and_regenerate_bypasses_it(
    client: Any, make_user: Any
) -> None:
    u = await make_user()
    ask = {"topic": "hiring juniors", "postType": "contrarian", "save": False}
    first = (await client.post("/v1/ai/posts", json=ask, headers=u.headers)).json()["variants"][0]
    again = (await client.post("/v1/ai/posts", json=ask, headers=u.headers)).json()["variants"][0]
    fresh = (await client.post("/v1/ai/posts", json=ask | {"regenerate": True}, headers=u.headers)).json()
    assert first["cached"] is False and again["cached"] is True and again["text"] == first["text"]
    assert fresh["variants"][0]["cached"] is False
    other = await make_user()
    theirs = (await client.post("/v1/ai/posts", json=ask, headers=other.headers)).json()["variants"][0]
    assert theirs["cached"] is False  # one user's cache is never served to another
    usage = (await client.get("/v1/ai/usage", headers=u.headers)).json()
    assert (
        usage["lines"][0]["provider"] == "offline" and usage["lines"][0]["calls"] == 2
    )  # the hit is not billed
    assert usage["costUsd"] == 0 and usage["cacheHitRate"] == round(1 / 3, 4)  # 1 hit of 3 answers


async def test_the_cache_hit_rate_in_usage_is_the_callers_own(client: Any, make_user: Any) -> None:
    a, b = await make_user(), await make_user()
    assert (await client.get("/v1/ai/usage", headers=a.headers)).json()["cacheHitRate"] is None
    ask = {"topic": "quiet quitting", "postType": "story", "save": False}
    await client.post("/v1/ai/posts", json=ask, headers=a.headers)
    mine = (await client.get("/v1/ai/usage", headers=a.headers)).json()
    for _ in range(4):  # B's hits are B's business, and must not move A's figure
        await client.post("/v1/ai/posts", json=ask, headers=b.headers)
    assert (await client.get("/v1/ai/usage", headers=a.headers)).json() == mine
    assert mine["cacheHitRate"] == 0
    assert (await client.get("/v1/ai/usage", headers=b.headers)).json()["cacheHitRate"] == 0.75


async def test_a_carousel_pdf_through_a_polled_job(client: Any, make_user: Any, container: Any) -> None:
    u = await make_user(display_name="Ада Лавлейс", industry="Marketing")
    r = await client.post(
        "/v1/ai/carousels",
        json={"topic": "Маркетинг для инженеров", "slides": 4, "brand": {"primary": "#AA3300"}},
        headers=u.headers,
    )
    assert r.status_code == 202, r.text
    job_url = r.headers["location"]
    assert (await client.get(job_url, headers=u.headers)).json()["status"] == "queued"
    assert await run_ai_jobs(container) >= 1
    job = (await client.get(job_url, headers=u.headers)).json()
    assert job["status"] == "done" and job["progress"] == 100, job
    assert job["result"]["provider"] == "offline" and job["result"]["pages"] == 6
    pdf = await client.get(job["links"]["file"], headers=u.headers)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) == 6  # title + 4 slides + closing
    assert all((float(p.mediabox.width), float(p.mediabox.height)) == (1080, 1350) for p in reader.pages)
    assert "Маркетинг" in reader.pages[0].extract_text()  # non-Latin text survives (embedded TTF)
    content = (await client.get(job["links"]["content"], headers=u.headers)).json()
    assert content["kind"] == "carousel" and content["state"] == "ready"
    other = await make_user()
    assert (await client.get(job_url, headers=other.headers)).status_code == 404
    assert (await client.get(job["links"]["file"], headers=other.headers)).status_code == 404


async def test_a_banner_png_is_1584_by_396(client: Any, make_user: Any) -> None:
    u = await make_user(job_role="Product designer")
    r = await client.post(
        "/v1/ai/banners",
        json={"topic": "accessible design", "template": "split", "aiBackground": True},
        headers=u.headers,
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["width"] == 1584 and body["height"] == 396 and body["offline"] is True
    png = await client.get(body["links"]["file"], headers=u.headers)
    assert png.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(png.content)).size == (1584, 396)


async def test_profile_suggestions_stay_within_linkedin_limits(client: Any, make_user: Any) -> None:
    u = await make_user(job_role="data engineer", industry="Financial Services")
    r = await client.post("/v1/ai/profile-suggestions", json={}, headers=u.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (
        0 < len(body["headline"]) <= 220 and 0 < len(body["about"]) <= 2600 and 5 <= len(body["skills"]) <= 15
    )
    assert body["basedOn"] == "account" and body["completeness"] is None and body["offline"] is True


async def test_banned_phrases_block_generated_posts(client: Any, make_user: Any) -> None:
    u = await make_user(industry="Computer Software")
    r = await client.put("/v1/ai/preferences", json={"bannedPhrases": ["comments"]}, headers=u.headers)
    assert r.status_code == 200
    r = await client.post("/v1/ai/posts", json={"topic": "pairing", "postType": "story"}, headers=u.headers)
    v = r.json()["variants"][0]
    if "comments" in v["text"].lower():
        assert v["state"] == "draft" and [i["code"] for i in v["issues"]] == ["banned_phrase"]
    else:
        assert v["state"] == "ready"
