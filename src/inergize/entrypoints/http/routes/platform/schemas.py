"""Response bodies of the platform routes."""

from __future__ import annotations

from inergize.entrypoints.http.schemas import ResponseBody


class PingOut(ResponseBody, kw_only=True):
    token: str
    runs: int
