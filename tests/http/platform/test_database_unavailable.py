"""A database out of reach answers 503 problem+json with Retry-After and a stable type, never a 500."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx


async def test_a_signed_in_read_while_the_database_is_out_of_reach_is_a_503_problem(tmp_path: Path) -> None:
    from inergize.bootstrap import bootstrap, shutdown
    from inergize.domain.accounts.users import Principal
    from inergize.entrypoints.http.app import create_app
    from tests.support.settings import make_settings
    from tests.wire.loopback import free_port

    container = bootstrap(make_settings(tmp_path, f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/none"))
    token = container.tokens().issue_access(Principal(uuid.uuid4()), now=container.clock().now())
    transport = httpx.ASGITransport(app=create_app(container), client=("127.0.0.1", 40000))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver.local") as client:
            r = await client.get("/v1/content", headers={"Authorization": f"Bearer {token}"})
            document = (await client.get("/schema/openapi.json")).json()
    finally:
        await shutdown(container)
    assert r.status_code == 503
    assert r.headers["content-type"].startswith("application/problem+json")
    assert int(r.headers["retry-after"]) >= 1
    body = r.json()
    assert body["code"] == "storage_unavailable"
    assert body["type"].endswith("/storage_unavailable")

    # the document says so, so a generated client handles it
    answers = document["paths"]["/v1/content"]["get"]["responses"]
    assert "application/problem+json" in answers["503"]["content"]
