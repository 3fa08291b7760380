"""The content library's rules on the in-memory unit of work (fast; the HTTP walk and both databases are
tests/http/content/): every edit is a new draft version, only moderation makes the current one ready,
the reasons stay on the draft, a stale version is refused, and nobody reaches another user's content."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inergize.application.content import library as uc
from inergize.domain.ai.generation import ContentPreferences
from inergize.domain.content.library import VersionState
from inergize.domain.platform.errors import ComplianceBlocked, Conflict, NotFound, PreconditionFailed
from tests.fakes.ai import WordModerator
from tests.fakes.clock import FakeClock
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.support.content import BLOCKED_TEXTS
from tests.support.memory_users import MemoryUser, add_memory_user

CLEAN = "Shipping beats perfect.\n\nWhat did you ship this week?"


async def _create(database: InMemoryDatabase, user: MemoryUser, clock: FakeClock, body: str = CLEAN) -> uuid.UUID:
    item = await uc.create_content(uc.CreateContent(title="t", body=body), principal=user.principal,
                                   uow_factory=database, clock=clock)
    return item.id


async def _ready(database: InMemoryDatabase, user: MemoryUser, clock: FakeClock, content_id: uuid.UUID,
                 version: int, moderator: WordModerator | None = None) -> None:
    await uc.mark_ready(content_id, expected_version=version, principal=user.principal, uow_factory=database,
                        clock=clock, moderator=moderator)


async def test_a_clean_draft_becomes_ready_and_an_edit_needs_moderation_again(clock: FakeClock) -> None:
    database = InMemoryDatabase()
    user = await add_memory_user(database)
    content_id = await _create(database, user, clock)
    await _ready(database, user, clock, content_id, 1)
    ready = await uc.get_ready_version(content_id, principal=user.principal, uow_factory=database)
    assert ready.number == 1 and ready.text == CLEAN and ready.media == ()

    edited = await uc.edit_content(content_id, uc.EditContent(body="Edited text."), expected_version=2,
                                   principal=user.principal, uow_factory=database, clock=clock)
    assert edited.state is VersionState.DRAFT and edited.version == 3
    versions = await uc.list_versions(content_id, principal=user.principal, uow_factory=database)
    assert [(v.number, v.state) for v in versions] == [(2, VersionState.DRAFT), (1, VersionState.READY)]
    with pytest.raises(Conflict) as refused:
        await uc.get_ready_version(content_id, principal=user.principal, uow_factory=database)
    assert refused.value.code == "content_not_ready"


@pytest.mark.parametrize(("body", "code"), BLOCKED_TEXTS)
async def test_moderation_blocks_with_the_reason_kept_on_the_draft(clock: FakeClock, body: str, code: str) -> None:
    database = InMemoryDatabase()
    user = await add_memory_user(database)
    content_id = await _create(database, user, clock, body)
    with pytest.raises(ComplianceBlocked) as blocked:
        await _ready(database, user, clock, content_id, 1)
    assert blocked.value.code == "moderation_blocked"
    item = await uc.get_content(content_id, principal=user.principal, uow_factory=database)
    (version,) = await uc.list_versions(content_id, principal=user.principal, uow_factory=database)
    assert item.state is VersionState.DRAFT and item.version == 1  # nothing but the reasons was written
    assert version.state is VersionState.DRAFT and code in [i.code for i in version.moderation]
    with pytest.raises(Conflict):
        await uc.get_ready_version(content_id, principal=user.principal, uow_factory=database)


async def test_the_users_banned_phrases_and_the_providers_verdict_block_too(clock: FakeClock) -> None:
    database = InMemoryDatabase()
    user = await add_memory_user(database)
    async with database() as uow:
        await uow.content_preferences.put(ContentPreferences(user_id=user.user.id, banned_phrases=("synergy",)),
                                          clock.now())
        await uow.commit()
    banned = await _create(database, user, clock, "Unlock SYNERGY today.")
    with pytest.raises(ComplianceBlocked):
        await _ready(database, user, clock, banned, 1)
    flagged = await _create(database, user, clock, "A perfectly nasty remark.")
    with pytest.raises(ComplianceBlocked):
        await _ready(database, user, clock, flagged, 1, WordModerator("nasty"))
    fine = await _create(database, user, clock)
    await _ready(database, user, clock, fine, 1, WordModerator("nasty"))


async def test_a_stale_version_is_refused_and_changes_nothing(clock: FakeClock) -> None:
    database = InMemoryDatabase()
    user = await add_memory_user(database)
    content_id = await _create(database, user, clock)
    with pytest.raises(PreconditionFailed):
        await _ready(database, user, clock, content_id, 7)
    with pytest.raises(PreconditionFailed):
        await uc.edit_content(content_id, uc.EditContent(body="late"), expected_version=2,
                              principal=user.principal, uow_factory=database, clock=clock)
    versions = await uc.list_versions(content_id, principal=user.principal, uow_factory=database)
    assert [(v.number, v.body, v.state) for v in versions] == [(1, CLEAN, VersionState.DRAFT)]


async def test_another_users_content_is_not_found_whatever_they_try(clock: FakeClock) -> None:
    database = InMemoryDatabase()
    owner, other = await add_memory_user(database), await add_memory_user(database)
    content_id = await _create(database, owner, clock)
    await _ready(database, owner, clock, content_id, 1)
    with pytest.raises(NotFound):
        await uc.get_ready_version(content_id, principal=other.principal, uow_factory=database)
    with pytest.raises(NotFound):
        await _ready(database, other, clock, content_id, 2)
    with pytest.raises(NotFound):
        await uc.edit_content(content_id, uc.EditContent(body="mine now"), expected_version=2,
                              principal=other.principal, uow_factory=database, clock=clock)
    with pytest.raises(NotFound):
        await uc.list_versions(content_id, principal=other.principal, uow_factory=database)


@given(st.lists(st.sampled_from(["edit", "ready"]), max_size=12))
async def test_versions_count_the_edits_and_only_the_newest_can_be_ready(steps: list[str]) -> None:
    clock, database = FakeClock(), InMemoryDatabase()
    user = await add_memory_user(database)
    content_id = await _create(database, user, clock)
    edits = 0
    for step in steps:
        item = await uc.get_content(content_id, principal=user.principal, uow_factory=database)
        if step == "edit":
            edits += 1
            await uc.edit_content(content_id, uc.EditContent(body=f"Edit number {edits}."),
                                  expected_version=item.version, principal=user.principal,
                                  uow_factory=database, clock=clock)
        else:
            await _ready(database, user, clock, content_id, item.version)
    versions = await uc.list_versions(content_id, principal=user.principal, uow_factory=database)
    assert [v.number for v in versions] == list(range(edits + 1, 0, -1))
    newest_ready = bool(steps) and steps[-1] == "ready"
    assert (versions[0].state is VersionState.READY) == newest_ready
    item = await uc.get_content(content_id, principal=user.principal, uow_factory=database)
    assert (item.state is VersionState.READY) == newest_ready
