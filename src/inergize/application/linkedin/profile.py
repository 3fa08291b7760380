"""Profile sync and the completeness score with its roadmap."""

from __future__ import annotations

import msgspec

from inergize.application.linkedin.deps import LinkedInDeps
from inergize.application.linkedin.member_calls import call_as_member
from inergize.domain.accounts.users import Principal
from inergize.domain.linkedin.account import Education, LinkedInProfile, Position
from inergize.domain.linkedin.network import PROFILE_BASICS, ProfileSnapshot
from inergize.domain.linkedin.profile_score import ProfileScore, ScoredProfile, score_profile


def merge_snapshot(profile: LinkedInProfile, snap: ProfileSnapshot, source: str) -> LinkedInProfile:
    """``profile`` updated with what ``snap`` knows; what it does not know (empty) is kept, so a sync
    through an adapter that sees little never erases what an export import brought."""
    p = msgspec.structs.replace(profile)
    for field in PROFILE_BASICS:
        value = getattr(snap, field)
        if value:
            setattr(p, field, value)
    if snap.positions:
        p.positions = [msgspec.convert(x, Position) for x in snap.positions]
    if snap.education:
        p.education = [msgspec.convert(x, Education) for x in snap.education]
    for field in ("skills", "featured"):
        if getattr(snap, field):
            setattr(p, field, list(getattr(snap, field)))
    p.recommendations = max(p.recommendations, snap.recommendations)
    p.connections = snap.connections or p.connections
    p.sources = sorted({*p.sources, source})
    return p


def scored(profile: LinkedInProfile, score: ProfileScore) -> ScoredProfile:
    return ScoredProfile(profile=profile, score=score.score, checks=score.checks, roadmap=score.roadmap)


async def save_scored(ports: LinkedInDeps, profile: LinkedInProfile) -> ScoredProfile:
    score = score_profile(profile)
    profile.completeness_score = score.score
    async with ports.uow_factory() as uow:
        await uow.linkedin.save_profile(profile, ports.clock.now())
        await uow.commit()
    return scored(profile, score)


async def sync_profile(*, principal: Principal, ports: LinkedInDeps) -> ScoredProfile:
    """Read the member's profile through the gateway, merge, score and store it (``last_sync_at``)."""
    snap = await call_as_member(ports, principal.user_id, ports.gateway.profile)
    async with ports.uow_factory(read_only=True) as uow:
        current = await uow.linkedin.get_profile(principal.user_id) or LinkedInProfile(
            user_id=principal.user_id
        )
    merged = merge_snapshot(current, snap, ports.gateway.capabilities().adapter)
    merged.last_sync_at = ports.clock.now()
    return await save_scored(ports, merged)


async def get_profile(*, principal: Principal, ports: LinkedInDeps) -> ScoredProfile:
    """The stored profile with its score and roadmap (an empty profile scores what it scores)."""
    async with ports.uow_factory(read_only=True) as uow:
        profile = await uow.linkedin.get_profile(principal.user_id) or LinkedInProfile(
            user_id=principal.user_id
        )
    return scored(profile, score_profile(profile))
