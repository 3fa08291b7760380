"""Checking a second factor: a TOTP code (each time step once, ±1 step) or a single-use recovery code."""

from __future__ import annotations

import uuid
from datetime import datetime

from inergize.application.accounts.deps import AccountDeps
from inergize.domain.accounts.security import SecurityState, normalize_recovery_code, token_digest
from inergize.domain.platform.errors import Unauthorized, ValidationFailed
from inergize.ports.unit_of_work import UnitOfWork


def totp_context(user_id: uuid.UUID) -> str:
    """What a TOTP secret's ciphertext is bound to: it decrypts only for its own user."""
    return f"mfa:totp:{user_id}"

async def check_second_factor(
    uow: UnitOfWork,
    ports: AccountDeps,
    state: SecurityState,
    *,
    code: str | None,
    recovery_code: str | None,
    now: datetime,
) -> str:
    """Accept a valid, unused TOTP code or recovery code for an MFA-enabled user (spending it in ``uow``);
    return which one was used. ``ValidationFailed`` when neither is given, ``Unauthorized`` when wrong."""
    if not state.mfa_enabled or state.mfa_secret is None:
        return "none"
    if code:
        secret = ports.box.decrypt(state.mfa_secret, context=totp_context(state.user_id))
        step = ports.totp.matching_step(secret, code, now=now)
        # The conditional update makes a code usable once, even by two requests at the same time.
        if step is not None and await uow.security.spend_totp_step(state.user_id, step):
            return "totp"
        raise Unauthorized("The authentication code is not valid.", code="invalid_mfa_code")
    if recovery_code:
        digest = token_digest(normalize_recovery_code(recovery_code))
        if await uow.security.spend_recovery_code(state.user_id, digest, now):
            return "recovery_code"
        raise Unauthorized("The recovery code is not valid.", code="invalid_mfa_code")
    raise ValidationFailed(
        "This account uses two-step verification: send an authentication code or a recovery code.",
        field="code",
        code="mfa_required",
    )
