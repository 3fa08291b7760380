"""The ``inergize`` command line: ``main`` builds the parser from one module of commands per capability
(``platform``, ``accounts``, ``notifications``, ``linkedin``); ``container.open_container`` gives a
command its container."""

from inergize.entrypoints.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
