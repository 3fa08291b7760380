"""Imports of LinkedIn's exports: the data archive (tolerant CSVs, hostile ZIPs refused) and the creator
analytics workbook (old and new formats, deduplicated on re-import)."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import Any

import pytest
from openpyxl import Workbook

from inergize.domain.linkedin.creator_analytics import as_fraction, parse_creator_analytics
from inergize.domain.linkedin.export import parse_export, read_zip_csvs
from inergize.domain.platform.errors import ValidationFailed

BOM = "\ufeff"
CONNECTIONS = (
    BOM + 'Notes:\r\n"When exporting your connection data, you may notice that some of the email addresses '
    'are missing, commas, and all."\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,'
    "Connected On\r\nAda,Lovelace,https://www.linkedin.com/in/ada,,Analytical Engines,Founder,15 Mar 2024\r\n"
    'Alan,Turing,https://www.linkedin.com/in/alan,,Bletchley,"Cryptanalyst, senior",02 Jan 2023\r\n'
)
PROFILE = (
    "Last Name,First Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    'Twitter Handles,Websites,Instant Messengers\nHopper,Grace,,,,"Rear admiral, compiler pioneer",'
    '"I taught computers English.\nAnd found a moth.",Computer Software,,"New York, US",,,\n'
)
POSITIONS = (
    "Title,Company Name,Description,Location,Started On,Finished On\r\n"
    'Admiral,US Navy,"Led the COBOL effort, across teams",Arlington,Sep 1943,\r\n'
)
SKILLS = "Name\nCOBOL\nCompilers\nLeadership\nPublic Speaking\nMathematics\n"
EDUCATION = "School Name,Start Date,End Date,Notes,Degree Name,Activities\nYale,1930,1934,,PhD,\n"
SHARES = (
    "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n2025-09-22 21:06:44,"
    'https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1/,"A post, with commas\nand lines",,,'
    "MEMBER_NETWORK\n"
)


def make_zip(files: dict[str, str | bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, content in files.items():
            z.writestr(name, content)
    return buf.getvalue()


def export_zip() -> bytes:
    return make_zip(
        {
            "Connections.csv": CONNECTIONS,
            "PROFILE.CSV": PROFILE,
            "Positions.csv": POSITIONS,
            "skills.csv": SKILLS,
            "Basic_LinkedInDataExport/Education.csv": EDUCATION,
            "Shares.csv": SHARES,
            "Recommendations_Received.csv": "First Name,Last Name\nA,B\n",
        }
    )


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


def _workbook(new_format: bool) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    num = (lambda v: f"{v:,}") if new_format else (lambda v: v)
    d = wb.create_sheet("DISCOVERY")
    d.append(["Overall Performance", "9/1/2024 - 9/30/2024"])
    d.append(["Impressions", num(12345)])
    d.append(["Members reached", num(4567)])
    e = wb.create_sheet("ENGAGEMENT")
    e.append(["Date", "Impressions", "Engagements"])
    e.append(["9/1/2024" if new_format else datetime(2024, 9, 1), num(1200), num(35)])
    e.append(["9/2/2024" if new_format else datetime(2024, 9, 2), num(800), num(12)])
    t = wb.create_sheet("TOP POSTS")
    t.append(["Maximum of 50 posts available to include in this list"])
    t.append([])
    t.append(
        ["Post URL", "Post publish date", "Engagements", None, "Post URL", "Post publish date", "Impressions"]
    )
    t.append(["https://li/p1", "9/3/2024", num(50), None, "https://li/p1", "9/3/2024", num(3000)])
    f = wb.create_sheet("FOLLOWERS")
    f.append(["Total followers on 9/30/2024:", num(2500)])
    f.append([])
    f.append(["Date", "New followers"])
    f.append(["9/1/2024", num(7)])
    g = wb.create_sheet("DEMOGRAPHICS")
    g.append(["Top Demographics", "Value", "Percentage"])
    g.append(["Job title" if new_format else "Job titles", "Engineer", "12%" if new_format else 0.12])
    g.append(["Locations", "Berlin", "< 1%" if new_format else 0.004])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("new_format", [False, True])
def test_creator_analytics_old_and_new_formats(new_format: bool) -> None:
    from inergize.adapters.spreadsheets import OpenpyxlWorkbookReader

    now = datetime(2024, 10, 1, tzinfo=UTC)
    events = parse_creator_analytics(OpenpyxlWorkbookReader().read(_workbook(new_format)), now)
    got = {(e.event_type, e.subject, e.value) for e in events}
    assert ("period_impressions", "account", 12345) in got and (
        "period_members_reached",
        "account",
        4567,
    ) in got
    assert ("impressions", "account", 1200) in got and ("engagements", "account", 12) in got
    assert ("post_engagements", "https://li/p1", 50) in got and (
        "post_impressions",
        "https://li/p1",
        3000,
    ) in got
    assert ("followers_total", "account", 2500) in got and ("new_followers", "account", 7) in got
    assert ("follower_demographic", "job_titles:Engineer", 1200) in got
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
    r = await client.post("/v1/linkedin/imports/creator-analytics", content=_workbook(True), headers=xlsx)
    assert r.status_code == 200, r.text
    assert r.json()["eventsAdded"] == r.json()["eventsFound"] > 0
    r = await client.post("/v1/linkedin/imports/creator-analytics", content=_workbook(False), headers=xlsx)
    assert r.json()["eventsAdded"] == 0  # the same data in the older format: nothing twice
    r = await client.post("/v1/linkedin/imports/creator-analytics", content=b"garbage", headers=xlsx)
    assert r.status_code == 422
