"""A PasswordHasher with no work factor: tests that sign users in by the hundred stay fast. A hash
names its "cost", so a test can ask for a rehash by raising the cost the hasher wants."""

from __future__ import annotations

import hashlib
import hmac


class FakePasswordHasher:
    def __init__(self, cost: int = 1) -> None:
        self.cost = cost

    def hash(self, password: str) -> str:
        digest = hashlib.sha256(password.encode()).hexdigest()
        return f"fake${self.cost}${digest}"

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            _, _, digest = password_hash.split("$")
        except ValueError:
            return False
        expected = hashlib.sha256(password.encode()).hexdigest()
        return hmac.compare_digest(digest, expected)

    def needs_rehash(self, password_hash: str) -> bool:
        return not password_hash.startswith(f"fake${self.cost}$")
