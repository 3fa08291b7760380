"""Passwords and addresses: forgotten-password reset (single use, 30 minutes, never bypasses two-step
verification, ends every session), password change and email change with re-authentication."""

from __future__ import annotations

import uuid
from datetime import datetime

from inergize.application.accounts.audit import audit
from inergize.application.accounts.deps import AccountDeps
from inergize.application.accounts.mfa_check import check_second_factor
from inergize.application.accounts.one_time_tokens import issue_one_time_token
from inergize.application.accounts.passwords import new_password_hash, reauthenticated_user
from inergize.application.accounts.sessions import end_all_sessions
from inergize.application.accounts.throttling import throttle
from inergize.application.notifications.inbox import notify, queue_email
from inergize.domain.accounts.security import (
    ClientInfo,
    TokenPurpose,
    token_digest,
)
from inergize.domain.accounts.users import Principal, User, normalize_email
from inergize.domain.notifications import web_pages
from inergize.domain.platform.errors import Conflict, NotFound, ValidationFailed
from inergize.ports.email import EmailMessage
from inergize.ports.unit_of_work import UnitOfWork

INVALID_LINK = "This link is not valid or has expired; ask for a new one."


async def forgot_password(email: str, *, client: ClientInfo, ports: AccountDeps) -> None:
    """Email a reset link if the address has an active account. Same answer either way (no enumeration)."""
    now = ports.clock.now()
    address = normalize_email(email)  # a malformed address is a 422 (its shape reveals nothing)
    await throttle(ports, "forgot", account=address, client=client, now=now)
    async with ports.uow_factory() as uow:
        user = await uow.users.get_by_email(address)
        if user is not None and user.is_active:
            await uow.security.expire_tokens(user.id, TokenPurpose.RESET_PASSWORD, now)
            token = await issue_one_time_token(
                uow, user.id, TokenPurpose.RESET_PASSWORD, now=now, ttl=ports.policy.reset_ttl
            )
            link = ports.policy.base_url.rstrip("/") + web_pages.reset_password(token)
            await queue_email(
                uow,
                user.id,
                EmailMessage(
                    to=address,
                    subject="Reset your password",
                    text=f"Open this link within 30 minutes to choose a new password:\n\n{link}\n\n"
                    "If you did not ask for it, ignore this email; your password stays the same.",
                    html=f'<p><a href="{link}">Choose a new password</a> (valid 30 minutes).</p>'
                    "<p>If you did not ask for it, ignore this email.</p>",
                ),
                now=now,
            )
            await audit(uow, "password.reset_requested", user_id=user.id, now=now, client=client)
        await uow.commit()


async def reset_password(
    token: str,
    new_password: str,
    *,
    code: str | None = None,
    recovery_code: str | None = None,
    client: ClientInfo,
    ports: AccountDeps,
) -> None:
    """Set a new password with a reset link. With two-step verification on, a code is required too.
    Every session ends and every access token issued before is refused; the user is notified."""
    now = ports.clock.now()
    digest = token_digest(token)
    await throttle(ports, "reset", account=None, client=client, now=now)
    async with ports.uow_factory(read_only=True) as uow:
        found = await uow.security.find_token(digest, TokenPurpose.RESET_PASSWORD, now)
        user = await uow.users.get(found.user_id) if found else None
    if found is None or user is None or not user.is_active:
        raise ValidationFailed(INVALID_LINK, field="token", code="invalid_token")
    new_hash = await new_password_hash(ports, new_password, email=user.email)
    async with ports.uow_factory() as uow:
        state = await uow.security.state(user.id)
        if state.mfa_enabled:  # guessing codes through reset links is throttled like the sign-in step
            await throttle(ports, "mfa", account=str(user.id), client=client, now=now)
        await check_second_factor(uow, ports, state, code=code, recovery_code=recovery_code, now=now)
        if await uow.security.spend_token(digest, TokenPurpose.RESET_PASSWORD, now) is None:
            raise ValidationFailed(INVALID_LINK, field="token", code="invalid_token")
        user = await uow.users.get(user.id)
        if user is None:
            raise ValidationFailed(INVALID_LINK, field="token", code="invalid_token")
        if user.email_verified_at is None:
            user.email_verified_at = now  # the link reached the mailbox: the address is proven
        await _store_password(
            uow, user, new_hash, now=now, client=client, keep=None, event="password.reset",
            title="Your password was reset",
            body="Your password was reset and every device was signed out. If it was not you, contact us.",
        )
        await uow.commit()



