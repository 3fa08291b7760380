"""A TokenService that keeps the rules without the cryptography: ``fake.<key>.<base64 of the claims>.<check>``.
A test can read what a token says; whole-second issue and expiry times as the JWT service has them; a token
of an unknown key, or whose claims or check were changed, is refused."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from datetime import UTC, datetime, timedelta

import msgspec

from inergize.domain.accounts.users import Principal, Role
from inergize.domain.platform.errors import Unauthorized


class AccessClaims(msgspec.Struct, frozen=True):
    sub: uuid.UUID
    role: Role
    iat: int
    exp: int
    sid: str | None
    serial: int  # every token differs, as the JWT's ``jti`` makes it


class FakeTokenService:
    def __init__(self, key: str = "k1", *, ttl: timedelta = timedelta(minutes=15),
                 previous_keys: tuple[str, ...] = ()) -> None:
        self.keys = (key, *previous_keys)  # the first signs, every one verifies
        self._ttl = ttl
        self.issued = 0

    def issue_access(self, principal: Principal, *, now: datetime, session_id: str | None = None) -> str:
        self.issued += 1
        claims = AccessClaims(principal.user_id, principal.role, int(now.timestamp()),
                              int((now + self._ttl).timestamp()), session_id, self.issued)
        body = base64.urlsafe_b64encode(msgspec.json.encode(claims)).decode()
        return f"fake.{self.keys[0]}.{body}.{_check(self.keys[0], body)}"

    def read(self, token: str) -> AccessClaims:
        """What a token of this service says, checked but whatever the time (for tests)."""
        parts = token.split(".")
        if len(parts) != 4 or parts[0] != "fake" or parts[1] not in self.keys:
            raise Unauthorized("The access token was signed by an unknown key.")
        _, key, body, check = parts
        if not hmac.compare_digest(check, _check(key, body)):
            raise Unauthorized("The access token is not valid.")
        return msgspec.json.decode(base64.urlsafe_b64decode(body), type=AccessClaims)

    def verify_access(self, token: str, *, now: datetime) -> tuple[Principal, datetime, str | None]:
        claims = self.read(token)
        if claims.exp <= now.timestamp():
            raise Unauthorized("The access token has expired.", code="token_expired")
        return Principal(claims.sub, claims.role), datetime.fromtimestamp(claims.iat, UTC), claims.sid

    def public_jwks(self) -> dict[str, object]:
        return {"keys": [{"kty": "fake", "kid": key, "use": "sig", "alg": "fake"} for key in self.keys]}


def _check(key: str, body: str) -> str:
    return hashlib.sha256(f"{key}:{body}".encode()).hexdigest()[:24]
