"""Fixtures of the content engine tests: fake OpenAI and Anthropic servers on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.ai_servers import ScriptedServer, anthropic_server, openai_server


@pytest.fixture(scope="session")
def _openai() -> Iterator[ScriptedServer]:
    server = openai_server()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _anthropic() -> Iterator[ScriptedServer]:
    server = anthropic_server()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fake_openai(_openai: ScriptedServer) -> ScriptedServer:
    _openai.reset()
    return _openai


@pytest.fixture
def fake_anthropic(_anthropic: ScriptedServer) -> ScriptedServer:
    _anthropic.reset()
    return _anthropic
