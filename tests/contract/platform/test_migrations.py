"""Every migration runs up and down on both databases, and the migrated schema matches the tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import inspect

from tests.support import services
from tests.support.settings import make_settings


async def _fresh_container(backend: str, tmp_path: Path) -> tuple[Any, str | None]:
    from inergize.bootstrap import bootstrap

    if backend == "postgres":
        url, name = services.create_pg_database()
        return bootstrap(make_settings(tmp_path, url)), name
    return bootstrap(make_settings(tmp_path)), None


async def test_upgrade_downgrade_upgrade(backend: str, tmp_path: Path) -> None:
    from inergize.adapters.persistence.tables import metadata
    from inergize.bootstrap import migrate, migrate_down, shutdown

    container, pg_name = await _fresh_container(backend, tmp_path)
    engine = container.engine()
    try:
        await migrate(container)
        async with engine.connect() as conn:
            tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
        assert {t.name for t in metadata.sorted_tables} <= tables, "a table has no migration"
        await migrate_down(container, "base")
        async with engine.connect() as conn:
            left = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
        assert left <= {"alembic_version"}
        await migrate(container)
    finally:
        await shutdown(container)
        if pg_name:
            services.drop_pg_database(pg_name)


async def test_models_and_migrations_agree(backend: str, tmp_path: Path) -> None:
    """Autogenerate against the migrated database finds nothing to add: tables and migrations agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from inergize.adapters.persistence.tables import metadata
    from inergize.bootstrap import migrate, shutdown

    container, pg_name = await _fresh_container(backend, tmp_path)
    try:
        await migrate(container)
        async with container.engine().connect() as conn:
            diff = await conn.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c, opts={"compare_type": False}), metadata))
        structural = [d for d in diff if d[0] in ("add_table", "remove_table", "add_column", "remove_column")]
        assert structural == []
    finally:
        await shutdown(container)
        if pg_name:
            services.drop_pg_database(pg_name)
