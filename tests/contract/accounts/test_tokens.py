from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from inergize.adapters.secrets import new_signing_key_pem
from inergize.adapters.tokens import JwtTokenService
from inergize.domain.accounts.users import Principal, Role
from inergize.domain.platform.errors import Unauthorized

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def service() -> JwtTokenService:
    return JwtTokenService(new_signing_key_pem(), ttl=timedelta(minutes=15))


def test_round_trip_and_expiry_even_when_cached() -> None:
    s = service()
    p = Principal(uuid.uuid4(), Role.ADMIN)
    token = s.issue_access(p, now=NOW, session_id="s1")
    assert s.verify_access(token, now=NOW)[0] == p
    assert s.verify_access(token, now=NOW + timedelta(minutes=14))[2] == "s1"  # served from the cache
    with pytest.raises(Unauthorized):
        s.verify_access(token, now=NOW + timedelta(minutes=15))


def test_foreign_key_and_tampering_are_refused() -> None:
    a, b = service(), service()
    token = a.issue_access(Principal(uuid.uuid4()), now=NOW)
    with pytest.raises(Unauthorized):
        b.verify_access(token, now=NOW)
    header, payload, sig = token.split(".")
    flipped = sig[:10] + ("B" if sig[10] != "B" else "C") + sig[11:]  # a whole 6-bit symbol mid-signature
    with pytest.raises(Unauthorized):
        a.verify_access(f"{header}.{payload}.{flipped}", now=NOW)
    forged = jwt.encode({"sub": str(uuid.uuid4()), "exp": 2**40}, "secret", algorithm="HS256",
                        headers={"kid": a.public_jwks()["keys"][0]["kid"]})  # type: ignore[index]
    with pytest.raises(Unauthorized):
        a.verify_access(forged, now=NOW)


def test_jwks_verifies_tokens_without_the_private_key() -> None:
    s = service()
    token = s.issue_access(Principal(uuid.uuid4()), now=datetime.now(UTC))
    jwk = s.public_jwks()["keys"][0]  # type: ignore[index]
    key = jwt.PyJWK.from_dict(jwk)
    claims = jwt.decode(token, key.key, algorithms=["EdDSA"], audience="inergize-api")
    assert claims["iss"] == "inergize"
