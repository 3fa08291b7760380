"""What the web app's library, carousel builder and generator forms read: the library searched by words
and filtered by kind and state, a carousel PDF's pages drawn as images, and the template catalogue."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from tests.support.jobs import generated_carousel, run_ai_jobs


async def _add(client: Any, user: Any, title: str, body: str = "", kind: str = "post") -> str:
    data = {"slides": [{"title": "One"}]} if kind == "carousel" else {}
    r = await client.post("/v1/content", json={"title": title, "body": body, "kind": kind, "data": data},
                          headers=user.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def _titles(client: Any, user: Any, **query: Any) -> list[str]:
    r = await client.get("/v1/content", params=query, headers=user.headers)
    assert r.status_code == 200, r.text
    return [i["title"] for i in r.json()["items"]]


async def test_the_library_finds_every_word_in_title_or_text_in_any_case(client: Any, make_user: Any) -> None:
    u = await make_user()
    await _add(client, u, "Hiring juniors", "Why we hire JUNIOR engineers")
    await _add(client, u, "Code review", "habits that help juniors grow")
    await _add(client, u, "Quarterly plan", "nothing to see")
    assert sorted(await _titles(client, u, q="juniors")) == ["Code review", "Hiring juniors"]
    assert await _titles(client, u, q="JUNIOR hire") == ["Hiring juniors"]
    assert len(await _titles(client, u, q="  ")) == 3
    assert await _titles(client, u, q="nobody") == []


async def test_search_takes_like_wildcards_literally(client: Any, make_user: Any) -> None:
    u = await make_user()
    await _add(client, u, "Growth of 100% in a year")
    await _add(client, u, "Growth of 1000 users")
    await _add(client, u, "snake_case names")
    await _add(client, u, "snakeXcase names")
    assert await _titles(client, u, q="100%") == ["Growth of 100% in a year"]
    assert await _titles(client, u, q="snake_case") == ["snake_case names"]


async def test_the_library_filters_by_kind_and_state_and_pages_within_the_filter(
    client: Any, make_user: Any
) -> None:
    u = await make_user()
    for i in range(5):
        await _add(client, u, f"post {i}", "draft text")
    await _add(client, u, "deck", kind="carousel")
    ready = await _add(client, u, "ready post", "A short, clean post.")
    r = await client.post(f"/v1/content/{ready}/ready", headers=u.headers | {"If-Match": '"v1"'})
    assert r.status_code == 200, r.text
    assert await _titles(client, u, kind="carousel") == ["deck"]
    assert await _titles(client, u, state="ready") == ["ready post"]
    assert await _titles(client, u, kind="post", state="ready", q="clean") == ["ready post"]
    first = (await client.get("/v1/content", params={"state": "draft", "kind": "post", "limit": 3},
                              headers=u.headers)).json()
    rest = (await client.get("/v1/content", params={"state": "draft", "kind": "post", "limit": 3,
                                                    "cursor": first["nextCursor"]}, headers=u.headers)).json()
    titles = [i["title"] for i in first["items"] + rest["items"]]
    # the test clock stands still, so the order among equal times is the id's: check the set, once each
    assert sorted(titles) == [f"post {i}" for i in range(5)] and rest["nextCursor"] is None


async def test_the_library_never_shows_anothers_content(client: Any, make_user: Any) -> None:
    a, b = await make_user(), await make_user()
    await _add(client, a, "secret plan", "juniors")
    assert await _titles(client, b, q="secret") == []


async def test_bad_filters_are_problems_not_errors(client: Any, make_user: Any) -> None:
    u = await make_user()
    for query in ({"kind": "video"}, {"state": "published"}, {"q": "x" * 201}):
        r = await client.get("/v1/content", params=query, headers=u.headers)
        assert r.status_code == 400, (query, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")


async def test_a_carousels_pdf_pages_are_drawn_as_images(client: Any, make_user: Any, container: Any) -> None:
    u = await make_user(display_name="Ada")
    content_id = (await generated_carousel(client, container, u, "onboarding"))["result"]["contentId"]
    pages = await client.get(f"/v1/content/{content_id}/pages", headers=u.headers)
    assert pages.status_code == 200, pages.text
    assert pages.json() == {"version": 1, "count": 5}  # title, 3 slides, closing
    first = await client.get(f"/v1/content/{content_id}/pages/1", params={"version": 1}, headers=u.headers)
    assert first.status_code == 200 and first.headers["content-type"] == "image/png"
    assert "immutable" in first.headers["cache-control"]
    image = Image.open(io.BytesIO(first.content))
    assert image.size == (540, 675)  # 1080×1350 at half size
    assert len(set(image.convert("RGB").getdata())) > 2  # drawn, not blank
    small = await client.get(f"/v1/content/{content_id}/pages/5", params={"width": 270}, headers=u.headers)
    assert Image.open(io.BytesIO(small.content)).size == (270, 338)  # 337.5 rounds up
    assert small.headers["cache-control"] == "private, no-cache"  # "current" moves with edits
    past = await client.get(f"/v1/content/{content_id}/pages/6", headers=u.headers)
    assert past.status_code == 404 and past.headers["content-type"].startswith("application/problem+json")
    odd = await client.get(f"/v1/content/{content_id}/pages/1", params={"width": 333}, headers=u.headers)
    assert odd.status_code == 422 and odd.json()["field"] == "width"
    other = await make_user()
    assert (await client.get(f"/v1/content/{content_id}/pages", headers=other.headers)).status_code == 404
    assert (await client.get(f"/v1/content/{content_id}/pages/1", headers=other.headers)).status_code == 404


async def test_an_edited_carousel_has_no_pages_until_its_pdf_is_drawn_again(
    client: Any, make_user: Any, container: Any
) -> None:
    u = await make_user()
    content_id = (await generated_carousel(client, container, u, "pricing"))["result"]["contentId"]
    item = (await client.get(f"/v1/content/{content_id}", headers=u.headers)).json()
    slides = item["data"]["slides"] + [{"title": "One more", "body": "added"}]
    r = await client.patch(f"/v1/content/{content_id}", json={"data": item["data"] | {"slides": slides}},
                           headers=u.headers | {"If-Match": f'"v{item["version"]}"'})
    assert r.status_code == 200, r.text
    assert (await client.get(f"/v1/content/{content_id}/pages", headers=u.headers)).status_code == 404
    await run_ai_jobs(container)
    assert (await client.get(f"/v1/content/{content_id}/pages", headers=u.headers)).json() == {
        "version": 2, "count": 6}
    old = await client.get(f"/v1/content/{content_id}/pages", params={"version": 1}, headers=u.headers)
    assert old.json() == {"version": 1, "count": 5}


async def test_a_post_has_no_pages(client: Any, make_user: Any) -> None:
    u = await make_user()
    post = await _add(client, u, "text only", "hello")
    r = await client.get(f"/v1/content/{post}/pages", headers=u.headers)
    assert r.status_code == 404  # no file at all


async def test_the_template_catalogue_names_templates_limits_and_the_callers_industry(
    client: Any, make_user: Any
) -> None:
    u = await make_user(industry="Computer Software")
    r = await client.get("/v1/ai/templates", headers=u.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert [t["key"] for t in body["postTypes"]] == ["story", "how_to", "listicle", "contrarian", "announcement"]
    assert all(t["label"] and t["description"] for t in body["postTypes"])
    assert "software" in {i["key"] for i in body["industries"]} and body["yourIndustry"] == "software"
    assert body["bannerTemplates"] == ["gradient", "split", "minimal"]
    assert body["limits"] == {"post": 3000, "headline": 220, "about": 2600, "skills": 15, "banner": 200}
    someone = await make_user()
    assert (await client.get("/v1/ai/templates", headers=someone.headers)).json()["yourIndustry"] == "general"


async def test_a_generated_post_variant_can_be_chosen_by_industry_key(client: Any, make_user: Any) -> None:
    u = await make_user()
    r = await client.post("/v1/ai/posts", json={"topic": "audits", "industry": "finance", "save": False},
                          headers=u.headers)
    assert r.status_code == 200, r.text
    assert r.json()["variants"][0]["contentId"] is None
