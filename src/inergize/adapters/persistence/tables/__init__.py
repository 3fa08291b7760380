"""The schema. One ``MetaData`` for both databases; each capability adds a module here.

A table that belongs to a user declares it with ``info={"owner": "<column>"}`` (see
:func:`user_owned_tables`): GDPR export and delete walk that registry, and a test fails when a table
with a ``user_id`` column forgets to declare itself.
"""

from inergize.adapters.persistence.tables import (  # noqa: F401  (register tables)
    accounts,
    ai,
    compliance,
    jobs,
    linkedin,
    platform,
    scheduling,
    seed,
)
from inergize.adapters.persistence.tables.base import metadata, user_owned_tables

__all__ = ["metadata", "user_owned_tables"]
