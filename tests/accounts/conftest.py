"""Fixtures for the accounts tests: a recording email sender and the outbox job runner."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from dependency_injector import providers

from tests.fakes.email import RecordingEmailSender


@pytest.fixture
def emails(container: Any) -> Iterator[RecordingEmailSender]:
    sender = RecordingEmailSender()
    container.email_sender.override(providers.Object(sender))
    yield sender
    container.email_sender.reset_override()
