"""The web app: the static export of ``web/`` (``next build`` writes ``web/out``), served at ``/`` by the
same process as the API, so the browser talks to one origin.

The directory is read once, on the first page request: every file is kept in memory (gzipped when that
helps) and every HTML page gets its Content-Security-Policy, with the sha256 of each of its inline
scripts (a static export has no server to hand out nonces). A directory missing at that moment is
looked for again on the next request, so building the app does not need a restart."""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import mimetypes
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

import structlog
from litestar import Request, Response, route
from litestar.exceptions import MethodNotAllowedException, NotFoundException

from inergize.entrypoints.http.auth import PUBLIC

log = structlog.get_logger("inergize.web")

# Paths the API owns: an unknown one is a problem+json 404, never the web app's 404 page.
API_PREFIXES = ("/v1", "/schema", "/health", "/ready", "/metrics", "/.well-known")
PAGE_SECURITY = {  # and X-Content-Type-Options, which the entry middleware gives every answer
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}
# Content-addressed by Next.js (the hash is in the name): safe to keep for a year.
IMMUTABLE_PREFIX = "_next/static/"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/manifest+json",
                 "image/svg+xml", "application/xml")
_TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".webmanifest": "application/manifest+json",
          ".woff2": "font/woff2", ".woff": "font/woff", ".txt": "text/plain", ".map": "application/json",
          ".ico": "image/x-icon", ".svg": "image/svg+xml", ".json": "application/json"}

NOT_BUILT = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>InErgize: web app not built</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>The web app is not built</h1>
<p>This server runs the InErgize API, but the web app's files are missing. <code>make run</code> builds
them (into <code>web/out</code>) before it starts the server; <code>INERGIZE_WEB_DIR</code> points
elsewhere if they live in another folder.</p>
<p>The API is here all the same: <a href="/schema">its documentation</a>.</p>
</body></html>
"""
NOT_FOUND = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Not found</h1><p><a href="/">InErgize home</a></p></body></html>
"""


def is_api_path(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in API_PREFIXES)


def content_security_policy(script_hashes: list[str]) -> str:
    scripts = " ".join(["'self'", *(f"'sha256-{h}'" for h in script_hashes)])
    return ("default-src 'self'; "
            f"script-src {scripts}; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
            "font-src 'self'; manifest-src 'self'; worker-src 'self'; "
            "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'")


class _InlineScripts(HTMLParser):
    """Collects the text of every ``<script>`` without ``src``, exactly as the browser hashes it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._current = None if any(name == "src" for name, _ in attrs) else []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            if self._current is not None:
                self.scripts.append("".join(self._current))
            self._current = None


def inline_script_hashes(html: str) -> list[str]:
    """Base64 sha256 of each inline script of ``html``, in page order, without repeats."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    hashes = (base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in parser.scripts)
    return list(dict.fromkeys(hashes))


@dataclass(frozen=True)
class Asset:
    body: bytes
    gzipped: bytes | None
    headers: dict[str, str]


def _media_type(path: Path) -> str:
    kind = _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    # Litestar adds "; charset=utf-8" to text/* itself; the JSON family is UTF-8 by definition
    return kind


def _asset(rel: str, path: Path) -> Asset:
    body = path.read_bytes()
    media_type = _media_type(path)
    headers = {"Content-Type": media_type,
               "Cache-Control": IMMUTABLE if rel.startswith(IMMUTABLE_PREFIX) else REVALIDATE,
               "ETag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"'}
    if media_type.startswith("text/html"):
        headers.update(PAGE_SECURITY)
        headers["Content-Security-Policy"] = content_security_policy(
            inline_script_hashes(body.decode("utf-8", errors="replace")))
    gzipped = None
    if len(body) > 1024 and media_type.startswith(_COMPRESSIBLE):
        packed = gzip.compress(body, compresslevel=6, mtime=0)
        gzipped = packed if len(packed) < len(body) * 0.9 else None
    if gzipped is not None:
        headers["Vary"] = "Accept-Encoding"
    return Asset(body, gzipped, headers)


@dataclass
class WebExport:
    """The files of one static export, by path relative to its directory (``x/y/index.html``)."""

    root: Path
    files: dict[str, Asset] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Path) -> WebExport:
        export = cls(root)
        for path in sorted(root.rglob("*")):
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts):
                rel = path.relative_to(root).as_posix()
                export.files[rel] = _asset(rel, path)
        return export


class WebSite:
    """The web app at ``directory``, read on first use."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._export: WebExport | None = None

    async def export(self) -> WebExport | None:
        if self._export is None and (self.directory / "index.html").is_file():
            # reading and hashing a few megabytes: off the event loop
            self._export = await asyncio.to_thread(WebExport.read, self.directory)
            log.info("web.loaded", directory=str(self.directory), files=len(self._export.files))
        return self._export


def _page(body: bytes, status: int) -> Response[bytes]:
    headers = {**PAGE_SECURITY, "Cache-Control": REVALIDATE, "Content-Security-Policy": content_security_policy([])}
    return Response(body, status_code=status, media_type="text/html", headers=headers)


def _accepts_gzip(request: Request[Any, Any, Any]) -> bool:
    for part in request.headers.get("accept-encoding", "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() == "gzip":
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _serve(request: Request[Any, Any, Any], asset: Asset, status: int = 200) -> Response[bytes]:
    headers = dict(asset.headers)
    media_type = headers.pop("Content-Type")
    if status == 200 and request.headers.get("if-none-match") == headers["ETag"]:
        return Response(b"", status_code=304, headers={k: v for k, v in headers.items() if k != "Content-Type"})
    body = asset.body
    if asset.gzipped is not None and _accepts_gzip(request):
        body, headers["Content-Encoding"] = asset.gzipped, "gzip"
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(body))
        body = b""
    return Response(body, status_code=status, media_type=media_type, headers=headers)


@route(["/", "/{path:path}"], http_method=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"], opt=PUBLIC,
       include_in_schema=False)
async def web_page(request: Request[Any, Any, Any]) -> Response[bytes]:
    """A page or file of the web app; ``/x/y`` goes to ``/x/y/`` when that page exists."""
    path = request.scope["path"]
    if is_api_path(path):
        raise NotFoundException(f"No API route {path}.")
    if request.method not in ("GET", "HEAD"):
        raise MethodNotAllowedException(f"{request.method} is not allowed on a web app page.")
    export = await request.app.state.web.export()
    if export is None:
        return _page(NOT_BUILT, 200 if path == "/" else 404)
    key = path.strip("/")
    raw_path = request.scope.get("raw_path")  # the router drops a trailing slash from "path"
    trailing = path == "/" or raw_path is None or raw_path.split(b"?")[0].endswith(b"/")
    page = f"{key}/index.html" if key else "index.html"
    if trailing and page in export.files:
        return _serve(request, export.files[page])
    if not trailing and key in export.files:
        return _serve(request, export.files[key])
    if not trailing and page in export.files:
        query = request.scope.get("query_string", b"").decode("latin-1")
        target = f"/{quote(key)}/" + (f"?{query}" if query else "")
        return Response(b"", status_code=308, headers={"Location": target, "Cache-Control": REVALIDATE})
    missing = export.files.get("404.html")
    return _serve(request, missing, 404) if missing else _page(NOT_FOUND, 404)


ROUTES = [web_page]
