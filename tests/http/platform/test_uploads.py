"""File uploads from a browser: every import route takes a ``multipart/form-data`` form with the file in
field ``file`` as well as the raw body API clients send, and says so in the OpenAPI document."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.support.linkedin_exports import creator_workbook, export_zip

PROBLEM = "application/problem+json"
CSV = b"text,time\nQueued post,next\n,next\n"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_ROUTES = {
    "/v1/schedule/imports": "text/csv",
    "/v1/linkedin/imports/data-export": "application/zip",
    "/v1/linkedin/imports/creator-analytics": XLSX,
}


async def test_a_csv_sent_as_a_form_is_imported_like_a_raw_one(client: Any, container: Any, make_user: Any,
                                                               clock: Any) -> None:
    from inergize.application.scheduling import bulk_csv as imp

    user = await make_user()
    r = await client.put("/v1/schedule/settings", json={"slots": [{"weekday": 2, "time": "08:30"}]},
                         headers={**user.headers, "If-Match": '"v0"'})  # "next" means the next free slot
    assert r.status_code == 200, r.text
    results = []
    for send in ({"files": {"file": ("schedule.csv", CSV, "text/csv")}},
                 {"content": CSV, "headers": {"Content-Type": "text/csv"}}):
        headers = {**user.headers, **send.pop("headers", {})}
        r = await client.post("/v1/schedule/imports", headers=headers, **send)
        assert r.status_code == 202, r.text
        await imp.run_import(uuid.UUID(r.json()["id"]), uow_factory=container.uow_factory(), clock=clock,
                             moderator=None)
        done = (await client.get(r.headers["location"], headers=user.headers)).json()
        results.append((done["state"], done["imported"], done["errors"]))
    assert results[0] == results[1] == ("done", 1, [{"line": 3, "reason": "text is empty."}]), results


async def test_linkedin_exports_sent_as_forms_are_imported(client: Any, make_user: Any) -> None:
    user = await make_user()
    r = await client.post("/v1/linkedin/imports/data-export", headers=user.headers,
                          files={"file": ("Basic_LinkedInDataExport.zip", export_zip(), "application/zip")})
    assert r.status_code == 200, r.text
    assert r.json()["connections"] == 2 and r.json()["posts"] == 1
    r = await client.post("/v1/linkedin/imports/creator-analytics", headers=user.headers,
                          files={"file": ("Content_2024.xlsx", creator_workbook(True), XLSX)})
    assert r.status_code == 200, r.text
    assert r.json()["eventsAdded"] == r.json()["eventsFound"] > 0


@pytest.mark.parametrize("path", list(IMPORT_ROUTES))
async def test_a_form_without_the_file_is_a_clear_422(client: Any, make_user: Any, path: str) -> None:
    user = await make_user()
    wrong_field = await client.post(path, headers=user.headers,
                                    files={"upload": ("x.csv", CSV, "text/csv")}, data={"note": "hi"})
    assert wrong_field.status_code == 422 and wrong_field.headers["content-type"].startswith(PROBLEM)
    problem = wrong_field.json()
    assert problem["code"] == "file_missing" and problem["type"].endswith("/file_missing")
    assert "'file'" in problem["detail"] and "note, upload" in problem["detail"]
    text_only = await client.post(path, headers=user.headers, files={"file": (None, "just text")})
    assert text_only.status_code == 422 and text_only.json()["code"] == "file_missing"
    empty = await client.post(path, headers=user.headers, files={"file": ("x.csv", b"", "text/csv")})
    assert empty.status_code == 422 and empty.json()["code"] == "file_missing"
    no_body = await client.post(path, headers={**user.headers, "Content-Type": IMPORT_ROUTES[path]})
    assert no_body.status_code == 422 and no_body.json()["code"] == "file_missing"


async def test_a_form_upload_has_the_larger_upload_limit(client: Any, make_user: Any, container: Any) -> None:
    user = await make_user()
    big = b"PK" + b"\0" * (container.settings().max_body_bytes * 2)
    r = await client.post("/v1/linkedin/imports/data-export", headers=user.headers,
                          files={"file": ("export.zip", big, "application/zip")})
    assert r.status_code == 422 and r.json()["code"] != "file_missing", r.text  # read, then refused as a bad ZIP


async def test_openapi_declares_the_raw_body_and_the_form(client: Any) -> None:
    from tests.support.openapi_bodies import openapi

    doc = openapi(client.app)
    for path, media_type in IMPORT_ROUTES.items():
        body = doc["paths"][path]["post"]["requestBody"]
        assert body["required"] is True
        assert body["content"][media_type]["schema"] == {"type": "string", "format": "binary"}
        form = body["content"]["multipart/form-data"]["schema"]
        assert form["required"] == ["file"] and form["properties"]["file"]["format"] == "binary"
