"""The sandbox's OAuth: no consent screen (the code goes straight back to the redirect URI), signed
codes and tokens, and the simulated member created on the first code exchange."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime
from urllib.parse import urlencode

from sqlalchemy.ext.asyncio import AsyncEngine

from inergize.adapters.linkedin.sandbox.store import ACCESS_TTL, CODE_TTL, REFRESH_TTL, Signer, ensure_account
from inergize.domain.linkedin.auth import OAuthTokens
from inergize.domain.linkedin.errors import LinkedInTokenRejected
from inergize.ports.clock import Clock


class SandboxOAuth:
    """Mixed into the sandbox gateway, which provides ``_engine``, ``_clock`` and ``_signer``."""

    _engine: AsyncEngine
    _clock: Clock
    _signer: Signer

    # --- OAuth: the "consent screen" is skipped; the code goes straight back to the redirect URI
    def authorization_url(
        self, *, state: str, redirect_uri: str, scopes: Sequence[str], login_hint: str | None = None
    ) -> str:
        hint = login_hint or f"anon:{secrets.token_urlsafe(12)}"  # no hint: a fresh simulated member
        code = self._signer.sign("code", hint, self._clock.now() + CODE_TTL)
        sep = "&" if "?" in redirect_uri else "?"
        return f"{redirect_uri}{sep}{urlencode({'code': code, 'state': state})}"

    def _tokens(self, sub: str, now: datetime, refresh: str | None = None) -> OAuthTokens:
        refresh_token = refresh or self._signer.sign("rt", sub, now + REFRESH_TTL)
        refresh_exp = datetime.fromtimestamp(int(refresh_token.split(".")[3]), tz=now.tzinfo)
        return OAuthTokens(
            access_token=self._signer.sign("at", sub, now + ACCESS_TTL),
            expires_at=now + ACCESS_TTL,
            refresh_token=refresh_token,
            refresh_expires_at=refresh_exp,
            scopes=("openid", "profile", "email", "w_member_social"),
        )

    async def exchange_code(self, *, code: str, redirect_uri: str) -> OAuthTokens:
        now = self._clock.now()
        hint = self._signer.verify("code", code, now)
        if hint is None:
            raise LinkedInTokenRejected("The sandbox authorization code is invalid or expired.")
        async with self._engine.begin() as conn:
            sub = await ensure_account(conn, hint, now)
        return self._tokens(sub, now)

    async def refresh(self, *, refresh_token: str) -> OAuthTokens:
        now = self._clock.now()
        sub = self._signer.verify("rt", refresh_token, now)
        if sub is None:
            raise LinkedInTokenRejected("The sandbox refresh token is invalid or expired.")
        return self._tokens(
            sub, now, refresh=refresh_token
        )  # like LinkedIn: the refresh token is not renewed

    def _sub(self, access_token: str) -> str:
        sub = self._signer.verify("at", access_token, self._clock.now())
        if sub is None:
            raise LinkedInTokenRejected("The sandbox access token is invalid or expired.")
        return sub
