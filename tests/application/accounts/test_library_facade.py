"""The accounts façade of the embedded library: sign-up to authenticated principal from Python."""

from __future__ import annotations

from pathlib import Path

import inergize
from tests.support.accounts import link_token
from tests.support.settings import make_settings


async def test_library_accounts_round_trip(tmp_path: Path) -> None:
    async with inergize.open(make_settings(tmp_path)) as app:
        await app.accounts.register("lib@example.com", "library-passphrase-1")
        mail = app.container.email_outbox()
        from tests.support.jobs import run_account_jobs

        await run_account_jobs(app.container)
        entry = next(e for e in mail.list() if e.to.endswith("lib@example.com"))
        await app.accounts.verify_email(link_token(entry.text, "verify-email"))
        result = await app.accounts.login("lib@example.com", "library-passphrase-1")
        assert result.tokens is not None
        principal, session_id = await app.accounts.authenticate(result.tokens.access_token)
        assert session_id == result.tokens.session_id
        doc = await app.accounts.export(principal)
        assert doc.tables["users"][0]["email"] == "lib@example.com"
        await app.accounts.logout(principal, session_id)
