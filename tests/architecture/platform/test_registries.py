"""The registries themselves: nothing user-owned or routed escapes them."""

from __future__ import annotations

from typing import Any

from inergize.adapters.persistence.tables import metadata
from inergize.adapters.persistence.tables.base import exempt_tables
from tests.support.registries import routes, user_owned_tables


def test_every_table_with_a_user_column_is_registered_as_user_owned() -> None:
    owned = user_owned_tables()
    missing = [t.name for t in metadata.sorted_tables
               if "user_id" in t.c and t.name not in owned and t.name not in exempt_tables()]
    assert missing == [], f"declare info={{'owner': 'user_id'}} (or not_user_data) on {missing}"
    assert {"users", "content", "linkedin_profiles", "analytics_events"} <= set(owned)


async def test_every_route_declares_who_may_call_it(client: Any) -> None:
    table = routes(client.app)
    assert table, "no routes found"
    undeclared = [(m, p) for m, p, auth in table if auth not in ("public", "user", "admin")]
    assert undeclared == [], "add opt=PUBLIC/USER/ADMIN to these handlers"
    assert all(p.startswith("/v1/") for _, p, auth in table if auth in ("user", "admin"))
