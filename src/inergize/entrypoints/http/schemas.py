"""HTTP schemas: msgspec Structs with camelCase names. Requests forbid unknown fields."""

from __future__ import annotations

import msgspec


class ResponseBody(msgspec.Struct, rename="camel"):
    """Base of every response body."""


class RequestBody(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    """Base of every request body: an unknown field is an error, not silently dropped."""
