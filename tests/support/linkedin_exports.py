"""LinkedIn's exports as a member downloads them: the data archive (ZIP of CSVs) and the creator
analytics workbook."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from openpyxl import Workbook

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
    """A LinkedIn data archive with every CSV the import reads (odd names and folders included)."""
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


def creator_workbook(new_format: bool) -> bytes:
    """A creator analytics workbook in LinkedIn's old (numbers, dates) or new (text cells) format."""
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
