"""Sign-up, email verification, and creating accounts directly (the first admin)."""

from __future__ import annotations

import uuid
from datetime import datetime

from inergize.application.accounts.audit import audit
from inergize.application.accounts.deps import AccountDeps
from inergize.application.accounts.one_time_tokens import issue_one_time_token
from inergize.application.accounts.passwords import common_passwords, hash_password, new_password_hash
from inergize.application.accounts.throttling import refund, throttle
from inergize.application.accounts.users import create_user
from inergize.application.notifications.inbox import queue_email
from inergize.domain.accounts.security import (
    ClientInfo,
    TokenPurpose,
    check_password,
    token_digest,
)
from inergize.domain.accounts.users import Role, User, normalize_email
from inergize.domain.notifications import web_pages
from inergize.domain.platform.errors import ValidationFailed
from inergize.ports.email import EmailMessage
from inergize.ports.unit_of_work import UnitOfWork

REGISTERED = "If this address can be used, we sent it an email with the next step."


async def send_verification(
    uow: UnitOfWork, ports: AccountDeps, user_id: uuid.UUID, address: str, now: datetime
) -> None:
    """Replace any earlier verification link with a new single-use one and email it."""
    await uow.security.expire_tokens(user_id, TokenPurpose.VERIFY_EMAIL, now)
    token = await issue_one_time_token(
        uow, user_id, TokenPurpose.VERIFY_EMAIL, now=now, ttl=ports.policy.verify_email_ttl
    )
    link = ports.policy.base_url.rstrip("/") + web_pages.verify_email(token)
    await queue_email(
        uow,
        user_id,
        EmailMessage(
            to=address,
            subject="Confirm your email address",
            text="Welcome to InErgize. Confirm your address by opening this link (valid 24 hours):\n\n"
            f"{link}\n\n"
            "If you did not sign up, ignore this email.",
            html=f'<p>Welcome to InErgize. <a href="{link}">Confirm your email address</a>'
            " (valid 24 hours).</p>"
            "<p>If you did not sign up, ignore this email.</p>",
        ),
        now=now,
    )


async def register(
    email: str, password: str, *, display_name: str = "", client: ClientInfo, ports: AccountDeps
) -> None:
    """Sign up. The answer and the work done are the same whether or not the address already has an
    account (no enumeration): a new address gets a verification link, a known one a notice."""
    address = normalize_email(email)
    check_password(password, email=address, common=common_passwords())
    now = ports.clock.now()
    await throttle(ports, "register", account=None, client=client, now=now)
    password_hash = await hash_password(ports, password)  # also for a known address: same time spent
    async with ports.uow_factory() as uow:
        existing = await uow.users.get_by_email(address)
        if existing is not None:
            await queue_email(
                uow,
                existing.id,
                EmailMessage(
                    to=address,
                    subject="Someone tried to sign up with your address",
                    text="An InErgize account already exists for this address. If it was you, sign in or "
                    "reset "
                    f"your password: {ports.policy.base_url.rstrip('/')}{web_pages.SIGN_IN}\n",
                ),
                now=now,
            )
            await audit(uow, "register.existing_address", user_id=existing.id, now=now, client=client)
        else:
            user = User(
                id=uuid.uuid4(),
                email=address,
                display_name=display_name.strip()[:200],
                password_hash=password_hash,
                created_at=now,
                updated_at=now,
            )
            await uow.users.add(user)
            await send_verification(uow, ports, user.id, address, now)
            await audit(uow, "register.created", user_id=user.id, now=now, client=client)
        await uow.commit()


async def verify_email(token: str, *, client: ClientInfo, ports: AccountDeps) -> None:
    """Spend a verification link (once, before it expires) and mark the address verified."""
    now = ports.clock.now()
    charged = await throttle(ports, "verify", account=None, client=client, now=now)
    async with ports.uow_factory() as uow:
        spent = await uow.security.spend_token(token_digest(token), TokenPurpose.VERIFY_EMAIL, now)
        user = await uow.users.get(spent.user_id) if spent else None
        if spent is None or user is None:
            raise ValidationFailed(
                "This link is not valid or has expired; ask for a new one.",
                field="token",
                code="invalid_token",
            )
        if user.email_verified_at is None:
            user.email_verified_at = now
            user.updated_at = now
            await uow.users.update(user)
        await audit(uow, "email.verified", user_id=user.id, now=now, client=client)
        await uow.commit()
    await refund(ports, charged, now)


async def resend_verification(email: str, *, client: ClientInfo, ports: AccountDeps) -> None:
    """Send a new verification link if the address has an unverified account; same answer otherwise."""
    now = ports.clock.now()
    address = normalize_email(email)  # a malformed address is a 422 (its shape reveals nothing)
    await throttle(ports, "resend", account=address, client=client, now=now)
    async with ports.uow_factory() as uow:
        user = await uow.users.get_by_email(address)
        if user is not None and user.email_verified_at is None and user.is_active:
            await send_verification(uow, ports, user.id, address, now)
            await uow.commit()


async def create_account(
    email: str, password: str | None, *, role: Role = Role.MEMBER, display_name: str = "", ports: AccountDeps
) -> User:
    """Create a verified account directly (``inergize users create --admin``); the password, if any,
    follows the same policy as sign-up. ``Conflict`` if the address is taken."""
    address = normalize_email(email)
    password_hash = None
    if password is not None:
        password_hash = await new_password_hash(ports, password, email=address)
    user = await create_user(
        address,
        uow_factory=ports.uow_factory,
        clock=ports.clock,
        role=role,
        display_name=display_name,
        password_hash=password_hash,
        verified=True,
    )
    async with ports.uow_factory() as uow:
        await audit(
            uow, "account.created", user_id=user.id, actor_id=None, now=ports.clock.now(), role=role.value
        )
        await uow.commit()
    return user
