"""Request and response bodies of /v1/ai."""

from __future__ import annotations

import uuid
from typing import Any

from inergize.entrypoints.http.schemas import RequestBody, ResponseBody


class BrandIn(RequestBody, kw_only=True):
    primary: str = "#0A66C2"
    background: str = "#FFFFFF"
    text: str = "#1D2226"


class PostsIn(RequestBody, kw_only=True):
    topic: str
    post_type: str = "story"
    variants: int = 1
    regenerate: bool = False
    industry: str | None = None
    tone: str | None = None
    save: bool = True


class CarouselIn(RequestBody, kw_only=True):
    topic: str
    slides: int = 5
    industry: str | None = None
    tone: str | None = None
    brand: BrandIn | None = None
    regenerate: bool = False


class BannerIn(RequestBody, kw_only=True):
    headline: str | None = None
    subline: str | None = None
    topic: str = ""
    template: str = "gradient"
    brand: BrandIn | None = None
    ai_background: bool = False


class ProfileIn(RequestBody, kw_only=True):
    regenerate: bool = False


class PreferencesIn(RequestBody, kw_only=True):
    banned_phrases: list[str] = []
    brand: BrandIn | None = None


class JobOut(ResponseBody, kw_only=True):
    id: uuid.UUID
    kind: str
    status: str
    progress: int
    result: dict[str, Any]
    error: str | None
    links: dict[str, str]
