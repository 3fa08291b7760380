"""The TokenService contract over the fake and the EdDSA JWT service; then what only the JWTs promise
(no other algorithm accepted, the JWKS verifies them without the private key)."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from inergize.adapters.secrets import new_signing_key_pem
from inergize.adapters.tokens import JwtTokenService
from inergize.domain.accounts.users import Principal, Role
from inergize.domain.platform.errors import Unauthorized
from inergize.ports.tokens import TokenService
from tests.fakes.tokens import FakeTokenService

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
TTL = timedelta(minutes=15)
_keys = itertools.count(1)


def service() -> JwtTokenService:
    return JwtTokenService(new_signing_key_pem(), ttl=TTL)


@pytest.fixture(params=["fake", "jwt"])
def new_service(request: pytest.FixtureRequest) -> Callable[[], TokenService]:
    """Makes services that each sign with a key of their own."""
    if request.param == "fake":
        return lambda: FakeTokenService(f"key-{next(_keys)}", ttl=TTL)
    return service


def test_round_trip_and_expiry_even_when_cached(new_service: Callable[[], TokenService]) -> None:
    s = new_service()
    p = Principal(uuid.uuid4(), Role.ADMIN)
    token = s.issue_access(p, now=NOW, session_id="s1")
    assert s.verify_access(token, now=NOW)[0] == p
    assert s.verify_access(token, now=NOW + timedelta(minutes=14))[2] == "s1"  # served from the cache
    with pytest.raises(Unauthorized):
        s.verify_access(token, now=NOW + timedelta(minutes=15))


def test_times_are_whole_seconds_and_a_token_may_have_no_session(new_service: Callable[[], TokenService]) -> None:
    s = new_service()
    issued = NOW + timedelta(microseconds=600_000)
    token = s.issue_access(Principal(uuid.uuid4()), now=issued)
    principal, issued_at, session = s.verify_access(token, now=issued)
    assert principal.role is Role.MEMBER and session is None and issued_at == NOW
    assert s.verify_access(token, now=NOW + TTL - timedelta(microseconds=1))[1] == NOW
    with pytest.raises(Unauthorized) as expired:
        s.verify_access(token, now=NOW + TTL)  # the expiry is the whole second before issue + TTL
    assert expired.value.code == "token_expired"
    assert s.issue_access(principal, now=issued) != token  # every token differs


def test_foreign_key_and_tampering_are_refused(new_service: Callable[[], TokenService]) -> None:
    a, b = new_service(), new_service()
    token = a.issue_access(Principal(uuid.uuid4()), now=NOW)
    with pytest.raises(Unauthorized):
        b.verify_access(token, now=NOW)
    head, _, sig = token.rpartition(".")
    flipped = sig[:10] + ("B" if sig[10] != "B" else "C") + sig[11:]  # a whole 6-bit symbol mid-signature
    with pytest.raises(Unauthorized):
        a.verify_access(f"{head}.{flipped}", now=NOW)
    other = a.issue_access(Principal(uuid.uuid4(), Role.ADMIN), now=NOW)
    with pytest.raises(Unauthorized):  # another token's claims under this one's signature
        a.verify_access(f"{other.rpartition('.')[0]}.{sig}", now=NOW)
    for garbage in ("", "not-a-token", "a.b.c", "a.b.c.d"):
        with pytest.raises(Unauthorized):
            a.verify_access(garbage, now=NOW)


def test_the_jwks_names_the_signing_key(new_service: Callable[[], TokenService]) -> None:
    s, other = new_service(), new_service()
    keys = s.public_jwks()["keys"]
    assert isinstance(keys, list) and len(keys) == 1 and keys[0]["kid"]
    assert keys != other.public_jwks()["keys"]


def test_a_foreign_algorithm_is_refused() -> None:
    a = service()
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


def test_the_fake_tells_what_a_token_says() -> None:
    s = FakeTokenService("k1", ttl=TTL)
    user = uuid.uuid4()
    claims = s.read(s.issue_access(Principal(user, Role.ADMIN), now=NOW, session_id="s9"))
    assert (claims.sub, claims.role, claims.sid, claims.exp - claims.iat) == (user, Role.ADMIN, "s9", 900)
