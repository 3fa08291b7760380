from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Column, ForeignKey, MetaData, Table, Uuid
from sqlalchemy.sql.schema import SchemaItem

from inergize.adapters.persistence.types import UTCDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def owner_column(nullable: bool = False, *, primary_key: bool = False, unique: bool = False) -> Column[Any]:
    """``user_id``: the owning user; their rows go when the user is deleted."""
    return Column(
        "user_id",
        Uuid,
        ForeignKey("users.id", ondelete="CASCADE"),
        nullable=nullable,
        primary_key=primary_key,
        unique=unique,
    )


def user_table(name: str, *columns: SchemaItem) -> Table:
    """A table of rows that each belong to one user: a UUID ``id`` key, the owner's ``user_id``, then
    ``columns``; registered as user data for GDPR export and delete."""
    return Table(
        name, metadata, Column("id", Uuid, primary_key=True), owner_column(), *columns, info={"owner": "user_id"}
    )


def timestamps() -> list[Column[Any]]:
    return [
        Column("created_at", UTCDateTime(), nullable=False),
        Column("updated_at", UTCDateTime(), nullable=False),
    ]


def user_owned_tables() -> dict[str, str]:
    """Table name → the column naming the owning user, for every table that holds a user's data.

    Tables that keep data past deletion declare ``info={"owner": col, "retain": True}`` (the audit log)."""
    return {t.name: t.info["owner"] for t in metadata.sorted_tables if "owner" in t.info}


def retained_tables() -> set[str]:
    return {t.name for t in metadata.sorted_tables if t.info.get("retain")}


def exempt_tables() -> set[str]:
    """Tables with a ``user_id`` column that are deliberately not user data (``info={"not_user_data": why}``)."""
    return {t.name for t in metadata.sorted_tables if t.info.get("not_user_data")}


__all__ = ["Table", "metadata", "new_id", "owner_column", "timestamps", "user_owned_tables", "user_table"]
