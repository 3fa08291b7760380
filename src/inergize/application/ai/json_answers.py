"""Reading the JSON answers of JSON tasks (carousel plans, profile proposals, banner taglines)."""

from __future__ import annotations

from typing import Any

import msgspec

from inergize.domain.ai.generation import OFFLINE, TextAnswer


def extract_object(text: str) -> dict[str, Any] | None:
    """The first JSON object in ``text`` (models wrap JSON in prose or code fences), or None."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        value = msgspec.json.decode(text[start : end + 1].encode())
    except msgspec.DecodeError:
        return None
    return value if isinstance(value, dict) else None


def parsed_or_draft(
    answer: TextAnswer, draft: dict[str, Any], valid: Any
) -> tuple[dict[str, Any], TextAnswer]:
    """The provider's JSON when ``valid(obj)``; else the offline draft, labelled as such, with the
    provider's unreadable answer listed among the attempts."""
    obj = extract_object(answer.text)
    if obj is not None and valid(obj):
        return obj, answer
    if answer.offline:
        return draft, answer
    relabelled = msgspec.structs.replace(
        answer,
        provider=OFFLINE,
        model="templates",
        tokens_in=0,
        tokens_out=0,
        attempts=(*answer.attempts, f"{answer.provider}:malformed"),
    )
    return draft, relabelled
