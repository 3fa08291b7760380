"""Two refreshes of one token at the same moment: the database's conditional update lets only one win,
on SQLite and PostgreSQL (the rules of sign-in run on the fakes in test_login_flow.py)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest

from inergize.application.accounts import login
from inergize.domain.platform.errors import Unauthorized
from tests.support.accounts import CLIENT, logged_in, signed_up


async def test_two_concurrent_refreshes_cannot_both_win(container: Any, ports: Any, emails: Any) -> None:
    address = f"ada{uuid.uuid4().hex[:10]}@example.com"
    await signed_up(container, ports, emails, address)
    pair = await logged_in(ports, address)
    results = await asyncio.gather(
        *(login.refresh(pair.refresh_token, client=CLIENT, ports=ports) for _ in range(2)),
        return_exceptions=True,
    )
    winners = [r for r in results if not isinstance(r, BaseException)]
    losers = [r for r in results if isinstance(r, Unauthorized)]
    assert len(winners) == 1 and len(losers) == 1
    # the loser presented a spent token: that is reuse, so the family is revoked (strict V10.4.5 reading)
    with pytest.raises(Unauthorized):
        await login.refresh(winners[0].refresh_token, client=CLIENT, ports=ports)
