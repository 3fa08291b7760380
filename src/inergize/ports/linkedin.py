"""The ``LinkedInGateway`` port: everything InErgize asks of LinkedIn (or of the sandbox that simulates it).

Conventions every adapter keeps:
- ``commentary`` / comment texts are passed as the user wrote them; the adapter escapes them
  (``inergize.domain.linkedin.little_text``) and checks the 3,000-character limit on the raw text.
- Errors are the domain exceptions of ``inergize.domain.linkedin.errors``: ``LinkedInUnavailable`` (transient,
  with ``retry_after``; ``LinkedInRateLimited`` is one), ``LinkedInTokenRejected`` (401),
  ``LinkedInForbidden`` (403), ``DuplicatePost`` (with ``existing_urn``), ``ContentRejected``,
  ``VersionUnsupported`` and ``CapabilityUnavailable`` (the adapter cannot do it at all; check
  ``capabilities()`` first). Transient failures retry inside the adapter (bounded) before surfacing.
- Media: ``upload_media`` once, store the URN, then ``publish_post`` with ``MediaAttachment(urn=…)`` so a
  retried publish never re-uploads. ``publish_post`` also accepts ``upload=`` attachments for
  convenience; if it then fails, the exception's ``media_urns`` lists what was uploaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from inergize.domain.linkedin.auth import Capabilities, LinkedInIdentity, MemberAuth, OAuthTokens
from inergize.domain.linkedin.network import NetworkPage, ProfileSnapshot, ReactionType
from inergize.domain.linkedin.posts import MediaUpload, PostRequest, PublishedPost, UploadedMedia


class LinkedInGateway(Protocol):
    def capabilities(self) -> Capabilities:
        """What this adapter can do (and why the rest is unavailable). Pure, cheap, no I/O."""
        ...

    def authorization_url(
        self, *, state: str, redirect_uri: str, scopes: Sequence[str], login_hint: str | None = None
    ) -> str:
        """The URL to send the member's browser to. ``login_hint`` is an opaque hint some adapters use
        (the sandbox derives its simulated member from it); LinkedIn ignores it."""
        ...

    async def exchange_code(self, *, code: str, redirect_uri: str) -> OAuthTokens:
        """Trade an authorization code for tokens."""
        ...

    async def refresh(self, *, refresh_token: str) -> OAuthTokens:
        """New tokens from a refresh token. The answer may omit a new refresh token: keep the old one."""
        ...

    async def userinfo(self, access_token: str) -> LinkedInIdentity:
        """OpenID userinfo of the token's member."""
        ...

    async def profile(self, auth: MemberAuth) -> ProfileSnapshot:
        """The member's profile: everything with ``FULL_PROFILE`` (sandbox), else what userinfo gives."""
        ...

    async def upload_media(self, auth: MemberAuth, media: MediaUpload) -> UploadedMedia:
        """Upload one image or PDF document owned by ``auth.member_urn``; returns its URN."""
        ...

    async def publish_post(self, auth: MemberAuth, post: PostRequest) -> PublishedPost:
        """Publish as ``auth.member_urn``; then the optional first comment (its failure does not fail the
        post: see ``PublishedPost.first_comment_error``). At most one post per call, even across the
        adapter's own retries."""
        ...

    async def comment(self, auth: MemberAuth, *, post_urn: str, text: str) -> str:
        """Comment on a post; returns the comment URN."""
        ...

    async def react(self, auth: MemberAuth, *, post_urn: str, reaction: ReactionType) -> None: ...

    async def delete_post(self, auth: MemberAuth, *, post_urn: str) -> None:
        """Delete one of the member's posts; deleting an already deleted post succeeds."""
        ...

    async def send_invitation(self, auth: MemberAuth, *, invitee_urn: str, message: str | None = None) -> str:
        """Invite a member to connect; returns an invitation id."""
        ...

    async def withdraw_invitation(self, auth: MemberAuth, *, invitation_id: str) -> None: ...

    async def send_message(self, auth: MemberAuth, *, recipient_urn: str, text: str) -> str:
        """Send a direct message; returns a message id."""
        ...

    async def list_connections(
        self, auth: MemberAuth, *, limit: int = 100, cursor: str | None = None
    ) -> NetworkPage:
        """The member's first-degree connections, oldest first, cursor-paginated."""
        ...

    async def suggested_members(self, auth: MemberAuth, *, limit: int = 20) -> NetworkPage:
        """Second-degree members one could invite ("network" beyond connections)."""
        ...


class SandboxControls(Protocol):
    """Extra controls of the sandbox adapter (``LinkedInCapability.SIMULATED``), for demos and tests."""

    async def misbehave(self, member_urn: str, **settings: object) -> None:
        """``rate_limit=n`` (next n calls 429, ``retry_after`` seconds), ``fail=n`` (next n calls 500),
        ``restricted=True`` (writes refused); no settings: behave again."""
        ...
