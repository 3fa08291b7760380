"""The TotpService contract over the fake and pyotp: secrets, the otpauth URI, its QR PNG, and which time
step a code matches within the window."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import msgspec
import pyotp
import pytest
from PIL import Image

from inergize.adapters.totp import PyotpTotp
from inergize.ports.totp import TotpService
from tests.fakes.totp import PNG_URI_KEY, FakeTotp

NOW = datetime(2026, 3, 1, 12, 0, 10, tzinfo=UTC)  # 10 s into a step
STEP = int(NOW.timestamp()) // 30
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class Totp(msgspec.Struct):
    service: TotpService
    code_at: Callable[[str, datetime], str]  # what an authenticator app shows at an instant


@pytest.fixture(params=["fake", "pyotp"])
def totp(request: pytest.FixtureRequest) -> Totp:
    if request.param == "fake":
        fake = FakeTotp()
        return Totp(fake, lambda secret, at: fake.code(secret, at=at))
    return Totp(PyotpTotp(), lambda secret, at: pyotp.TOTP(secret).at(at.timestamp()))


def test_secrets_are_fresh_base32_of_160_bits(totp: Totp) -> None:
    secrets = {totp.service.new_secret() for _ in range(5)}
    assert len(secrets) == 5
    assert all(len(base64.b32decode(s)) == 20 for s in secrets)


def test_the_uri_names_the_issuer_the_account_and_the_secret(totp: Totp) -> None:
    uri = totp.service.provisioning_uri(SECRET, account="ada lovelace@example.com", issuer="In Ergize")
    parts = urlsplit(uri)
    assert (parts.scheme, parts.netloc, parts.path) == ("otpauth", "totp", "/In%20Ergize:ada%20lovelace%40example.com")
    assert parse_qs(parts.query) == {"secret": [SECRET], "issuer": ["In Ergize"]}


def test_the_qr_code_is_a_png(totp: Totp) -> None:
    one, other = (totp.service.qr_png(f"otpauth://totp/InErgize:{who}?secret={SECRET}") for who in ("ada", "grace"))
    image = Image.open(io.BytesIO(one))
    assert image.format == "PNG" and one != other


def test_the_fake_qr_code_carries_its_uri() -> None:
    uri = FakeTotp().provisioning_uri(SECRET, account="ada@example.com", issuer="InErgize")
    assert Image.open(io.BytesIO(FakeTotp().qr_png(uri))).text[PNG_URI_KEY] == uri  # type: ignore[attr-defined]


def test_a_code_matches_its_step_within_the_window(totp: Totp) -> None:
    match = totp.service.matching_step
    now_code = totp.code_at(SECRET, NOW)
    assert match(SECRET, now_code, now=NOW) == STEP
    assert match(SECRET, f" {now_code[:3]} {now_code[3:]} ", now=NOW) == STEP  # spaces as apps show them
    assert match(SECRET, totp.code_at(SECRET, NOW - timedelta(seconds=30)), now=NOW) == STEP - 1
    assert match(SECRET, totp.code_at(SECRET, NOW + timedelta(seconds=30)), now=NOW) == STEP + 1
    two_back = totp.code_at(SECRET, NOW - timedelta(seconds=60))
    assert match(SECRET, two_back, now=NOW) is None
    assert match(SECRET, two_back, now=NOW, window=2) == STEP - 2
    assert match(SECRET, now_code, now=NOW + timedelta(seconds=20)) == STEP  # the next step still takes it
    assert match(SECRET, now_code, now=NOW, window=0) == STEP


def test_wrong_or_malformed_codes_match_nothing(totp: Totp) -> None:
    match = totp.service.matching_step
    now_code = totp.code_at(SECRET, NOW)
    wrong = f"{(int(now_code) + 1) % 1_000_000:06d}"
    other_secret = totp.code_at("KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU", NOW)
    assert match(SECRET, wrong, now=NOW, window=0) is None
    assert match(SECRET, other_secret, now=NOW, window=0) is None
    for bad in ("", "12345", "1234567", "12345a", "abcdef"):
        assert match(SECRET, bad, now=NOW) is None
