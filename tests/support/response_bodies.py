"""Oracles for the HTTP answers written by response schemas: the JSON the routes answered when they
camelized use-case results by hand, and the JSON a response body encodes to."""

from __future__ import annotations

from typing import Any

import msgspec

from inergize.entrypoints.http.schemas import ResponseBody


def former_json(value: Any, *, data_keys: frozenset[str] = frozenset()) -> Any:
    """``value`` as builtins with every key, at any depth, in camelCase; the values under ``data_keys``
    are data (names the API answers as they are), so their own keys stay as they were."""

    def camel(key: str) -> str:
        head, *rest = key.split("_")
        return head + "".join(w[:1].upper() + w[1:] for w in rest)

    def conv(obj: Any) -> Any:
        if isinstance(obj, dict):
            return {camel(k): (v if k in data_keys else conv(v)) for k, v in obj.items()}
        if isinstance(obj, list | tuple):
            return [conv(v) for v in obj]
        return obj

    return conv(msgspec.to_builtins(value))


def as_json(body: ResponseBody) -> Any:
    """The JSON ``body`` is sent as, decoded."""
    return msgspec.json.decode(msgspec.json.encode(body))
