"""With the read cache on, a logout, a logout-everywhere and a disabled account stop all access within
one second in *another* API process: at once when the processes share Redis (the bump is seen by the
next read), within the in-process entries' one-second life when each process keeps its own cache."""

from __future__ import annotations

from typing import Any

from tests.support.api_processes import ApiProcess, new_session, signed_in

ONE_SECOND = 1.0
STEP = 0.05


async def refused_within(process: ApiProcess, headers: dict[str, str], code: str) -> float:
    """Cache seconds until ``process`` refuses ``headers`` with ``code``: 0 when the very next request is
    refused; past one second of its in-process cache's life, a failure. Wall time plays no part."""
    waited = 0.0
    while True:
        r = await process.client.get("/v1/content", headers=headers)
        if r.status_code == 401:
            assert r.json()["code"] == code
            return waited
        assert r.status_code == 200, r.text
        assert process.cache_clock is not None, "served after the change although the processes share Redis"
        assert waited < ONE_SECOND, f"still served {waited:.2f}s after the change"
        process.cache_clock.now += STEP
        waited += STEP


async def warmed(process: ApiProcess, headers: dict[str, str]) -> None:
    """Served twice, so the access state is in that process's read cache."""
    for _ in range(2):
        assert (await process.client.get("/v1/content", headers=headers)).status_code == 200


def shares_redis(process: ApiProcess) -> bool:
    return process.container.settings().redis_url is not None


async def test_a_logout_stops_the_session_in_the_other_process(api_processes: Any) -> None:
    a, b = api_processes
    _, headers = await signed_in(a)
    await warmed(b, headers)
    assert (await a.client.post("/v1/auth/logout", headers=headers)).status_code == 204
    waited = await refused_within(b, headers, "session_revoked")
    if shares_redis(b):
        assert waited == 0  # the very next request


async def test_a_logout_everywhere_stops_every_session_in_the_other_process(api_processes: Any) -> None:
    a, b = api_processes
    user, here = await signed_in(a)
    elsewhere = await new_session(a, user)
    await warmed(b, elsewhere)
    await warmed(b, here)
    assert (await a.client.post("/v1/auth/logout-all", headers=here)).status_code == 204
    waited = await refused_within(b, elsewhere, "session_revoked")
    await refused_within(b, here, "session_revoked")
    if shares_redis(b):
        assert waited == 0


async def test_a_disabled_account_is_refused_in_the_other_process(api_processes: Any) -> None:
    a, b = api_processes
    _, admin = await signed_in(a, role="admin")
    user, headers = await signed_in(a)
    await warmed(b, headers)
    r = await a.client.post(f"/v1/admin/users/{user.id}/disable", headers=admin)
    assert r.status_code == 200, r.text
    waited = await refused_within(b, headers, "account_disabled")
    if shares_redis(b):
        assert waited == 0


async def test_in_one_process_a_logout_applies_to_the_very_next_request(api_processes: Any) -> None:
    a, _ = api_processes
    _, headers = await signed_in(a)
    await warmed(a, headers)
    assert (await a.client.post("/v1/auth/logout", headers=headers)).status_code == 204
    assert await refused_within(a, headers, "session_revoked") == 0
