"""Member actions beyond publishing: comments, reactions, deleting a post, the network, invitations and
messages. Each checks the adapter's capabilities first, so an ordinary REST app answers a clear
``CapabilityUnavailable`` without calling LinkedIn."""

from __future__ import annotations

import uuid
from typing import cast

import msgspec

from inergize.application.linkedin.deps import LinkedInDeps
from inergize.application.linkedin.member_calls import call_as_member, get_connection
from inergize.domain.accounts.users import Principal
from inergize.domain.linkedin.auth import LinkedInCapability
from inergize.domain.linkedin.direct_posts import DirectPostState
from inergize.domain.linkedin.network import NetworkPage, ReactionType
from inergize.domain.platform.errors import NotFound, ValidationFailed
from inergize.ports.linkedin import SandboxControls


def _require(ports: LinkedInDeps, capability: LinkedInCapability) -> None:
    ports.gateway.capabilities().require(capability)


async def comment(post_urn: str, text: str, *, principal: Principal, ports: LinkedInDeps) -> str:
    _require(ports, LinkedInCapability.COMMENT)
    return await call_as_member(
        ports, principal.user_id, lambda a: ports.gateway.comment(a, post_urn=post_urn, text=text)
    )


async def react(post_urn: str, reaction: ReactionType, *, principal: Principal, ports: LinkedInDeps) -> None:
    _require(ports, LinkedInCapability.REACT)
    await call_as_member(
        ports, principal.user_id, lambda a: ports.gateway.react(a, post_urn=post_urn, reaction=reaction)
    )


async def delete_post(post_id: uuid.UUID, *, principal: Principal, ports: LinkedInDeps) -> None:
    """Delete one of the user's published posts (by our record id: someone else's is "not found").
    The record is found first, so an unknown, foreign or already deleted post never reaches LinkedIn
    (and never costs a write)."""
    _require(ports, LinkedInCapability.DELETE_POST)
    async with ports.uow_factory(read_only=True) as uow:
        row = await uow.linkedin.post_by_id(principal.user_id, post_id)
    if row is None or not row.post_urn or row.state is DirectPostState.DELETED:
        raise NotFound("No such post.")
    post_urn = row.post_urn
    await call_as_member(ports, principal.user_id, lambda a: ports.gateway.delete_post(a, post_urn=post_urn))
    async with ports.uow_factory() as uow:
        await uow.linkedin.update_post(post_id, state=DirectPostState.DELETED, updated_at=ports.clock.now())
        await uow.commit()


async def connections(
    *, principal: Principal, ports: LinkedInDeps, limit: int = 100, cursor: str | None = None
) -> NetworkPage:
    _require(ports, LinkedInCapability.READ_CONNECTIONS)
    return await call_as_member(
        ports, principal.user_id, lambda a: ports.gateway.list_connections(a, limit=limit, cursor=cursor)
    )


async def invite(invitee_urn: str, note: str | None, *, principal: Principal, ports: LinkedInDeps) -> str:
    _require(ports, LinkedInCapability.SEND_INVITATION)
    return await call_as_member(
        ports,
        principal.user_id,
        lambda a: ports.gateway.send_invitation(a, invitee_urn=invitee_urn, message=note),
    )


async def withdraw(invitation_id: str, *, principal: Principal, ports: LinkedInDeps) -> None:
    _require(ports, LinkedInCapability.WITHDRAW_INVITATION)
    await call_as_member(
        ports, principal.user_id, lambda a: ports.gateway.withdraw_invitation(a, invitation_id=invitation_id)
    )


async def message(recipient_urn: str, text: str, *, principal: Principal, ports: LinkedInDeps) -> str:
    _require(ports, LinkedInCapability.SEND_MESSAGE)
    return await call_as_member(
        ports,
        principal.user_id,
        lambda a: ports.gateway.send_message(a, recipient_urn=recipient_urn, text=text),
    )


class Misbehaviour(msgspec.Struct, frozen=True, kw_only=True):
    rate_limit: int = 0
    retry_after: int = 5
    fail: int = 0
    restricted: bool = False


async def sandbox_misbehave(settings: Misbehaviour, *, principal: Principal, ports: LinkedInDeps) -> None:
    """Make the user's own simulated LinkedIn account misbehave (sandbox only), to see how InErgize copes."""
    _require(ports, LinkedInCapability.SIMULATED)
    conn = await get_connection(ports, principal.user_id)
    if (
        not 0 <= settings.rate_limit <= 100
        or not 0 <= settings.fail <= 100
        or not 0 <= settings.retry_after <= 3600
    ):
        raise ValidationFailed("Counts are 0–100 and retry_after 0–3600 seconds.", field="settings")
    controls = cast(SandboxControls, ports.gateway)
    values = {k: v for k, v in msgspec.structs.asdict(settings).items() if v}
    await controls.misbehave(conn.member_urn, **values)
