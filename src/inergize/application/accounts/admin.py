"""Administration: list accounts, disable (every session ends at once) and re-enable them, and read
the audit log. Members read only their own audit events."""

from __future__ import annotations

import uuid

from inergize.application.accounts.audit import audit
from inergize.application.accounts.deps import AccountDeps
from inergize.application.accounts.sessions import end_all_sessions
from inergize.domain.accounts.security import AuditEvent, ClientInfo
from inergize.domain.accounts.users import Principal, User, UserStatus
from inergize.domain.platform.errors import Conflict, Forbidden, NotFound, ValidationFailed
from inergize.domain.platform.pagination import Page, page_size


def _require_admin(principal: Principal) -> None:
    if not principal.is_admin:
        raise Forbidden("Only administrators may do this.")


MAX_USER_SEARCH = 200


async def list_users(
    *, principal: Principal, ports: AccountDeps, limit: int | None = None, cursor: str | None = None,
    search: str | None = None,
) -> Page[User]:
    """Accounts oldest first; ``search`` keeps those whose email or name holds every word of it."""
    _require_admin(principal)
    if search is not None and len(search) > MAX_USER_SEARCH:
        raise ValidationFailed(f"Search for at most {MAX_USER_SEARCH} characters.", field="q")
    async with ports.uow_factory(read_only=True) as uow:
        return await uow.users.list(limit=page_size(limit), cursor=cursor, words=tuple((search or "").split()))


async def set_user_status(
    user_id: uuid.UUID, status: UserStatus, *, principal: Principal, client: ClientInfo, ports: AccountDeps
) -> User:
    """Disable or re-enable an account. Disabling ends every session and refuses every access token at
    once (the access guard reads the status on each request)."""
    _require_admin(principal)
    if user_id == principal.user_id:
        raise Conflict("You cannot change your own status.", code="own_account")
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        user = await uow.users.get(user_id)
        if user is None:
            raise NotFound("No such account.")
        if user.status is not status:
            user.status, user.updated_at = status, now
            await uow.users.update(user)
            if status is UserStatus.DISABLED:
                await end_all_sessions(uow, user.id, now, "disabled_by_admin")
            await audit(
                uow,
                f"admin.user_{'disabled' if status is UserStatus.DISABLED else 'enabled'}",
                user_id=user.id,
                actor_id=principal.user_id,
                now=now,
                client=client,
            )
        await uow.commit()
    return user


async def list_audit(
    *,
    principal: Principal,
    ports: AccountDeps,
    user_id: uuid.UUID | None = None,
    all_users: bool = False,
    limit: int | None = None,
    cursor: str | None = None,
) -> Page[AuditEvent]:
    """The principal's own security events; admins may read anyone's (``user_id``) or everyone's."""
    if all_users or (user_id is not None and user_id != principal.user_id):
        _require_admin(principal)
        target = user_id
    else:
        target = principal.user_id
    async with ports.uow_factory(read_only=True) as uow:
        return await uow.audit.list(user_id=target, limit=page_size(limit), cursor=cursor)
