"""Bodies a handler handles itself, declared in the OpenAPI document all the same: request files sent
raw or as a multipart form, request bodies whose shape depends on a header, and empty answers that
carry cookies.

Litestar documents only a ``data`` parameter and the return annotation; a handler that reads
``request.body()`` declares its body with ``operation_class=declared_body(...)``, so generated clients
still type it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

import msgspec
from litestar import Request
from litestar.enums import RequestEncodingType
from litestar.exceptions import ValidationException
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Operation, RequestBody, Schema

from inergize.domain.platform.errors import ValidationFailed

T = TypeVar("T")
FILE_FIELD = "file"
_BINARY = Schema(type=OpenAPIType.STRING, format="binary")  # type: ignore[arg-type]


def declared_body(body: RequestBody) -> type[Operation]:
    """An Operation class whose request body is ``body``, whatever the handler's signature says."""

    @dataclass
    class DeclaredBody(Operation):
        declared_body = body  # read by openapi.py: this operation has a body

        def __post_init__(self) -> None:
            self.request_body = body

    return DeclaredBody


def no_content(status: str = "204") -> type[Operation]:
    """An Operation class whose ``status`` answer has no body: for a handler that returns
    ``Response[None]`` (to set cookies), which Litestar would otherwise document as a JSON null."""

    @dataclass
    class NoContent(Operation):
        def __post_init__(self) -> None:
            answer = (self.responses or {}).get(status)
            if isinstance(answer, OpenAPIResponse):
                answer.content = None

    return NoContent


def file_upload(*media_types: str, description: str) -> type[Operation]:
    """A file as the raw body (any of ``media_types``) or as field ``file`` of a multipart form."""
    form = Schema(type=OpenAPIType.OBJECT, properties={FILE_FIELD: _BINARY}, required=[FILE_FIELD])
    content = {t: OpenAPIMediaType(schema=_BINARY) for t in media_types}
    content[RequestEncodingType.MULTI_PART.value] = OpenAPIMediaType(schema=form)
    return declared_body(RequestBody(content=content, required=True, description=description))


async def uploaded_file(request: Request[Any, Any, Any]) -> bytes:
    """The bytes of the uploaded file: field ``file`` of a ``multipart/form-data`` body (what a browser's
    form sends), or else the raw body. Empty or missing is a 422 naming what to send."""
    content_type, _ = request.content_type
    if content_type == RequestEncodingType.MULTI_PART:
        form = await request.form()
        upload = form.get(FILE_FIELD)
        if upload is None or isinstance(upload, str):
            fields = ", ".join(sorted(form.keys())) or "none"
            raise ValidationFailed(f"Send the file in the form field '{FILE_FIELD}' (fields received: {fields}).",
                                   field=FILE_FIELD, code="file_missing")
        try:
            data: bytes = await upload.read()
        finally:
            await upload.close()
        if not data:
            raise ValidationFailed(f"The file in the form field '{FILE_FIELD}' is empty.", field=FILE_FIELD,
                                   code="file_missing")
        return data
    body = await request.body()
    if not body:
        raise ValidationFailed(f"Send the file as the request body or as the form field '{FILE_FIELD}'.",
                               field="body", code="file_missing")
    return body


def decode_json(raw: bytes, type_: type[T], *, empty: T | None = None) -> T:
    """``raw`` decoded as ``type_``, refused as Litestar refuses a bad ``data`` (400 problem); an empty
    body is ``empty`` when given."""
    if not raw.strip() and empty is not None:
        return empty
    try:
        return msgspec.json.decode(raw, type=type_)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise ValidationException(detail=f"The JSON body is not valid: {exc}") from exc
