"""Waiting for an ``inergize serve`` process started by a test to answer."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable

import httpx


def first_answer(proc: subprocess.Popen[bytes], url: str, *, seconds: float,
                 output: Callable[[], str] = lambda: "") -> httpx.Response:
    """The first answer of ``url``, asked again while ``proc`` starts; fails with ``output()`` if the
    process exits first, or when it does not answer within ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return httpx.get(url, timeout=1)
        except httpx.TransportError:
            assert proc.poll() is None, output()
            assert time.monotonic() < deadline, "inergize serve did not come up"
            time.sleep(0.3)
