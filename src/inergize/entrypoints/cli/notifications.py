"""Commands of notifications: ``inergize email list|show`` read the file email outbox."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from inergize.bootstrap import Container
from inergize.entrypoints.cli.container import run_with_container


def register(commands: Any) -> None:
    mail = commands.add_parser("email", help="read the file email outbox").add_subparsers(
        dest="email_command", required=True
    )
    listing = mail.add_parser("list", help="newest emails first")
    listing.add_argument("--limit", type=int, default=20)
    listing.set_defaults(run=email_list)
    show = mail.add_parser("show", help="one email with its text")
    show.add_argument("id")
    show.set_defaults(run=email_show)


def email_list(args: argparse.Namespace) -> int:
    async def work(container: Container) -> int:
        for entry in container.email_outbox().list(limit=args.limit):
            print(f"{entry.id}  {entry.date}  {entry.to}  {entry.subject}")
        return 0

    return run_with_container(work)


def email_show(args: argparse.Namespace) -> int:
    async def work(container: Container) -> int:
        entry = container.email_outbox().show(args.id)
        if entry is None:
            print(f"inergize: no email {args.id!r} in the outbox", file=sys.stderr)
            return 1
        print(f"To: {entry.to}\nDate: {entry.date}\nSubject: {entry.subject}\n\n{entry.text}")
        return 0

    return run_with_container(work)
