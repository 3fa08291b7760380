"""A local LinkedIn wire server: an ASGI app that speaks LinkedIn's documented format, checks every header
and body field the docs require, answers in LinkedIn's shapes, copies duplicate-post detection, and
injects faults (401/403/422/429 with or without Retry-After/500/timeouts) on demand.

``WireState(trust_tokens=True)`` takes any bearer token as the post's author (the publishing tests and the
scheduler bench publish with tokens the server never issued); ``fail_next`` answers the next post requests
with the given statuses; ``GET /_stats`` reports the posts it created, so a test or the bench can count
duplicates. Served on a loopback port (``serve()``), so the REST adapter talks real HTTP."""

from __future__ import annotations

import asyncio
import itertools
import json
import secrets
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote

from inergize.domain.linkedin.little_text import _MENTION, RESERVED
from tests.wire.loopback import LoopbackServer, answer, read_body

VERSION = "202610"
CLIENT_ID = "wire-client"
CLIENT_SECRET = "wire-secret"


@dataclass
class Fault:
    """Answer the next matching request with ``status`` (and ``headers``/``body``), or delay it."""

    path: str  # substring of "METHOD /path"
    status: int = 0  # 0: process normally (with ``delay`` this makes a timeout after the work is done)
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    delay: float = 0.0
    times: int = 1


@dataclass
class Member:
    sub: str
    name: str
    email: str
    email_verified: bool = True

    @property
    def urn(self) -> str:
        return f"urn:li:person:{self.sub}"


def rendered(commentary: str) -> str:
    """What LinkedIn would show: the text cut at the first unescaped reserved character (outside
    mentions and hashtags), with escapes removed. A correctly escaped text shows in full."""
    out, i = [], 0
    while i < len(commentary):
        ch = commentary[i]
        if ch == "\\" and i + 1 < len(commentary) and commentary[i + 1] in RESERVED:
            out.append(commentary[i + 1])
            i += 2
            continue
        if ch == "@" and (m := _MENTION.match(commentary, i)):
            out.append(m.group(1))
            i = m.end()
            continue
        if ch == "#" and i + 1 < len(commentary) and commentary[i + 1].isalpha():
            out.append(ch)
        elif ch in RESERVED:
            break  # LinkedIn silently drops the rest
        else:
            out.append(ch)
        i += 1
    return "".join(out)


class WireState:
    def __init__(self, *, trust_tokens: bool = False) -> None:
        self.trust_tokens = trust_tokens
        self.fail_next: list[int] = []  # statuses to answer post requests with instead of handling them
        self.created: Counter[tuple[str, str, str]] = Counter()  # (author, commentary, media) -> posts made
        self.post_requests = 0
        self.duplicate_answers = 0
        self.codes: dict[str, Member] = {}
        self.tokens: dict[str, Member] = {}
        self.refresh_tokens: dict[str, Member] = {}
        self.issue_refresh_tokens = True
        self.posts: dict[str, dict[str, Any]] = {}
        self.media: dict[str, dict[str, Any]] = {}  # urn -> {owner, uploaded, kind}
        self.uploads: dict[str, str] = {}  # upload path -> media urn
        self.comments: dict[str, dict[str, Any]] = {}
        self.reactions: list[dict[str, Any]] = []
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str]] = []
        self.errors: list[str] = []  # protocol violations the server saw (tests assert it stays empty)
        self.ids = itertools.count(7_100_000_000_000_000_000)

    def authorize(self, member: Member) -> str:
        code = secrets.token_urlsafe(12)
        self.codes[code] = member
        return code

    def token_for(self, member: Member) -> str:
        token = "AQV" + secrets.token_urlsafe(24)
        self.tokens[token] = member
        return token

    def inject(
        self,
        path: str,
        status: int = 0,
        *,
        times: int = 1,
        headers: dict[str, str] | None = None,
        body: dict[str, Any] | None = None,
        delay: float = 0.0,
    ) -> None:
        self.faults.append(Fault(path, status, headers or {}, body, delay, times))

    def posts_by(self, author: str) -> list[dict[str, Any]]:
        return [p for p in self.posts.values() if p["author"] == author]

    def stats(self) -> dict[str, int]:
        """Post requests seen, posts created (distinct and more than once), duplicate answers given."""
        return {
            "requests": self.post_requests,
            "created": sum(self.created.values()),
            "distinct": len(self.created),
            "duplicate_answers": self.duplicate_answers,
            "created_twice": sum(1 for n in self.created.values() if n > 1),
        }


