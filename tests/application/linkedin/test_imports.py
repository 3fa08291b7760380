"""Imports of LinkedIn's exports: the data archive (tolerant CSVs, hostile ZIPs refused) and the creator
analytics workbook (old and new formats, deduplicated on re-import)."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from typing import Any

import pytest

from inergize.domain.linkedin.creator_analytics import as_fraction, parse_creator_analytics
from inergize.domain.linkedin.export import parse_export, read_zip_csvs
from inergize.domain.platform.errors import ValidationFailed
from tests.support.linkedin_exports import creator_workbook, export_zip, make_zip


def test_archive_is_parsed_tolerantly() -> None:
    data = parse_export(read_zip_csvs(export_zip(), max_total_bytes=10**7))
    assert (
        data.profile["full_name"] == "Grace Hopper"
        and data.profile["headline"] == "Rear admiral, compiler pioneer"
    )
    assert data.profile["summary"] == "I taught computers English.\nAnd found a moth."
    assert [c["name"] for c in data.connections] == ["Ada Lovelace", "Alan Turing"]
    assert data.connections[0]["connected_on"] == datetime(2024, 3, 15, tzinfo=UTC)
    assert data.connections[1]["position"] == "Cryptanalyst, senior"
    assert data.positions[0]["company"] == "US Navy" and data.positions[0]["finished_on"] == ""
    assert len(data.skills) == 5 and data.education[0]["school"] == "Yale"
    assert (
        data.shares[0]["commentary"] == "A post, with commas\nand lines"
        and data.recommendations_received == 1
    )


@pytest.mark.parametrize(
    ("archive", "code"),
    [
        (b"not a zip at all", "export_not_zip"),
        (make_zip({"../../etc/passwd.csv": "Name\nx\n"}), "export_unsafe_path"),
        (make_zip({"/abs/Skills.csv": "Name\nx\n"}), "export_unsafe_path"),
        (make_zip({"a/../../Skills.csv": "Name\nx\n"}), "export_unsafe_path"),
        (make_zip({"bomb.csv": b"0" * (30 * 1024 * 1024)}), "export_zip_bomb"),
        (make_zip({"Big.csv": b"a,b\n" * 300_000}, zipfile.ZIP_STORED), "export_too_large"),
        (make_zip({"readme.txt": "hello"}), "export_unrecognised"),
    ],
)
def test_hostile_or_wrong_archives_are_refused_clearly(archive: bytes, code: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        parse_export(read_zip_csvs(archive, max_total_bytes=1_000_000))
    assert info.value.code == code


@pytest.mark.parametrize("new_format", [False, True])
def test_creator_analytics_old_and_new_formats(new_format: bool) -> None:
    from inergize.adapters.spreadsheets import OpenpyxlWorkbookReader

    now = datetime(2024, 10, 1, tzinfo=UTC)
    events = parse_creator_analytics(OpenpyxlWorkbookReader().read(creator_workbook(new_format)), now)
    got = {(e.event_type, e.subject, e.value) for e in events}
    assert {
        ("period_impressions", "account", 12345),
        ("period_members_reached", "account", 4567),
        ("impressions", "account", 1200),
        ("engagements", "account", 12),
        ("post_engagements", "https://li/p1", 50),
        ("post_impressions", "https://li/p1", 3000),
        ("followers_total", "account", 2500),
        ("new_followers", "account", 7),
        ("follower_demographic", "job_titles:Engineer", 1200),
    } <= got
    assert len({e.dedupe_key for e in events}) == len(events)


def test_percentages_in_every_spelling() -> None:
    assert as_fraction("2%") == 0.02 and as_fraction(0.02) == 0.02 and as_fraction("< 1%") == 0.005
    assert as_fraction("n/a") is None


def test_a_non_export_workbook_is_refused() -> None:
    with pytest.raises(ValidationFailed):
        parse_creator_analytics({"Sheet1": [["a", "b"]]}, datetime(2024, 1, 1, tzinfo=UTC))


async def test_uploads_fill_profile_network_and_history_once(client: Any, make_user: Any) -> None:
    user = await make_user()
    headers = {**user.headers, "Content-Type": "application/zip"}
    r = await client.post("/v1/linkedin/imports/data-export", content=export_zip(), headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["connections"] == 2 and body["posts"] == 1 and body["eventsAdded"] == 3 and body["score"] > 0
    again = await client.post("/v1/linkedin/imports/data-export", content=export_zip(), headers=headers)
    assert again.json()["eventsAdded"] == 0
    profile = (await client.get("/v1/linkedin/profile", headers=user.headers)).json()
    assert (
        profile["profile"]["headline"] == "Rear admiral, compiler pioneer"
        and "export" in profile["profile"]["sources"]
    )
    bad = await client.post(
        "/v1/linkedin/imports/data-export", content=make_zip({"../x.csv": "a"}), headers=headers
    )
    assert bad.status_code == 422 and bad.json()["code"] == "export_unsafe_path"
    xlsx = {
        **user.headers,
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    r = await client.post("/v1/linkedin/imports/creator-analytics", content=creator_workbook(True), headers=xlsx)
    assert r.status_code == 200, r.text
    assert r.json()["eventsAdded"] == r.json()["eventsFound"] > 0
    r = await client.post("/v1/linkedin/imports/creator-analytics", content=creator_workbook(False), headers=xlsx)
    assert r.json()["eventsAdded"] == 0  # the same data in the older format: nothing twice
    r = await client.post("/v1/linkedin/imports/creator-analytics", content=b"garbage", headers=xlsx)
    assert r.status_code == 422
