"""Two engines on one SQLite file (the API loop and a worker loop) write concurrently without SQLITE_BUSY."""

from __future__ import annotations

import asyncio
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select


def test_two_event_loops_with_their_own_engines_write_the_same_file(tmp_path: Path) -> None:
    from inergize.bootstrap import bootstrap, migrate, shutdown
    from inergize.domain.accounts.users import User
    from inergize.domain.content.library import Content, ContentKind
    from tests.support.settings import make_settings

    settings = make_settings(tmp_path)
    user_id = uuid.uuid4()
    now = datetime(2026, 1, 1, tzinfo=UTC)

    async def setup() -> None:
        c = bootstrap(settings)
        await migrate(c)
        async with c.uow_factory()() as uow:
            await uow.users.add(User(id=user_id, email="w@x.io", created_at=now, updated_at=now))
            await uow.commit()
        await shutdown(c)

    asyncio.run(setup())
    errors: list[BaseException] = []

    async def writer(n: int) -> None:
        c = bootstrap(settings)  # each loop its own engine, as the API and the worker do
        try:
            for i in range(40):
                async with c.uow_factory()() as uow:
                    # read, then write, in one transaction: deferred transactions would fail here
                    await uow.content.list_for_user(user_id, limit=1, cursor=None)
                    await uow.content.add(Content(id=uuid.uuid4(), user_id=user_id, kind=ContentKind.POST,
                                                  title=f"{n}-{i}", body="", created_at=now, updated_at=now))
                    await uow.commit()
        finally:
            await shutdown(c)

    def run(n: int) -> None:
        try:
            asyncio.run(writer(n))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []

    async def count() -> int:
        from inergize.adapters.persistence.tables.seed import content

        c = bootstrap(settings)
        async with c.uow_factory()(read_only=True) as uow:
            n = (await uow.connection.execute(select(func.count()).select_from(content))).scalar_one()
        await shutdown(c)
        return int(n)

    assert asyncio.run(count()) == 120
