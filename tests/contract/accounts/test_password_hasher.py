"""The PasswordHasher contract over the fake and argon2id (the only adapter; its fast test profile)."""

from __future__ import annotations

import pytest

from inergize.adapters.passwords import Argon2PasswordHasher
from inergize.ports.passwords import PasswordHasher
from tests.fakes.passwords import FakePasswordHasher


@pytest.fixture(params=["fake", "argon2id"])
def hasher(request: pytest.FixtureRequest) -> PasswordHasher:
    return FakePasswordHasher() if request.param == "fake" else Argon2PasswordHasher("fast")


def test_only_the_password_itself_verifies(hasher: PasswordHasher) -> None:
    stored = hasher.hash("violet-harbour-7-lantern")
    assert "violet-harbour" not in stored
    assert hasher.verify(stored, "violet-harbour-7-lantern")
    assert not hasher.verify(stored, "violet-harbour-7-lanterN")
    assert not hasher.verify(stored, "")


def test_a_hash_that_is_not_one_verifies_nothing(hasher: PasswordHasher) -> None:
    for stored in ("", "plain-text", "$argon2id$broken"):
        assert not hasher.verify(stored, "plain-text")


def test_a_fresh_hash_needs_no_rehash_and_a_foreign_one_does(hasher: PasswordHasher) -> None:
    assert not hasher.needs_rehash(hasher.hash("pw-one"))
    assert hasher.needs_rehash("$2b$12$Wd0E6ZkR0qYqJ3T7kVh4eO1cJcM0wq2x8M2v1r6y4o5Yb4u1m9W2S")  # bcrypt
