"""Embedding InErgize in Python: a typed async façade over the same use cases HTTP and workers call.

    async with inergize.open() as app:
        user = await app.users.create("ada@example.com")
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from inergize.application.accounts import users
from inergize.application.accounts.deps import AccountDeps
from inergize.application.content import library as content_library
from inergize.application.content.deps import ContentDeps
from inergize.application.platform.health import Readiness, check_readiness
from inergize.domain.accounts.users import Principal, Role, User
from inergize.domain.content.library import Content
from inergize.domain.platform.pagination import Page
from inergize.settings import Settings, load_settings


class ContentLibrary:
    """The content library of one principal."""

    def __init__(self, deps: ContentDeps) -> None:
        self._deps = deps

    async def create(self, principal: Principal, cmd: content_library.CreateContent) -> Content:
        return await content_library.create_content(cmd, principal=principal, uow_factory=self._deps.uow_factory,
                                                    clock=self._deps.clock)

    async def get(self, principal: Principal, content_id: uuid.UUID) -> Content:
        return await content_library.get_content(content_id, principal=principal, uow_factory=self._deps.uow_factory)

    async def list(self, principal: Principal, *, limit: int | None = None, cursor: str | None = None) -> Page[Content]:
        return await content_library.list_content(principal=principal, uow_factory=self._deps.uow_factory,
                                                  limit=limit, cursor=cursor)

    async def edit(self, principal: Principal, content_id: uuid.UUID, cmd: content_library.EditContent, *,
                   expected_version: int) -> Content:
        return await content_library.edit_content(content_id, cmd, expected_version=expected_version,
                                                  principal=principal, uow_factory=self._deps.uow_factory,
                                                  clock=self._deps.clock)

    async def delete(self, principal: Principal, content_id: uuid.UUID) -> None:
        await content_library.delete_content(content_id, principal=principal, uow_factory=self._deps.uow_factory)


class Users:
    """Direct user creation (first admin, embedding); sign-up with a password is ``accounts``."""

    def __init__(self, deps: Callable[[], AccountDeps]) -> None:
        self._deps = deps  # asked at each call, so a port overridden after opening is seen

    async def create(self, email: str, *, display_name: str = "", admin: bool = False) -> User:
        d = self._deps()
        return await users.create_user(email, display_name=display_name, role=Role.ADMIN if admin else Role.MEMBER,
                                       uow_factory=d.uow_factory, clock=d.clock)


class Inergize:
    """One opened InErgize: use its capability attributes; close it by leaving ``async with``."""

    def __init__(self, container: Any) -> None:
        self.container = container
        self.settings: Settings = container.settings()
        self.content = ContentLibrary(container.content_deps())
        self.users = Users(container.account_deps)
        for name, factory in FACADES.items():
            setattr(self, name, factory(container))

    async def ready(self) -> Readiness:
        return await check_readiness(self.container.platform_deps().health_checks)


# Capabilities add their façade classes here (attribute name -> class taking the container).
FACADES: dict[str, Any] = {}


def _accounts(container: Any) -> Any:  # app.accounts
    from inergize.entrypoints.library.accounts import Accounts

    return Accounts(container)


FACADES["accounts"] = _accounts


def _ai(container: Any) -> Any:  # imported late, the AI use cases need not load for other façades
    from inergize.entrypoints.library.ai import AiContent

    return AiContent(container.ai_deps)


FACADES["ai"] = _ai  # app.ai.posts / carousel / banner / profile_suggestions / ready_version


def _schedule(container: Any) -> Any:  # app.schedule
    from inergize.entrypoints.library.scheduling import Scheduling

    return Scheduling(container.scheduling_deps)


FACADES["schedule"] = _schedule  # schedule / post_now / move / cancel / calendar / tick


def _linkedin(container: Any) -> Any:  # app.linkedin
    from inergize.entrypoints.library.linkedin import LinkedIn

    return LinkedIn(container.linkedin_deps)


FACADES["linkedin"] = _linkedin  # connect / sync_profile / profile / publish / imports


@asynccontextmanager
async def open(  # shadows the builtin on purpose: ``inergize.open()`` reads like ``open()``
    settings: Settings | None = None, *, run_migrations: bool = True, **overrides: Any
) -> AsyncIterator[Inergize]:
    """Open InErgize from ``settings`` (default: ``INERGIZE_*``), migrating the database first."""
    from inergize.bootstrap import bootstrap, migrate, shutdown

    container = bootstrap(settings or load_settings(), **overrides)
    if run_migrations:
        await migrate(container)
    try:
        yield Inergize(container)
    finally:
        await shutdown(container)
