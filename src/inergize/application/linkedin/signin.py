"""Sign in with LinkedIn (OpenID Connect: ``openid profile email``), and re-authentication through LinkedIn
for accounts it created.

Rules: an existing account is matched by the member's LinkedIn id, or else only by an email address that
LinkedIn says is verified *and* that the account has verified too; it is never merged with an unverified
address. Two-step verification is never bypassed: with TOTP on, the answer is an MFA challenge for
``/v1/auth/login/mfa``, exactly like a password login. Accounts created this way have no password; a
LinkedIn re-authentication hands them a password-reset token, so they can set one (and from then on
confirm sensitive changes with it)."""

from __future__ import annotations

from datetime import datetime

import msgspec

from inergize.application.accounts.audit import audit
from inergize.application.accounts.deps import AccountDeps
from inergize.application.accounts.login import LoginResult, session_or_challenge
from inergize.application.accounts.one_time_tokens import issue_one_time_token
from inergize.application.accounts.users import create_user
from inergize.application.linkedin.connection import AuthorizationStart, begin_authorization, state_digest
from inergize.application.linkedin.deps import LinkedInDeps
from inergize.domain.accounts.security import (
    ClientInfo,
    TokenPurpose,
)
from inergize.domain.accounts.users import Principal, User, normalize_email
from inergize.domain.linkedin.account import LinkedInIdentityLink, OAuthState, StatePurpose
from inergize.domain.linkedin.auth import SIGN_IN_SCOPES, LinkedInIdentity
from inergize.domain.platform.errors import Conflict, Forbidden, ValidationFailed


class SignedIn(msgspec.Struct, tag="signed_in", frozen=True, kw_only=True):
    """Signed in (or, with two-step verification on, challenged); ``created``: the account is new."""

    login: LoginResult
    created: bool


class Reauthenticated(msgspec.Struct, tag="reauthenticated", frozen=True, kw_only=True):
    """The member proved it is them: a single-use token for setting a password, until ``expires_at``."""

    reset_token: str
    expires_at: datetime


LinkedInAuthOutcome = SignedIn | Reauthenticated


async def start_signin(*, ports: LinkedInDeps) -> AuthorizationStart:
    return await begin_authorization(
        ports,
        purpose=StatePurpose.SIGNIN,
        user_id=None,
        redirect_uri=ports.signin_redirect_uri,
        scopes=SIGN_IN_SCOPES,
        login_hint=None,
    )


async def start_reauth(*, principal: Principal, ports: LinkedInDeps) -> AuthorizationStart:
    """Re-authenticate through LinkedIn (for accounts signed in with LinkedIn)."""
    async with ports.uow_factory(read_only=True) as uow:
        link = await uow.linkedin.identity_for_user(principal.user_id)
    if link is None:
        raise ValidationFailed("This account does not sign in with LinkedIn.", code="linkedin_not_linked")
    return await begin_authorization(
        ports,
        purpose=StatePurpose.REAUTH,
        user_id=principal.user_id,
        redirect_uri=ports.signin_redirect_uri,
        scopes=SIGN_IN_SCOPES,
        login_hint=f"member:{link.sub}",
    )


async def _spend_state(ports: LinkedInDeps, state: str) -> OAuthState:
    async with ports.uow_factory() as uow:
        record = await uow.linkedin.consume_state(state_digest(state), ports.clock.now())
        await uow.commit()
    if record is None or record.purpose not in (StatePurpose.SIGNIN, StatePurpose.REAUTH):
        raise ValidationFailed(
            "The LinkedIn sign-in link has expired or was already used; start again.",
            code="invalid_oauth_state",
            field="state",
        )
    return record


