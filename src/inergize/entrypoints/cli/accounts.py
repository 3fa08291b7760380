"""CLI commands of accounts: ``inergize users create [--admin]`` and ``inergize email list|show``."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from typing import Any

from inergize.entrypoints.cli.main import EXTENSIONS, command


def _container() -> Any:
    from inergize.bootstrap import bootstrap

    return bootstrap()


def extend(sub: Any) -> None:
    users = sub.add_parser("users", help="accounts").add_subparsers(dest="sub_cmd", required=True)
    create = users.add_parser("create", help="create a user (the first admin: --admin)")
    create.add_argument("email")
    create.add_argument("--admin", action="store_true")
    create.add_argument("--name", default="")
    create.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of asking for it",
    )
    create.add_argument("--no-password", action="store_true", help="create without a password")
    mail = sub.add_parser("email", help="read the file email outbox").add_subparsers(
        dest="sub_cmd", required=True
    )
    listing = mail.add_parser("list", help="newest emails first")
    listing.add_argument("--limit", type=int, default=20)
    show = mail.add_parser("show", help="one email with its text")
    show.add_argument("id")


def _password(args: argparse.Namespace) -> str | None:
    if args.no_password:
        return None
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass("Password: ")


@command("users.create")
def users_create(args: argparse.Namespace) -> int:
    from inergize.application import accounts
    from inergize.bootstrap import migrate, shutdown
    from inergize.domain.accounts.users import Role
    from inergize.domain.platform.errors import InergizeError

    password = _password(args)

    async def run() -> int:
        container = _container()
        try:
            await migrate(container)
            user = await accounts.create_account(
                args.email,
                password,
                role=Role.ADMIN if args.admin else Role.MEMBER,
                display_name=args.name,
                ports=container.account_deps(),
            )
        except InergizeError as exc:
            print(f"inergize: {exc.detail}", file=sys.stderr)
            return 1
        finally:
            await shutdown(container)
        print(f"{user.id} {user.email} {user.role.value}")
        return 0

    return asyncio.run(run())


@command("email.list")
def email_list(args: argparse.Namespace) -> int:
    for entry in _container().email_outbox().list(limit=args.limit):
        print(f"{entry.id}  {entry.date}  {entry.to}  {entry.subject}")
    return 0


@command("email.show")
def email_show(args: argparse.Namespace) -> int:
    entry = _container().email_outbox().show(args.id)
    if entry is None:
        print(f"inergize: no email {args.id!r} in the outbox", file=sys.stderr)
        return 1
    print(f"To: {entry.to}\nDate: {entry.date}\nSubject: {entry.subject}\n\n{entry.text}")
    return 0


EXTENSIONS.append(extend)
