"""The scheduling tests share one database per backend: each test leaves nothing due or in flight, so
another test's tick never finds it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import update

from inergize.adapters.persistence.tables.scheduling import publications
from tests.scheduling.helpers import pending_publish_jobs


@pytest.fixture(autouse=True)
async def _settle_publications(container: Any) -> AsyncIterator[None]:
    yield
    async with container.engine().begin() as conn:
        await conn.execute(
            update(publications)
            .where(publications.c.state.in_(["scheduled", "claimed", "publishing"]))
            .values(state="cancelled", claim_token=None)
        )
    await pending_publish_jobs(container)  # forget this test's jobs