async def _store_password(
    uow: UnitOfWork, user: User, new_hash: str, *, now: datetime, client: ClientInfo, keep: uuid.UUID | None,
    event: str, title: str, body: str,
) -> None:
    """Store a new password hash, end every session but ``keep``, notify the user and audit ``event``."""
    user.password_hash, user.updated_at = new_hash, now
    await uow.users.update(user)
    reason = event.replace(".", "_")  # password_reset | password_changed
    state = await end_all_sessions(uow, user.id, now, reason, keep=keep)
    state.password_changed_at = now
    await uow.security.save(state, now)
    await notify(uow, user.id, f"security.{reason}", title, body, link=web_pages.SECURITY_SETTINGS, now=now)
    await audit(uow, event, user_id=user.id, now=now, client=client)

async def change_password(
    current_password: str,
    new_password: str,
    *,
    principal: Principal,
    session_id: uuid.UUID | None,
    client: ClientInfo,
    ports: AccountDeps,
) -> None:
    """Change the password (the current one is required); other sessions end, this one stays."""
    now = ports.clock.now()
    user = await reauthenticated_user(ports, principal, current_password, client=client, now=now)
    new_hash = await new_password_hash(ports, new_password, email=user.email)
    async with ports.uow_factory() as uow:
        current = await uow.users.get(principal.user_id)
        if current is None:
            raise NotFound("No such account.")
        await _store_password(
            uow, current, new_hash, now=now, client=client, keep=session_id, event="password.changed",
            title="Your password was changed",
            body="Your password was changed and your other devices were signed out.",
        )
        await uow.commit()


async def request_email_change(
    password: str, new_email: str, *, principal: Principal, client: ClientInfo, ports: AccountDeps
) -> None:
    """Send a confirmation link to the new address (the change happens when it is opened). A taken
    address gets no link, and the answer does not say so."""
    now = ports.clock.now()
    address = normalize_email(new_email)
    user = await reauthenticated_user(ports, principal, password, client=client, now=now)
    if address == user.email:
        raise ValidationFailed("This is already your address.", field="newEmail")
    async with ports.uow_factory() as uow:
        if await uow.users.get_by_email(address) is None:
            await uow.security.expire_tokens(user.id, TokenPurpose.CHANGE_EMAIL, now)
            token = await issue_one_time_token(
                uow, user.id, TokenPurpose.CHANGE_EMAIL, now=now, ttl=ports.policy.change_email_ttl,
                data={"new_email": address},
            )
            link = ports.policy.base_url.rstrip("/") + web_pages.confirm_email(token)
            await queue_email(
                uow,
                user.id,
                EmailMessage(
                    to=address,
                    subject="Confirm your new email address",
                    text=f"Open this link to use this address for your InErgize account:\n\n{link}\n",
                ),
                now=now,
            )
        await audit(uow, "email.change_requested", user_id=user.id, now=now, client=client)
        await uow.commit()


async def confirm_email_change(token: str, *, client: ClientInfo, ports: AccountDeps) -> None:
    """Spend the link sent to the new address: switch to it, and tell the old address."""
    now = ports.clock.now()
    await throttle(ports, "verify", account=None, client=client, now=now)
    async with ports.uow_factory() as uow:
        spent = await uow.security.spend_token(token_digest(token), TokenPurpose.CHANGE_EMAIL, now)
        user = await uow.users.get(spent.user_id) if spent else None
        if spent is None or user is None:
            raise ValidationFailed(INVALID_LINK, field="token", code="invalid_token")
        new_address = spent.data["new_email"]
        if await uow.users.get_by_email(new_address) is not None:
            raise Conflict("This address is now used by another account.", code="email_taken")
        old = user.email
        user.email, user.email_verified_at, user.updated_at = new_address, now, now
        await uow.users.update(user)
        await notify(
            uow,
            user.id,
            "security.email_changed",
            "Your email address was changed",
            f"Your InErgize account now uses {new_address}. If it was not you, contact us.",
            link=web_pages.SECURITY_SETTINGS,
            now=now,
            email_to=old,
        )
        await audit(uow, "email.changed", user_id=user.id, now=now, client=client, previous=old)
        await uow.commit()