class Reply(Exception):
    def __init__(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
        self.status, self.body, self.headers = status, body, headers or {}


def _err(status: int, message: str, code: str | None = None) -> Reply:
    body: dict[str, Any] = {"status": status, "message": message}
    if code:
        body["code"] = code
    return Reply(status, body)


class WireApp:
    def __init__(self, state: WireState, base_url: str = "") -> None:
        self.s = state
        self.base_url = base_url

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = await read_body(receive)
        if body is None:
            return  # the client gave up (a timeout): nothing to answer, nothing was done
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        method, path, query = scope["method"], scope["path"], scope["query_string"].decode()
        self.s.requests.append((method, path))
        status, out, extra = 200, None, {}
        fault = next((f for f in self.s.faults if f.path in f"{method} {path}"), None)
        if fault is not None:
            fault.times -= 1
            if fault.times <= 0:
                self.s.faults.remove(fault)
        try:
            if fault is not None and fault.status:
                raise Reply(
                    fault.status, fault.body or {"status": fault.status, "message": "injected"}, fault.headers
                )
            status, out, extra = self.route(method, path, query, headers, body)
        except Reply as r:
            status, out, extra = r.status, r.body, r.headers
        if fault is not None and fault.delay:
            await asyncio.sleep(fault.delay)  # the work is done; the client times out before the answer
        await answer(send, status, out, extra)

    # --- routing
    def route(
        self, method: str, path: str, query: str, h: dict[str, str], body: bytes
    ) -> tuple[int, Any, dict[str, str]]:
        if path == "/_stats" and method == "GET":
            return 200, self.s.stats(), {}
        if path == "/oauth/v2/accessToken" and method == "POST":
            return self.access_token(h, body)
        if path == "/v2/userinfo" and method == "GET":
            m = self.bearer(h)
            return (
                200,
                {
                    "sub": m.sub,
                    "name": m.name,
                    "given_name": m.name.split()[0],
                    "family_name": m.name.split()[-1],
                    "picture": f"https://media.example/{m.sub}.jpg",
                    "locale": {"country": "US", "language": "en"},
                    "email": m.email,
                    "email_verified": m.email_verified,
                },
                {},
            )
        if path.startswith("/upload/") and method == "PUT":
            return self.upload(path, h, body)
        if path.startswith("/rest/"):
            member = self.rest_headers(h, method)
            return self.rest(method, path[len("/rest/") :], query, member, body)
        raise _err(404, f"no route {method} {path}")

    def violation(self, message: str) -> Reply:
        self.s.errors.append(message)
        return _err(400, message)

    def bearer(self, h: dict[str, str]) -> Member:
        auth = h.get("authorization", "")
        if self.s.trust_tokens and auth.startswith("Bearer ") and auth[7:] not in self.s.tokens:
            return Member(sub="", name="Trusted Member", email="trusted@example.com")  # the post's author
        if not auth.startswith("Bearer ") or auth[7:] not in self.s.tokens:
            raise _err(401, "Invalid access token", "REVOKED_ACCESS_TOKEN")
        return self.s.tokens[auth[7:]]

    def rest_headers(self, h: dict[str, str], method: str) -> Member:
        member = self.bearer(h)
        version = h.get("linkedin-version")
        if not version:
            raise _err(
                400,
                "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
                "VERSION_MISSING",
            )
        if version != VERSION:
            raise _err(426, f"Requested version {version} is not active", "NONEXISTENT_VERSION")
        if h.get("x-restli-protocol-version") != "2.0.0":
            raise self.violation("X-Restli-Protocol-Version: 2.0.0 is required")
        if method in ("POST", "PUT") and not h.get("content-type", "").startswith("application/json"):
            raise self.violation("Content-Type application/json is required")
        return member

    def access_token(self, h: dict[str, str], body: bytes) -> tuple[int, Any, dict[str, str]]:
        if not h.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            raise self.violation("the token endpoint takes a form")
        form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            raise Reply(401, {"error": "invalid_client", "error_description": "Client authentication failed"})
        grant = form.get("grant_type")
        if grant == "authorization_code":
            if not form.get("redirect_uri"):
                raise self.violation("redirect_uri is required")
            member = self.s.codes.pop(form.get("code", ""), None)
        elif grant == "refresh_token":
            member = self.s.refresh_tokens.get(form.get("refresh_token", ""))
        else:
            raise self.violation(f"unknown grant_type {grant!r}")
        if member is None:
            raise Reply(
                400,
                {
                    "error": "invalid_grant",
                    "error_description": "The authorization code or refresh token is invalid or expired",
                },
            )
        out: dict[str, Any] = {
            "access_token": self.s.token_for(member),
            "expires_in": 5_184_000,
            "scope": "openid,profile,email,w_member_social",
        }
        if self.s.issue_refresh_tokens:
            refresh = form.get("refresh_token") or "AQW" + secrets.token_urlsafe(24)
            self.s.refresh_tokens[refresh] = member
            out |= {"refresh_token": refresh, "refresh_token_expires_in": 31_536_000}
        return 200, out, {}

    def upload(self, path: str, h: dict[str, str], body: bytes) -> tuple[int, Any, dict[str, str]]:
        self.bearer(h)
        urn = self.s.uploads.get(path)
        if urn is None:
            raise _err(404, "unknown upload URL")
        self.s.media[urn]["uploaded"] = True
        self.s.media[urn]["size"] = len(body)
        return 201, None, {}

    def rest(
        self, method: str, resource: str, query: str, member: Member, raw: bytes
    ) -> tuple[int, Any, dict[str, str]]:
        data = json.loads(raw) if raw else {}
        q = {k: v[0] for k, v in parse_qs(query).items()}
        if method == "POST" and resource in ("images", "documents") and q.get("action") == "initializeUpload":
            owner = data.get("initializeUploadRequest", {}).get("owner")
            if owner != member.urn:
                raise self.violation("initializeUploadRequest.owner must be the token's member")
            kind = "image" if resource == "images" else "document"
            urn = f"urn:li:{kind}:D4E{next(self.s.ids)}"
            upload_path = f"/upload/{secrets.token_urlsafe(8)}"
            self.s.media[urn] = {"owner": owner, "uploaded": False, "kind": kind}
            self.s.uploads[upload_path] = urn
            value = {
                "uploadUrl": f"{self.base_url}{upload_path}?sig=secret",
                kind: urn,
                "uploadUrlExpiresAt": int(time.time() * 1000) + 3_600_000,
            }
            return 200, {"value": value}, {}
        if method == "POST" and resource == "posts":
            self.s.post_requests += 1
            if self.s.fail_next:
                status = self.s.fail_next.pop(0)
                raise _err(status, "simulated failure")
            if not member.sub and isinstance(data.get("author"), str):  # a trusted token: the author speaks
                member = Member(sub=data["author"].rsplit(":", 1)[-1], name=member.name, email=member.email)
            return self.create_post(member, data)
        if method == "DELETE" and resource.startswith("posts/"):
            urn = unquote(resource[len("posts/") :])
            if urn not in self.s.posts:
                raise _err(404, "Not found")
            del self.s.posts[urn]
            return 204, None, {}
        if method == "POST" and resource.startswith("socialActions/") and resource.endswith("/comments"):
            post_urn = unquote(resource[len("socialActions/") : -len("/comments")])
            if (
                post_urn not in self.s.posts
                or data.get("object") != post_urn
                or data.get("actor") != member.urn
            ):
                raise self.violation("comment needs actor = member and object = an existing post")
            text = data.get("message", {}).get("text")
            if not isinstance(text, str):
                raise self.violation("message.text is required")
            urn = f"urn:li:comment:({post_urn},{next(self.s.ids)})"
            self.s.comments[urn] = {"post": post_urn, "text": text, "rendered": rendered(text)}
            return 201, {"id": urn.rsplit(",", 1)[1][:-1], "commentUrn": urn}, {"x-restli-id": urn}
        if method == "POST" and resource == "reactions":
            if q.get("actor") != member.urn or data.get("root") not in self.s.posts:
                raise self.violation("reaction needs ?actor=member and an existing root")
            self.s.reactions.append({"actor": member.urn, **data})
            return 201, None, {}
        raise _err(404, f"no resource {method} {resource}")

    def create_post(self, member: Member, d: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        expected = {
            "visibility": "PUBLIC",
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
        }
        for key, value in expected.items():
            if d.get(key) != value:
                raise self.violation(f"{key} must be {value!r}, got {d.get(key)!r}")
        if d.get("author") != member.urn:
            raise _err(
                403,
                "Unpermitted fields present in REQUEST_BODY: Data Processing Exception while "
                "processing fields [/author]",
                "ACCESS_DENIED",
            )
        commentary = d.get("commentary")
        if not isinstance(commentary, str):
            raise self.violation("commentary is required")
        content = d.get("content")
        media_ids: list[str] = []
        if content is not None:
            if "media" in content:
                media_ids = [content["media"].get("id")]
                kind = self.s.media.get(media_ids[0], {}).get("kind")
                if kind == "document" and not content["media"].get("title"):
                    raise self.violation("content.media.title is required for documents")
            elif "multiImage" in content:
                media_ids = [img.get("id") for img in content["multiImage"].get("images", [])]
                if len(media_ids) < 2:
                    raise self.violation("multiImage takes 2 or more images")
            else:
                raise self.violation(f"unknown content {list(content)}")
            for mid in media_ids:
                m = self.s.media.get(mid)
                if m is None or not m["uploaded"] or m["owner"] != member.urn:
                    raise _err(422, f"/content/media/id :: {mid} is not an uploaded asset of the author")
        for urn, post in self.s.posts.items():  # LinkedIn's duplicate detection: same author, same text
            if post["author"] == member.urn and post["commentary"] == commentary:
                self.s.duplicate_answers += 1
                raise _err(
                    422,
                    f"ERROR :: /commentary :: duplicate post. Content is a duplicate of {urn}",
                    "DUPLICATE_POST",
                )
        self.s.created[(member.urn, commentary, json.dumps(content or {}, sort_keys=True))] += 1
        urn = f"urn:li:share:{next(self.s.ids)}"
        self.s.posts[urn] = {**d, "rendered": rendered(commentary), "media_ids": media_ids}
        return 201, None, {"x-restli-id": urn, "x-linkedin-id": urn}


@contextmanager
def serve(state: WireState | None = None) -> Iterator[tuple[str, WireState]]:
    """Run a fresh wire server on a loopback port; yields its base URL and its state."""
    state = state or WireState()
    app = WireApp(state)
    with LoopbackServer(app) as base:
        app.base_url = base  # upload URLs point back at this server
        yield base, state
