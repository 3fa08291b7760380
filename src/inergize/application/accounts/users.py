"""Creating users directly (the first admin, embedding, imports). Self-service sign-up with a password
and email verification lives in ``accounts``."""

from __future__ import annotations

import uuid

from inergize.domain.accounts.users import Role, User, normalize_email
from inergize.domain.platform.errors import Conflict
from inergize.ports.clock import Clock
from inergize.ports.unit_of_work import UnitOfWorkFactory


async def create_user(email: str, *, uow_factory: UnitOfWorkFactory, clock: Clock, role: Role = Role.MEMBER,
                      display_name: str = "", password_hash: str | None = None, verified: bool = True,
                      tier: str = "free") -> User:
    """Create a user; ``Conflict`` if the address is taken."""
    address = normalize_email(email)
    now = clock.now()
    user = User(id=uuid.uuid4(), email=address, role=role, display_name=display_name.strip(),
                password_hash=password_hash, email_verified_at=now if verified else None, tier=tier,
                created_at=now, updated_at=now)
    async with uow_factory() as uow:
        if await uow.users.get_by_email(address) is not None:
            raise Conflict("An account with this email already exists.", code="email_taken")
        await uow.users.add(user)
        await uow.commit()
    return user
