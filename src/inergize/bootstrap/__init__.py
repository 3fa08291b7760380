"""The composition root: reads settings, chooses adapters, hands use cases their ports.

The only module that imports adapters. Nothing is built at import time: call :func:`bootstrap`.
Entrypoints (the ASGI factory, the CLI, the library façade, the worker) receive what it built.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter, itemgetter
from typing import Any

from dependency_injector import containers, providers

from inergize.adapters.clock import SystemClock
from inergize.adapters.persistence.health import DatabaseHealth
from inergize.adapters.persistence.unit_of_work import SqlUnitOfWorkFactory
from inergize.application.accounts.deps import AccountDeps
from inergize.application.ai.deps import AiDeps
from inergize.application.compliance.deps import ComplianceDeps, LinkedInCredentials
from inergize.application.content.deps import ContentDeps
from inergize.application.linkedin.deps import LinkedInDeps
from inergize.application.notifications.deps import NotificationDeps
from inergize.application.platform.deps import PlatformDeps
from inergize.application.scheduling.deps import SchedulingDeps
from inergize.bootstrap import accounts, ai, compliance, content, notifications, platform
from inergize.bootstrap.linkedin import (
    linkedin_gateway,
    redirect_uri,
    secret_box,
    workbook_reader,
)
from inergize.settings import Settings, load_settings


class _Built:
    """A capability's bundle, built on first use and kept while its ports stay the same objects. A port
    overridden later (a test's clock, an embedder's gateway) gets a new bundle at the next use instead of
    being missed. Containers of one class share this object (a provider's callable is not copied), so a
    second container's call builds its own bundle: its ports are other objects."""

    def __init__(self, bundle: type) -> None:
        self._bundle = bundle
        self._ports: tuple[Any, ...] = ()
        self._built: Any = None

    def __call__(self, **ports: Any) -> Any:
        values = tuple(ports.values())
        # tuples compare element by element, each by identity first: the same test, at C speed (every
        # request asks for its bundles)
        if self._built is None or values != self._ports:
            self._built, self._ports = self._bundle(**ports), values
        return self._built


def _kept(factory: Callable[..., Any], *args: Any) -> providers.Provider[Any]:
    """A singleton that keeps a ``None`` answer too: ``providers.Singleton`` calls its factory again
    while it holds ``None``, on every use of every bundle that takes it."""
    return providers.Callable(itemgetter(0), providers.Singleton(lambda *values: (factory(*values),), *args))


def _setting(settings: providers.Provider[Settings], name: str) -> providers.Provider[Any]:
    """One setting for a bundle, read once (``settings.provided.<name>`` reads it again on every call)."""
    return _kept(attrgetter(name), settings)


def _bundle(bundle: type, **ports: Any) -> providers.Provider[Any]:
    """The provider of one capability's bundle of ports (see :class:`_Built`)."""
    return providers.Callable(_Built(bundle), **ports)


class Container(containers.DeclarativeContainer):
    """Every adapter the running configuration uses, built lazily from ``settings``."""

    settings = providers.Dependency(instance_of=Settings)
    clock = providers.Singleton(SystemClock)
    keys = providers.Singleton(platform.key_material, settings)
    engine = providers.Singleton(platform.engine, settings)
    # jobs committed in a unit of work go to the outbox; the relay sends them right after commit
    broker = providers.Singleton(platform.broker, settings)
    task_queue = providers.Singleton(platform.task_queue, broker)
    outbox_relay = providers.Singleton(platform.outbox_relay, settings, engine, clock, task_queue)
    job_ledger = providers.Singleton(platform.job_ledger, settings, engine, clock)
    ping_log = providers.Singleton(platform.ping_log, engine)
    redis_client = providers.Singleton(platform.redis_client, settings)  # None without Redis
    # a unit of work bumps the read-cache scopes its writes changed as it commits (access, content)
    read_cache = providers.Singleton(platform.read_cache, settings, redis_client.provider)
    uow_factory = providers.Singleton(SqlUnitOfWorkFactory, engine, clock, outbox_relay.provided.relay,
                                      read_cache.provided.bump)
    tokens = providers.Singleton(platform.tokens, settings, keys)
    # accounts and the mail they send
    email_sender = providers.Singleton(notifications.email_sender, settings)
    email_outbox = providers.Singleton(notifications.email_outbox, settings)
    password_hasher = providers.Singleton(accounts.password_hasher, settings)
    totp = providers.Singleton(accounts.totp)
    moderator = _kept(ai.moderator, settings)  # the provider's moderation, or None
    # the redis.asyncio client above serves the cache, the budgets and the read cache
    cache = providers.Singleton(platform.cache, settings, redis_client.provider)
    rate_budgets = providers.Singleton(platform.rate_budgets, settings, redis_client.provider)
    # AI content (text chain behind the response cache, images, files, renderers, voice source)
    text_generator = providers.Singleton(ai.text_generator, settings, cache)
    image_generator = providers.Singleton(ai.image_generator, settings)
    blob_store = providers.Singleton(content.blob_store, settings)
    carousel_renderer = providers.Singleton(ai.carousel_renderer)
    banner_renderer = providers.Singleton(ai.banner_renderer)
    pdf_pages = providers.Singleton(content.pdf_pages)
    past_posts = providers.Singleton(ai.past_posts, engine)
    # LinkedIn (sandbox or rest per settings.linkedin_mode) and encryption of its tokens at rest
    secret_box = providers.Singleton(secret_box, keys)
    workbook_reader = providers.Singleton(workbook_reader)
    linkedin = providers.Singleton(linkedin_gateway, settings, engine, clock.provider, keys, rate_budgets)
    # compliance (action budgets + duplicate claims in one ledger round trip) and automation
    action_ledger = providers.Singleton(compliance.action_ledger, settings, redis_client.provider)
    compliance_gate = providers.Singleton(compliance.compliance_gate, action_ledger)
    metrics = providers.Singleton(platform.metrics, engine)  # Prometheus, at /metrics
    # the checks the configuration uses: the choosers below answer None for unused ones (e.g. no Redis)
    health_checks = providers.Callable(platform.present, providers.List(
        providers.Singleton(DatabaseHealth, engine),
        providers.Singleton(platform.cache_health, settings, redis_client.provider),
        providers.Singleton(platform.broker_health, settings, broker.provider),
    ))
    # What each capability's use cases are handed: entrypoints take these bundles and never assemble
    # ports themselves. Each is built once, and again only if one of its ports is overridden.
    account_deps = _bundle(
        AccountDeps, uow_factory=uow_factory, clock=clock, hasher=password_hasher, tokens=tokens, totp=totp,
        budgets=rate_budgets, policy=providers.Singleton(accounts.account_policy, settings), box=secret_box,
        reads=read_cache)
    content_deps = _bundle(ContentDeps, uow_factory=uow_factory, clock=clock, moderator=moderator,
                                       blobs=blob_store, pages=pdf_pages, reads=read_cache,
                                       list_cache_seconds=_setting(settings, "content_cache_seconds"))
    notification_deps = _bundle(
        NotificationDeps, uow_factory=uow_factory, clock=clock, email_sender=email_sender,
        base_url=_setting(settings, "effective_public_url"))
    platform_deps = _bundle(
        PlatformDeps, uow_factory=uow_factory, clock=clock, health_checks=health_checks, pings=ping_log,
        tokens=tokens, metrics=metrics, metrics_token=_setting(settings, "metrics_token"))
    ai_deps = _bundle(
        AiDeps, uow_factory=uow_factory, clock=clock, text=text_generator, images=image_generator,
        moderator=moderator, past_posts=past_posts, blobs=blob_store, carousels=carousel_renderer,
        banners=banner_renderer, monthly_budget_usd=_setting(settings, "ai_monthly_budget_usd"))
    linkedin_deps = _bundle(
        LinkedInDeps, uow_factory=uow_factory, clock=clock, gateway=linkedin, secret_box=secret_box,
        redirect_uri=providers.Callable(redirect_uri, settings),
        signin_redirect_uri=providers.Callable(redirect_uri, settings, "/v1/auth/linkedin/callback"),
        workbooks=workbook_reader, import_max_bytes=_setting(settings, "linkedin_import_max_bytes"),
        api_version=_setting(settings, "linkedin_api_version"))
    compliance_deps = _bundle(
        ComplianceDeps, uow_factory=uow_factory, clock=clock, gate=compliance_gate, gateway=linkedin,
        auth_for=providers.Callable(LinkedInCredentials, linkedin_deps), moderator=moderator)
    scheduling_deps = _bundle(SchedulingDeps, uow_factory=uow_factory, clock=clock, moderator=moderator,
                              media=blob_store)


def bootstrap(settings: Settings | None = None, **overrides: Any) -> Container:
    """Build the container for ``settings`` (read from ``INERGIZE_*`` when omitted).

    ``overrides`` replace providers by name (``clock=FixedClock(...)``), for tests and embedding."""
    container = Container(settings=settings or load_settings())
    for name, value in overrides.items():
        getattr(container, name).override(providers.Object(value))
    return container


# Providers whose objects any event loop may use, so a worker loop's container shares the parent's:
# the clock, keys, the broker. IN_PROCESS_STATE is shared too when it is in-process (no Redis).
# Capabilities append names of loop-free objects here (loop-bound ones: engines, async clients, must not).
SHARED_ACROSS_LOOPS: list[str] = ["clock", "keys", "tokens", "broker", "task_queue"]
IN_PROCESS_STATE: list[str] = ["cache", "rate_budgets", "action_ledger", "read_cache"]


def loop_container(parent: Container) -> Container:
    """A container for another event loop (a Dramatiq worker's): its own database engine and Redis
    client (an async pool belongs to one loop), sharing the parent's clock, keys, broker, in-process
    stores and every provider a test or embedder overrode on the parent."""
    settings = parent.settings()
    child = Container(settings=settings)
    shared = set(SHARED_ACROSS_LOOPS) | (set() if settings.redis_url else set(IN_PROCESS_STATE))
    for name, provider in parent.providers.items():
        if name == "settings":
            continue
        if name in shared or provider.overridden:
            # follow the parent at call time, so a later override (a test's clock) is seen too
            getattr(child, name).override(providers.Callable(lambda p=provider: p()))
    return child


def worker_loop(container: Container) -> Any:
    """The event loop the container's broker runs async jobs on (per worker, not per process)."""
    return platform.worker_loop(container.broker())


async def shutdown(container: Container) -> None:
    """Release what the container opened (pools, connections)."""
    engine = container.engine()
    await engine.dispose()
    if container.settings().redis_url:
        close_feed = getattr(container.read_cache(), "aclose", None)  # the near cache's change feed
        if close_feed is not None:
            await close_feed()
        await container.redis_client().aclose()
    if container.settings().linkedin_mode == "rest":  # the REST adapter's HTTP pool
        close = getattr(container.linkedin(), "aclose", None)
        if close is not None:
            await close()


async def migrate(container: Container, revision: str = "heads") -> None:
    """Upgrade the container's database to ``revision`` (all branches by default)."""
    from inergize.adapters.persistence.migrate import upgrade

    await upgrade(container.engine(), revision)


async def migrate_down(container: Container, revision: str) -> None:
    from inergize.adapters.persistence.migrate import downgrade

    await downgrade(container.engine(), revision)
