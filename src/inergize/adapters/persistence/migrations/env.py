from __future__ import annotations

from alembic import context

from inergize.adapters.persistence.tables import metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through inergize.adapters.persistence.migrate")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
        user_module_prefix="itypes.",
    )
    with context.begin_transaction():
        context.run_migrations()


run()