async def _account_for(
    ports: LinkedInDeps, accounts: AccountDeps, identity: LinkedInIdentity
) -> tuple[User, bool]:
    """The account this member signs in to, created if none exists; ``Conflict`` rather than a merge
    whenever an email match cannot be trusted."""
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        link = await uow.linkedin.get_identity(identity.sub)
        if link is not None:
            user = await uow.users.get(link.user_id)
            if user is not None:
                link.last_login_at = now
                await uow.linkedin.save_identity(link)
                await uow.commit()
                return user, False
        if not identity.email or not identity.email_verified:
            raise Conflict(
                "LinkedIn did not confirm an email address for this member; sign up with your email "
                "instead, then connect LinkedIn.",
                code="linkedin_email_unverified",
            )
        address = normalize_email(identity.email)
        user = await uow.users.get_by_email(address)
        if user is not None and user.email_verified_at is None:
            raise Conflict(
                "An account with this email exists but has not confirmed it. Confirm the address (or "
                "sign in with your password), then connect LinkedIn.",
                code="linkedin_email_unconfirmed",
            )
    created = user is None
    if user is None:
        user = await create_user(
            address,
            uow_factory=ports.uow_factory,
            clock=ports.clock,
            display_name=identity.name[:200],
            password_hash=None,
            verified=True,
        )
    async with ports.uow_factory() as uow:
        await uow.linkedin.save_identity(
            LinkedInIdentityLink(
                sub=identity.sub,
                user_id=user.id,
                email=address,
                email_verified=True,
                created_at=now,
                last_login_at=now,
            )
        )
        await audit(uow, "linkedin.signin_linked", user_id=user.id, now=now, created=created)
        await uow.commit()
    return user, created


async def complete_linkedin_auth(
    *,
    code: str | None,
    state: str,
    error: str | None,
    client: ClientInfo,
    ports: LinkedInDeps,
    accounts: AccountDeps,
) -> LinkedInAuthOutcome:
    """The callback of both flows: sign-in answers ``SignedIn``, re-authentication ``Reauthenticated``
    (a token for setting a password)."""
    record = await _spend_state(ports, state)
    if error or not code:
        raise ValidationFailed(
            f"LinkedIn did not grant access ({error or 'no code'}).", code="linkedin_denied"
        )
    tokens = await ports.gateway.exchange_code(code=code, redirect_uri=record.redirect_uri)
    identity = await ports.gateway.userinfo(tokens.access_token)
    if record.purpose is StatePurpose.REAUTH:
        return await _reauthenticated(ports, accounts, record, identity, client)
    user, created = await _account_for(ports, accounts, identity)
    return SignedIn(login=await _login(accounts, user, client), created=created)


async def _login(accounts: AccountDeps, user: User, client: ClientInfo) -> LoginResult:
    """Open a session, or (TOTP on) issue the same MFA challenge a password login would."""
    if not user.is_active:
        raise Forbidden("This account is disabled.", code="account_disabled")
    now = accounts.clock.now()
    async with accounts.uow_factory() as uow:
        result = await session_or_challenge(uow, accounts, user, client, now, via="linkedin")
        await uow.commit()
    return result


async def _reauthenticated(
    ports: LinkedInDeps,
    accounts: AccountDeps,
    record: OAuthState,
    identity: LinkedInIdentity,
    client: ClientInfo,
) -> Reauthenticated:
    now = ports.clock.now()
    async with ports.uow_factory() as uow:
        link = await uow.linkedin.identity_for_user(record.user_id) if record.user_id else None
        if link is None or link.sub != identity.sub:
            raise Forbidden(
                "That LinkedIn member is not the one this account signs in with.",
                code="linkedin_wrong_member",
            )
        expires = now + accounts.policy.reset_ttl
        token = await issue_one_time_token(
            uow, link.user_id, TokenPurpose.RESET_PASSWORD, now=now, ttl=accounts.policy.reset_ttl,
            data={"via": "linkedin"},
        )
        await audit(uow, "linkedin.reauthenticated", user_id=link.user_id, now=now, client=client)
        await uow.commit()
    return Reauthenticated(reset_token=token, expires_at=expires)
