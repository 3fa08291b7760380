"""How a command gets its container: built from the environment's settings and closed when it is done."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from inergize.bootstrap import Container, bootstrap, migrate, shutdown
from inergize.settings import load_settings

T = TypeVar("T")


def build_container(**settings: Any) -> Container:
    """The container of the environment's settings, ``settings`` replacing some (``serve --port``)."""
    return bootstrap(load_settings(**settings) if settings else None)


@asynccontextmanager
async def open_container(*, migrated: bool = False, **settings: Any) -> AsyncIterator[Container]:
    """A container for one command (see :func:`build_container`), its database first upgraded to the
    newest schema when ``migrated``; its pools and connections are released on the way out."""
    container = build_container(**settings)
    try:
        if migrated:
            await migrate(container)
        yield container
    finally:
        await shutdown(container)


def run_with_container(work: Callable[[Container], Awaitable[T]], *, migrated: bool = False) -> T:
    """Run ``work`` on a fresh event loop with a container from :func:`open_container` (for a command's
    synchronous entry point)."""
    async def run() -> T:
        async with open_container(migrated=migrated) as container:
            return await work(container)

    return asyncio.run(run())
