"""The web app's static export served at ``/``: pages with trailing slashes, long-lived hashed files,
the export's own 404 page, security headers with each page's inline-script hashes, and a plain page
when the app is not built. A small directory shaped like ``next build``'s output stands in for it."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from tests.support.settings import make_settings

BOOT = 'self.__next_f=self.__next_f||[];self.__next_f.push([0])'
PAYLOAD = 'self.__next_f.push([1,"2:I[\\"app\\"]\\n"])'
CHUNK = "console.log('InErgize');\n" * 200


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def page(title: str, *scripts: str) -> str:
    inline = "".join(f"<script>{s}</script>" for s in scripts)
    return (f'<!DOCTYPE html><html lang="en"><head><title>{title}</title>'
            f'<script src="/_next/static/chunks/app.js" async=""></script></head>'
            f"<body><main>{title}</main>{inline}</body></html>")


@pytest.fixture
def export_dir(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    files = {
        "index.html": page("Home", BOOT, PAYLOAD),
        "sign-in/index.html": page("Sign in", BOOT),
        "settings/security/index.html": page("Security"),
        "404.html": page("Page not found", BOOT),
        "_next/static/chunks/app.js": CHUNK,
        "manifest.webmanifest": '{"name": "InErgize"}',
        "index.txt": "1:rsc payload",
        ".hidden": "never served",
    }
    for rel, text in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text)
    return out


async def _client(tmp_path: Path, web_dir: Path) -> AsyncIterator[httpx.AsyncClient]:
    from inergize.bootstrap import bootstrap
    from inergize.entrypoints.http.app import create_app

    # No database is touched: pages and files are served from memory, /health answers from nothing.
    container = bootstrap(make_settings(tmp_path / "data", web_dir=web_dir))
    transport = httpx.ASGITransport(app=create_app(container), client=("127.0.0.1", 40001))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as client:
        yield client


@pytest.fixture
async def site(tmp_path: Path, export_dir: Path) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client(tmp_path, export_dir):
        yield client


async def test_pages_are_served_at_their_trailing_slash_path(site: httpx.AsyncClient) -> None:
    r = await site.get("/")
    assert r.status_code == 200 and "<main>Home</main>" in r.text
    assert r.headers["content-type"].startswith("text/html")
    r = await site.get("/sign-in/")
    assert r.status_code == 200 and "<main>Sign in</main>" in r.text
    r = await site.get("/settings/security/?next=%2F")
    assert r.status_code == 200 and "<main>Security</main>" in r.text


async def test_a_page_path_without_its_slash_redirects_keeping_the_query(site: httpx.AsyncClient) -> None:
    r = await site.get("/sign-in")
    assert r.status_code == 308 and r.headers["location"] == "/sign-in/"
    r = await site.get("/settings/security?tab=mfa")
    assert r.status_code == 308 and r.headers["location"] == "/settings/security/?tab=mfa"


async def test_unknown_pages_answer_the_exports_404_page(site: httpx.AsyncClient) -> None:
    for path in ("/nowhere/", "/nowhere", "/sign-in/extra/", "/favicon.ico/", "/.hidden", "/../etc/passwd"):
        r = await site.get(path)
        assert r.status_code == 404, path
        assert "<main>Page not found</main>" in r.text, path
        assert r.headers["content-security-policy"].count("sha256-") == 1


async def test_unknown_api_paths_stay_problems(site: httpx.AsyncClient) -> None:
    for path in ("/v1/nope", "/v1", "/.well-known/nope"):
        r = await site.get(path)
        assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json"), path
    r = await site.post("/v1/nope", json={})
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    r = await site.post("/sign-in/", json={})
    assert r.status_code == 405 and r.headers["content-type"].startswith("application/problem+json")


async def test_hashed_files_are_immutable_and_html_is_revalidated(site: httpx.AsyncClient) -> None:
    r = await site.get("/_next/static/chunks/app.js")
    assert r.status_code == 200 and r.text == CHUNK
    assert r.headers["content-type"] == "text/javascript; charset=utf-8"
    assert (await site.get("/")).headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert r.headers["x-content-type-options"] == "nosniff"
    for path in ("/", "/manifest.webmanifest", "/index.txt"):
        assert (await site.get(path)).headers["cache-control"] == "no-cache", path
    assert (await site.get("/manifest.webmanifest")).headers["content-type"].startswith("application/manifest+json")


async def test_revalidation_and_compression(site: httpx.AsyncClient) -> None:
    r = await site.get("/_next/static/chunks/app.js", headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip" and r.headers["vary"] == "Accept-Encoding"
    assert r.text == CHUNK  # httpx decompresses
    raw = await site.get("/_next/static/chunks/app.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers and raw.content == CHUNK.encode()
    again = await site.get("/", headers={"If-None-Match": (await site.get("/")).headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    head = await site.head("/sign-in/")
    assert head.status_code == 200 and head.content == b"" and int(head.headers["content-length"]) > 0


async def test_pages_carry_a_policy_with_their_own_inline_script_hashes(site: httpx.AsyncClient) -> None:
    home = await site.get("/")
    csp = home.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].split() == ["'self'", sha(BOOT), sha(PAYLOAD)]
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["img-src"] == "'self' data: blob:"
    assert directives["connect-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert home.headers["x-content-type-options"] == "nosniff"
    assert home.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert home.headers["x-frame-options"] == "DENY"
    sign_in = (await site.get("/sign-in/")).headers["content-security-policy"]
    assert sha(BOOT) in sign_in and sha(PAYLOAD) not in sign_in
    security = (await site.get("/settings/security/")).headers["content-security-policy"]
    assert "sha256-" not in security


async def test_api_answers_keep_their_headers_and_gain_nosniff(site: httpx.AsyncClient) -> None:
    r = await site.get("/health")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" not in r.headers and "x-request-id" in r.headers
    r = await site.get("/v1/nope")
    assert r.headers["x-content-type-options"] == "nosniff"
    r = await site.post("/sign-in/", json={})  # the router's own 405: no middleware sees it
    assert r.status_code == 405 and r.headers["x-content-type-options"] == "nosniff"
    for path in ("/", "/_next/static/chunks/app.js", "/health", "/v1/nope", "/v1/content"):
        assert (await site.get(path)).headers.get_list("x-content-type-options") == ["nosniff"], path


async def test_web_app_files_are_not_charged_to_the_api_budget(tmp_path: Path, export_dir: Path) -> None:
    from inergize.bootstrap import bootstrap
    from inergize.entrypoints.http.app import create_app

    settings = make_settings(tmp_path / "data", web_dir=export_dir, api_rate_address_per_minute=3)
    transport = httpx.ASGITransport(app=create_app(bootstrap(settings)), client=("127.0.0.1", 40002))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as client:
        for _ in range(10):
            assert (await client.get("/_next/static/chunks/app.js")).status_code == 200
        assert "ratelimit" not in (await client.get("/")).headers


async def test_a_missing_export_answers_a_page_saying_so(tmp_path: Path) -> None:
    web_dir = tmp_path / "never-built"
    async for client in _client(tmp_path, web_dir):
        r = await client.get("/")
        assert r.status_code == 200 and "not built" in r.text and "make run" in r.text
        assert r.headers["content-type"] == "text/html; charset=utf-8"
        assert r.headers["x-frame-options"] == "DENY" and "content-security-policy" in r.headers
        assert (await client.get("/sign-in/")).status_code == 404
        # built while the server runs: found on the next request, no restart
        (web_dir / "sign-in").mkdir(parents=True)
        (web_dir / "index.html").write_text(page("Home"))
        (web_dir / "sign-in" / "index.html").write_text(page("Sign in"))
        assert "<main>Sign in</main>" in (await client.get("/sign-in/")).text


def test_the_default_directory_is_the_checkouts_web_out(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    assert settings.effective_web_dir == Path(__file__).resolve().parents[3] / "web" / "out"
    assert make_settings(tmp_path, web_dir=tmp_path / "x").effective_web_dir == tmp_path / "x"


def test_inline_script_hashes_skip_external_scripts_and_keep_order() -> None:
    from inergize.entrypoints.http.web_app import inline_script_hashes

    html = ('<script src="/a.js"></script><script>b()</script><script type="application/json">{"x":"<"}'
            '</script><SCRIPT>b()</SCRIPT><script>a &amp;&amp; c()</script>')
    assert [f"'sha256-{h}'" for h in inline_script_hashes(html)] == [
        sha("b()"), sha('{"x":"<"}'), sha("a &amp;&amp; c()")]
