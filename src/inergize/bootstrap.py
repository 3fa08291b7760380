"""The composition root: reads settings, chooses adapters, hands use cases their ports.

The only module that imports adapters. Nothing is built at import time: call :func:`bootstrap`.
Entrypoints (the ASGI factory, the CLI, the library façade, the worker) receive what it built.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from dependency_injector import containers, providers

from inergize.adapters.clock import SystemClock
from inergize.adapters.persistence.engine import make_engine
from inergize.adapters.persistence.health import DatabaseHealth
from inergize.adapters.persistence.unit_of_work import SqlUnitOfWorkFactory
from inergize.adapters.secrets import load_key_material
from inergize.adapters.tokens import JwtTokenService
from inergize.adapters.email import make_email_outbox, make_email_sender  # issue 4: accounts
from inergize.adapters.passwords import Argon2PasswordHasher  # issue 4
from inergize.adapters.totp import PyotpTotp  # issue 4
from inergize.adapters.ai import factory as ai_factory  # issue 6: AI content
from inergize.settings import Settings, load_settings


def _engine(settings: Settings) -> Any:
    return make_engine(settings.effective_database_url, pool_size=settings.database_pool_size,
                       echo=settings.database_echo)


def _tokens(settings: Settings, keys: Any) -> JwtTokenService:
    return JwtTokenService(keys.signing_key_pem, ttl=timedelta(seconds=settings.access_token_ttl_seconds))


class Container(containers.DeclarativeContainer):
    """Every adapter the running configuration uses, built lazily from ``settings``."""

    settings = providers.Dependency(instance_of=Settings)
    clock = providers.Singleton(SystemClock)
    keys = providers.Singleton(load_key_material, settings)
    engine = providers.Singleton(_engine, settings)
    uow_factory = providers.Singleton(SqlUnitOfWorkFactory, engine, clock)
    tokens = providers.Singleton(_tokens, settings, keys)
    # issue 4: accounts
    email_sender = providers.Singleton(make_email_sender, settings)
    email_outbox = providers.Singleton(make_email_outbox, settings)
    password_hasher = providers.Singleton(lambda s: Argon2PasswordHasher(s.password_hash_profile), settings)
    totp = providers.Singleton(PyotpTotp)
    moderator = providers.Singleton(ai_factory.make_moderator, settings)  # issue 6: provider moderation or None
    health_checks = providers.List(
        providers.Singleton(DatabaseHealth, engine),
    )


def bootstrap(settings: Settings | None = None, **overrides: Any) -> Container:
    """Build the container for ``settings`` (read from ``INERGIZE_*`` when omitted).

    ``overrides`` replace providers by name (``clock=FixedClock(...)``), for tests and embedding."""
    container = Container(settings=settings or load_settings())
    for name, value in overrides.items():
        getattr(container, name).override(providers.Object(value))
    return container


async def shutdown(container: Container) -> None:
    """Release what the container opened (pools, connections)."""
    engine = container.engine()
    await engine.dispose()


async def migrate(container: Container, revision: str = "heads") -> None:
    """Upgrade the container's database to ``revision`` (all branches by default)."""
    from inergize.adapters.persistence.migrate import upgrade

    await upgrade(container.engine(), revision)


async def migrate_down(container: Container, revision: str) -> None:
    from inergize.adapters.persistence.migrate import downgrade

    await downgrade(container.engine(), revision)
