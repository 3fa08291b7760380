"""Minimal valid request bodies synthesised from the app's OpenAPI schema, so generic tests (cross-user,
bad input) can call routes written later without knowing them."""

from __future__ import annotations

from typing import Any


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def example(schema: dict[str, Any], components: dict[str, Any], uuid_value: str, depth: int = 0) -> Any:
    """A small value that satisfies ``schema``; uuids are ``uuid_value`` (another user's id)."""
    schema = _resolve(schema, components)
    if depth > 6:
        return None
    for key in ("oneOf", "anyOf"):
        if key in schema:
            options = [o for o in schema[key] if _resolve(o, components).get("type") != "null"]
            return example(options[0], components, uuid_value, depth + 1) if options else None
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {name: example(props[name], components, uuid_value, depth + 1)
                for name in schema.get("required", []) if name in props}
    if kind == "array":
        item = example(schema.get("items", {}), components, uuid_value, depth + 1)
        return [item] * max(1, schema.get("minItems", 1))
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return max(1.0, schema.get("minimum", 1.0))
    if kind == "boolean":
        return True
    fmt = schema.get("format")
    if fmt == "uuid":
        return uuid_value
    if fmt == "email":
        return "someone@example.com"
    if fmt == "date-time":
        return "2026-03-03T10:00:00Z"
    if fmt == "date":
        return "2026-03-03"
    return "x" * max(1, schema.get("minLength", 1))


_schemas: dict[int, dict[str, Any]] = {}


def openapi(app: Any) -> dict[str, Any]:
    """The app's OpenAPI document as a dict (built once per app: building it is slow)."""
    if id(app) not in _schemas:
        _schemas.clear()
        _schemas[id(app)] = app.openapi_schema.to_schema()
    return _schemas[id(app)]


def request_body(app: Any, method: str, path: str, uuid_value: str) -> Any:
    """A minimal body for ``method path`` (None when the route takes none)."""
    schema = openapi(app)
    op = schema["paths"].get(path, {}).get(method.lower(), {})
    content = op.get("requestBody", {}).get("content", {})
    json_schema = content.get("application/json", {}).get("schema")
    if json_schema is None:
        return None
    return example(json_schema, schema.get("components", {}).get("schemas", {}), uuid_value)
