"""Password hashing with argon2id (argon2-cffi).

``owasp``: m = 19 MiB, t = 2, p = 1 (the OWASP Password Storage Cheat Sheet minimum, ASVS V2.4.4).
``fast``: m = 1 MiB, t = 1: for tests only; ``settings`` refuses it in production. Hashes made with
other parameters verify and report ``needs_rehash``, so logins upgrade them."""

from __future__ import annotations

from argon2 import PasswordHasher as Argon2
from argon2 import Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# (memory KiB, iterations, parallelism)
PROFILES: dict[str, dict[str, int]] = {
    "owasp": {"memory_cost": 19 * 1024, "time_cost": 2, "parallelism": 1},
    "fast": {"memory_cost": 1024, "time_cost": 1, "parallelism": 1},
}


class Argon2PasswordHasher:
    def __init__(self, profile: str = "owasp") -> None:
        params = PROFILES[profile]
        self.profile = profile
        self._hasher = Argon2(
            time_cost=params["time_cost"], memory_cost=params["memory_cost"],
            parallelism=params["parallelism"], hash_len=32, salt_len=16, type=Type.ID,
        )

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(password_hash)
        except (InvalidHashError, ValueError):
            return True
