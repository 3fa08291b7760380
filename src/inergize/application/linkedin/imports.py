"""Imports of what LinkedIn lets members export: the data archive (profile, network, posts) and the
creator analytics workbook (engagement history). Parsing runs in a worker thread, off the event loop."""

from __future__ import annotations

import asyncio
from typing import Any

from inergize.application.linkedin.deps import LinkedInDeps
from inergize.application.linkedin.profile import merge_snapshot, save_scored
from inergize.domain.accounts.users import Principal
from inergize.domain.linkedin.account import LinkedInProfile
from inergize.domain.linkedin.creator_analytics import AnalyticsImported, parse_creator_analytics
from inergize.domain.linkedin.export import ArchiveImported, ExportData, parse_export, read_zip_csvs
from inergize.domain.linkedin.network import ProfileSnapshot
from inergize.ports.workbook import WorkbookReader


def _parse_archive(data: bytes, max_total_bytes: int) -> ExportData:
    return parse_export(read_zip_csvs(data, max_total_bytes=max_total_bytes))


async def import_data_export(
    data: bytes, *, principal: Principal, ports: LinkedInDeps, max_total_bytes: int
) -> ArchiveImported:
    """Fill the profile from the archive, and record connections and own posts as analytics events
    (``connection_added``, ``post_published``), deduplicated so a second upload adds only what is new."""
    export = await asyncio.to_thread(_parse_archive, data, max_total_bytes)
    now = ports.clock.now()
    p = export.profile
    snap = ProfileSnapshot(
        full_name=p.get("full_name", ""),
        headline=p.get("headline", ""),
        summary=p.get("summary", ""),
        industry=p.get("industry", ""),
        location=p.get("location", ""),
        positions=export.positions,
        education=export.education,
        skills=export.skills,
        recommendations=export.recommendations_received,
        connections=len(export.connections),
    )
    events: list[dict[str, Any]] = []
    for c in export.connections:
        key = c["url"] or f"{c['name']}|{c['company']}"
        events.append(
            {
                "event_type": "connection_added",
                "subject": c["url"] or None,
                "value": 1,
                "payload": {"name": c["name"], "company": c["company"], "position": c["position"]},
                "source": "import",
                "dedupe_key": f"export:connection:{key}"[:300],
                "occurred_at": c["connected_on"] or now,
            }
        )
    for s in export.shares:
        if not s["link"]:
            continue
        events.append(
            {
                "event_type": "post_published",
                "subject": s["link"][:300],
                "value": 1,
                "payload": {
                    "commentary": s["commentary"],
                    "shared_url": s["shared_url"],
                    "media_url": s["media_url"],
                    "visibility": s["visibility"],
                },
                "source": "import",
                "dedupe_key": f"export:share:{s['link']}"[:300],
                "occurred_at": s["date"] or now,
            }
        )
    async with ports.uow_factory() as uow:
        added = await uow.linkedin.add_analytics_events(principal.user_id, events, now)
        current = await uow.linkedin.get_profile(principal.user_id) or LinkedInProfile(
            user_id=principal.user_id
        )
        await uow.commit()
    merged = merge_snapshot(current, snap, "export")
    merged.certifications = export.certifications or merged.certifications
    merged.languages = export.languages or merged.languages
    scored = await save_scored(ports, merged)
    return ArchiveImported(
        files=export.files, positions=len(export.positions), skills=len(export.skills),
        education=len(export.education), connections=len(export.connections), posts=len(export.shares),
        events_added=added, skipped_rows=export.skipped_rows, score=scored.score,
    )


async def import_creator_analytics(
    data: bytes, *, principal: Principal, ports: LinkedInDeps, reader: WorkbookReader
) -> AnalyticsImported:
    """Store the workbook's engagement, followers and demographics as ``analytics_events`` (source
    ``import``); a re-import of the same or an overlapping export adds nothing twice."""
    now = ports.clock.now()
    sheets = await asyncio.to_thread(reader.read, data)
    parsed = await asyncio.to_thread(parse_creator_analytics, sheets, now)
    events = [
        {
            "event_type": e.event_type,
            "subject": e.subject[:300],
            "value": e.value,
            "payload": e.payload,
            "source": "import",
            "dedupe_key": e.dedupe_key[:300],
            "occurred_at": e.occurred_at,
        }
        for e in parsed
    ]
    async with ports.uow_factory() as uow:
        added = await uow.linkedin.add_analytics_events(principal.user_id, events, now)
        await uow.commit()
    by_type: dict[str, int] = {}
    for e in parsed:
        by_type[e.event_type] = by_type.get(e.event_type, 0) + 1
    return AnalyticsImported(events_found=len(parsed), events_added=added, by_type=by_type, sheets=sorted(sheets))
