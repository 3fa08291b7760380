"""The SecretBox contract over the fake and AES-256-GCM (the only adapter, embedded and in production)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from inergize.adapters.secrets.box import AesGcmSecretBox
from inergize.domain.platform.secrets import SecretUnreadable
from inergize.ports.secret_box import SecretBox
from tests.fakes.secret_box import FakeSecretBox

MakeBox = Callable[..., SecretBox]


def _aes(*key_ids: str) -> SecretBox:
    return AesGcmSecretBox({kid: hashlib.sha256(kid.encode()).digest() for kid in key_ids})


@pytest.fixture(params=["fake", "aes-gcm"])
def make_box(request: pytest.FixtureRequest) -> MakeBox:
    """A box over the given key ids (the first encrypts)."""
    return (lambda *ids: FakeSecretBox(ids)) if request.param == "fake" else _aes


def test_a_secret_comes_back_only_with_its_context(make_box: MakeBox) -> None:
    box = make_box("k1")
    sealed = box.encrypt("token-ü-123", context="linkedin:access:u1")
    assert "token-ü-123" not in sealed and box.key_id_of(sealed) == "k1" == box.primary_key_id
    assert box.decrypt(sealed, context="linkedin:access:u1") == "token-ü-123"
    with pytest.raises(SecretUnreadable):
        box.decrypt(sealed, context="linkedin:access:u2")  # moved to another row


def test_a_tampered_or_foreign_ciphertext_is_unreadable(make_box: MakeBox) -> None:
    box = make_box("k1")
    sealed = box.encrypt("secret", context="c")
    middle = len(sealed) - 6
    tampered = sealed[:middle] + ("A" if sealed[middle] != "A" else "B") + sealed[middle + 1:]
    for bad in (tampered, "not a secret", ""):
        with pytest.raises(SecretUnreadable):
            box.decrypt(bad, context="c")


def test_keys_rotate_the_primary_encrypts_and_every_configured_key_decrypts(make_box: MakeBox) -> None:
    sealed = make_box("old").encrypt("secret", context="c")
    rotated = make_box("new", "old")
    assert rotated.decrypt(sealed, context="c") == "secret"
    assert rotated.key_id_of(rotated.encrypt("secret", context="c")) == "new"
    with pytest.raises(SecretUnreadable):
        make_box("new").decrypt(sealed, context="c")  # the old key retired too early
