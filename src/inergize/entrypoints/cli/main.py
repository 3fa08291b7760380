"""The ``inergize`` command: one parser to which each capability's command module adds its commands.

Registration goes one way, as in Litestar's own ``cli/main.py``: this module imports the command modules
and calls their ``register(subparsers)``; they never import it. Each command parser stores the function
that runs it as ``run`` (``set_defaults(run=...)``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from inergize.domain.platform.errors import ConfigurationError, InergizeError
from inergize.entrypoints.cli import accounts, linkedin, notifications, platform

COMMAND_MODULES = (platform, accounts, notifications, linkedin)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="inergize", description="InErgize: LinkedIn growth platform")
    commands = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command ``argv`` names (the process's arguments when omitted); answer its exit status."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except ConfigurationError as exc:
        print(f"inergize: configuration error: {exc.detail}", file=sys.stderr)
        return 2
    except InergizeError as exc:  # a refusal the user can act on (a taken address, a weak password)
        print(f"inergize: {exc.detail}", file=sys.stderr)
        return 1
    return status
