"""Access tokens: EdDSA (Ed25519) JWTs with a ``kid`` so keys can rotate; public keys as a JWKS."""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections import OrderedDict
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from inergize.domain.accounts.users import Principal, Role
from inergize.domain.platform.errors import Unauthorized

ISSUER = "inergize"
AUDIENCE = "inergize-api"
VERIFIED_CACHE_SIZE = 10_000


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


class JwtTokenService:
    def __init__(self, signing_key_pem: str, *, ttl: timedelta, previous_public_keys: list[str] | None = None):
        key = serialization.load_pem_private_key(signing_key_pem.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("the signing key must be an Ed25519 private key")
        self._private = key
        self._ttl = ttl
        self._public: dict[str, Ed25519PublicKey] = {}
        for pem in [*(previous_public_keys or [])]:
            pub = serialization.load_pem_public_key(pem.encode())
            if isinstance(pub, Ed25519PublicKey):
                self._public[self._kid(pub)] = pub
        self._current_kid = self._kid(key.public_key())
        self._public[self._current_kid] = key.public_key()
        # Verified signatures, by token: the Ed25519 check is the costliest step of a request.
        # Only the signature is cached; expiry is checked on every call, and revocation by the caller.
        self._verified: OrderedDict[str, tuple[Principal, datetime, str | None, int]] = OrderedDict()

    @staticmethod
    def _kid(pub: Ed25519PublicKey) -> str:
        raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return hashlib.sha256(raw).hexdigest()[:16]

    def issue_access(self, principal: Principal, *, now: datetime, session_id: str | None = None) -> str:
        claims: dict[str, Any] = {
            "iss": ISSUER, "aud": AUDIENCE, "sub": str(principal.user_id), "role": principal.role.value,
            "iat": int(now.timestamp()), "nbf": int(now.timestamp()),
            "exp": int((now + self._ttl).timestamp()), "jti": uuid.uuid4().hex,
        }
        if session_id:
            claims["sid"] = session_id
        return jwt.encode(claims, self._private, algorithm="EdDSA", headers={"kid": self._current_kid})

    def verify_access(self, token: str, *, now: datetime) -> tuple[Principal, datetime, str | None]:
        hit = self._verified.get(token)
        if hit is not None:
            principal, issued, sid, exp = hit
            if exp <= now.timestamp():
                raise Unauthorized("The access token has expired.", code="token_expired")
            return principal, issued, sid
        try:
            kid = jwt.get_unverified_header(token).get("kid")
            key = self._public.get(kid or "")
            if key is None:
                raise Unauthorized("The access token was signed by an unknown key.")
            claims = jwt.decode(
                token, key, algorithms=["EdDSA"], audience=AUDIENCE, issuer=ISSUER,
                options={"verify_exp": False, "verify_nbf": False, "verify_iat": False, "require": ["exp", "sub"]},
            )
            # Time is checked against the injected clock, not the machine's, so tests can move time.
            if claims["exp"] <= now.timestamp():
                raise Unauthorized("The access token has expired.", code="token_expired")
            principal = Principal(uuid.UUID(claims["sub"]), Role(claims.get("role", "member")))
        except (jwt.PyJWTError, ValueError, KeyError) as exc:
            raise Unauthorized("The access token is not valid.") from exc
        result = (principal, datetime.fromtimestamp(claims["iat"], UTC), claims.get("sid"))
        self._verified[token] = (*result, int(claims["exp"]))
        if len(self._verified) > VERIFIED_CACHE_SIZE:
            self._verified.popitem(last=False)
        return result

    def public_jwks(self) -> dict[str, object]:
        keys = []
        for kid, pub in self._public.items():
            raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
            keys.append({"kty": "OKP", "crv": "Ed25519", "x": _b64url(raw), "kid": kid, "use": "sig", "alg": "EdDSA"})
        return {"keys": keys}
