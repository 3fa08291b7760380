"""The schema. One ``MetaData`` for both databases; each capability adds a module here.

A table that belongs to a user declares it with ``info={"owner": "<column>"}`` (see
:func:`user_owned_tables`): GDPR export and delete walk that registry, and a test fails when a table
with a ``user_id`` column forgets to declare itself.
"""

from inergize.adapters.persistence.tables.base import metadata, user_owned_tables
from inergize.adapters.persistence.tables import seed, platform  # noqa: F401  (register tables)
from inergize.adapters.persistence.tables import jobs  # noqa: F401  (issue 3: job ledger, pings)
from inergize.adapters.persistence.tables import accounts  # noqa: F401  (issue 4: accounts)
from inergize.adapters.persistence.tables import ai  # noqa: F401  (issue 6: AI content)
from inergize.adapters.persistence.tables import linkedin  # noqa: F401  (issue 5: LinkedIn)
from inergize.adapters.persistence.tables import compliance  # noqa: F401  (issue 8: compliance)
from inergize.adapters.persistence.tables import scheduling  # noqa: F401  (issue 7: scheduling)

__all__ = ["metadata", "user_owned_tables"]
