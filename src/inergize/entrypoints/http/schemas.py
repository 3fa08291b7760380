"""HTTP schemas: msgspec Structs with camelCase names. Requests forbid unknown fields."""

from __future__ import annotations

from typing import TypeVar

import msgspec
from litestar.openapi import ResponseSpec
from litestar.response.base import ASGIResponse
from litestar.types import Receive, Scope, Send


class ResponseBody(msgspec.Struct, rename="camel"):
    """Base of every response body."""


class RequestBody(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    """Base of every request body: an unknown field is an error, not silently dropped."""


Body = TypeVar("Body", bound=ResponseBody)
Command = TypeVar("Command", bound=msgspec.Struct)


def body_of(value: object, schema: type[Body]) -> Body:
    """A domain Struct (or any object) as response ``schema``: fields are matched by their Python names,
    nested Structs become the schema's nested bodies, and the schema's base writes them in camelCase."""
    return msgspec.convert(value, schema, from_attributes=True)


def command_of(body: RequestBody, command: type[Command]) -> Command:
    """A request body as the use case's ``command``: fields are matched by their Python names and nested
    bodies become the command's nested Structs (the reverse of :func:`body_of`)."""
    return msgspec.convert(body, command, from_attributes=True)


class EncodedAnswer(ASGIResponse):
    """A 200 whose body is already JSON, as the ASGI answer itself: Litestar's own sets up a mutable
    header map, cookies and background tasks on every request, none of which such an answer has."""

    def __init__(self, body: bytes) -> None:  # ASGIResponse's own set-up skipped on purpose
        self.body = body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", b"%d" % len(self.body))]})
        await send({"type": "http.response.body", "body": self.body, "more_body": False})


def encoded_answer(body: bytes) -> ASGIResponse:
    """An answer whose ``body`` is already JSON (kept so in a read cache), sent as it is and as the ASGI
    answer itself: no ``Response`` built and then converted on every request. Its route names the schema
    for the OpenAPI document with ``responses={200: encoded_spec(Schema)}``."""
    return EncodedAnswer(body)


def encoded_spec(schema: type[Body]) -> ResponseSpec:
    """The OpenAPI entry of a route answering :func:`encoded_answer`: ``schema`` as its 200 body."""
    return ResponseSpec(data_container=schema, description="Request fulfilled, document follows",
                        generate_examples=False)
