"""Commands of LinkedIn: ``inergize linkedin sandbox-seed | reencrypt | version``."""

from __future__ import annotations

import argparse
import sys
from typing import Any
from urllib.parse import parse_qs, urlsplit

from inergize.bootstrap import Container
from inergize.entrypoints.cli.container import run_with_container


def register(commands: Any) -> None:
    linkedin = commands.add_parser("linkedin", help="LinkedIn connections").add_subparsers(
        dest="linkedin_command", required=True)
    seed = linkedin.add_parser(
        "sandbox-seed", help="a demo account on the sandbox: user, connection, 60 days of posts"
    )
    seed.add_argument("--email", default="demo@inergize.local")
    seed.add_argument("--password-stdin", action="store_true", help="set the demo user's password from stdin")
    seed.set_defaults(run=sandbox_seed)
    linkedin.add_parser(
        "reencrypt", help="re-encrypt stored LinkedIn tokens with the primary encryption key"
    ).set_defaults(run=reencrypt)
    linkedin.add_parser("version", help="where the configured LinkedIn-Version stands").set_defaults(run=version)


async def seed_demo_account(container: Any, email: str, password: str | None) -> dict[str, Any]:
    """Create (or reuse) the demo user, connect it to a simulated LinkedIn member with two months of
    posts and engagement, and sync its profile. Sandbox mode only. Running it again changes nothing new."""
    from inergize.application.accounts.registration import create_account
    from inergize.application.linkedin import connection, profile
    from inergize.domain.accounts.users import Principal, normalize_email
    from inergize.domain.platform.errors import ConfigurationError

    ports = container.linkedin_deps()
    gateway: Any = ports.gateway  # the sandbox's own seeding is no part of the gateway port
    if gateway.capabilities().adapter != "sandbox":
        raise ConfigurationError("sandbox-seed needs INERGIZE_LINKEDIN_MODE=sandbox.")
    async with ports.uow_factory(read_only=True) as uow:
        user = await uow.users.get_by_email(normalize_email(email))
    if user is None:
        user = await create_account(email, password, display_name="Demo", ports=container.account_deps())
    principal = Principal(user.id, user.role)
    member = await gateway.seed_demo(user.id)
    start = await connection.start_connect(principal=principal, ports=ports)
    query = parse_qs(urlsplit(start.authorization_url).query)  # the sandbox answers at once with a code
    await connection.complete_connect(code=query["code"][0], state=query["state"][0], ports=ports)
    synced = await profile.sync_profile(principal=principal, ports=ports)
    return {"user_id": str(user.id), "email": user.email, "member_urn": member, "score": synced.score}


def sandbox_seed(args: argparse.Namespace) -> int:
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None

    async def work(container: Container) -> int:
        out = await seed_demo_account(container, args.email, password)
        print(f"{out['user_id']} {out['email']} {out['member_urn']} profile score {out['score']}")
        return 0

    return run_with_container(work, migrated=True)


def reencrypt(args: argparse.Namespace) -> int:
    from inergize.application.linkedin.connection import reencrypt_tokens

    async def work(container: Container) -> int:
        linkedin = container.linkedin_deps()
        done = await reencrypt_tokens(linkedin)
        print(f"re-encrypted {done.changed} connection(s) with key {linkedin.secret_box.primary_key_id}")
        if done.unreadable:
            print(f"{done.unreadable} connection(s) use a key not configured: keep the old key or reconnect them")
            return 1
        return 0

    return run_with_container(work, migrated=True)


def version(args: argparse.Namespace) -> int:
    from inergize.domain.linkedin.version import ApiVersionState, version_status

    async def work(container: Container) -> int:
        linkedin = container.linkedin_deps()
        status = version_status(linkedin.api_version, linkedin.clock.now().date())
        print(f"{status.state.value}: {status.message}")
        return 0 if status.state is ApiVersionState.CURRENT else 1

    return run_with_container(work)
