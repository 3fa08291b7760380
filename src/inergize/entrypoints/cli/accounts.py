"""Commands of accounts: ``inergize users create [--admin]``."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from inergize.application.accounts import create_account
from inergize.bootstrap import Container
from inergize.domain.accounts.users import Role
from inergize.entrypoints.cli.container import run_with_container


def register(commands: Any) -> None:
    users = commands.add_parser("users", help="accounts").add_subparsers(dest="users_command", required=True)
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
    create.set_defaults(run=users_create)


def _password(args: argparse.Namespace) -> str | None:
    if args.no_password:
        return None
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass("Password: ")


def users_create(args: argparse.Namespace) -> int:
    password = _password(args)

    async def work(container: Container) -> int:
        user = await create_account(
            args.email,
            password,
            role=Role.ADMIN if args.admin else Role.MEMBER,
            display_name=args.name,
            ports=container.account_deps(),
        )
        print(f"{user.id} {user.email} {user.role.value}")
        return 0

    return run_with_container(work, migrated=True)
