"""``app.linkedin`` for Python callers: connect, sync, publish on the sandbox."""

from __future__ import annotations

from typing import Any


async def test_library_facade_connects_syncs_and_publishes(container: Any, make_user: Any) -> None:
    from inergize.entrypoints.library.facade import Inergize

    app = Inergize(container)
    user = await make_user()
    connected = await app.linkedin.connect_sandbox(user.principal)
    assert connected.status == "active"
    synced = await app.linkedin.sync_profile(user.principal)
    assert synced.score == (await app.linkedin.profile(user.principal)).score
    post = await app.linkedin.publish(user.principal, "From Python #api", idempotency_key="lib-1")
    again = await app.linkedin.publish(user.principal, "From Python #api", idempotency_key="lib-1")
    assert post.state == "published" and again.post_urn == post.post_urn and again.id == post.id
    await app.linkedin.disconnect(user.principal)
    assert (await app.linkedin.status(user.principal)).connected is False
