"""How a handler gets its ports: it declares the capability bundle it uses as a parameter
(``content: ContentDeps``), and the app hands it the bundle the composition root built once.

Each alias below is the bundle's type marked ``skip_validation``: Litestar would otherwise check the
injected value against a dataclass of Protocols and answer 500. The names of the parameters are fixed
(``accounts``, ``ai``, ``compliance``, ``content``, ``linkedin``, …): :func:`bundle_dependencies` registers
them app-wide, and a handler that does not declare one costs nothing.

This module is the HTTP layer's one reader of the container; middleware, guards and conventions,
which Litestar does not inject, ask it for a bundle by connection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from litestar import Litestar
from litestar.connection import ASGIConnection
from litestar.di import Provide
from litestar.params import Dependency

from inergize.application.accounts import deps as accounts
from inergize.application.ai import deps as ai
from inergize.application.compliance import deps as compliance
from inergize.application.content import deps as content
from inergize.application.linkedin import deps as linkedin
from inergize.application.notifications import deps as notifications
from inergize.application.platform import deps as platform
from inergize.application.scheduling import deps as scheduling
from inergize.bootstrap import Container

AccountDeps = Annotated[accounts.AccountDeps, Dependency(skip_validation=True)]
AiDeps = Annotated[ai.AiDeps, Dependency(skip_validation=True)]
ComplianceDeps = Annotated[compliance.ComplianceDeps, Dependency(skip_validation=True)]
ContentDeps = Annotated[content.ContentDeps, Dependency(skip_validation=True)]
LinkedInDeps = Annotated[linkedin.LinkedInDeps, Dependency(skip_validation=True)]
NotificationDeps = Annotated[notifications.NotificationDeps, Dependency(skip_validation=True)]
PlatformDeps = Annotated[platform.PlatformDeps, Dependency(skip_validation=True)]
SchedulingDeps = Annotated[scheduling.SchedulingDeps, Dependency(skip_validation=True)]

# parameter name → the container's provider of that capability's bundle
BUNDLES = {
    "accounts": "account_deps",
    "ai": "ai_deps",
    "compliance": "compliance_deps",
    "content": "content_deps",
    "linkedin": "linkedin_deps",
    "notifications": "notification_deps",
    "platform": "platform_deps",
    "scheduling": "scheduling_deps",
}


def container_of(app: Litestar) -> Container:
    """The container ``create_app`` was given."""
    container: Container = app.state.container
    return container


def account_deps(app: Litestar) -> accounts.AccountDeps:
    """The accounts bundle, for code Litestar does not inject (the API budgets, the role guard)."""
    return container_of(app).account_deps()  # type: ignore[no-any-return]


def platform_deps(connection: ASGIConnection[Any, Any, Any, Any]) -> platform.PlatformDeps:
    """The platform bundle, for code Litestar does not inject (the Idempotency-Key convention)."""
    return container_of(connection.app).platform_deps()  # type: ignore[no-any-return]


def _handing_out(container: Container, provider: str) -> Callable[[], Any]:
    build = getattr(container, provider)

    def provide() -> Any:
        # asked each request (a singleton's cached object), so a bundle rebuilt after an override is seen
        return build()

    return provide


def bundle_dependencies(container: Container) -> dict[str, Provide]:
    """The app-level dependencies that hand out ``container``'s bundles under their parameter names."""
    return {name: Provide(_handing_out(container, provider), sync_to_thread=False)
            for name, provider in BUNDLES.items()}
