from __future__ import annotations

from pathlib import Path

import pytest

from inergize.domain.platform.errors import ConfigurationError
from inergize.settings import Mode, load_settings, to_public_dict


def test_defaults_are_the_embedded_mode() -> None:
    s = load_settings({})
    assert s.mode is Mode.EMBEDDED
    assert s.effective_database_url.startswith("sqlite+aiosqlite:///")
    assert s.effective_broker == "memory"
    assert (s.http_host, s.http_port) == ("127.0.0.1", 8000)


def test_values_are_typed_from_the_environment() -> None:
    s = load_settings({"INERGIZE_HTTP_PORT": "9001", "INERGIZE_LOG_JSON": "false",
                       "INERGIZE_DATA_DIR": "/tmp/x", "INERGIZE_REDIS_URL": "redis://localhost:6379/0"})
    assert s.http_port == 9001 and s.log_json is False and s.data_dir == Path("/tmp/x")
    assert s.effective_broker == "redis"


@pytest.mark.parametrize(("env", "variable"), [
    ({"INERGIZE_HTTP_PORT": "eighty"}, "INERGIZE_HTTP_PORT"),
    ({"INERGIZE_HTTP_PORT": "70000"}, "INERGIZE_HTTP_PORT"),
    ({"INERGIZE_LOG_JSON": "maybe"}, "INERGIZE_LOG_JSON"),
    ({"INERGIZE_DATABASE_URL": "mysql://x"}, "INERGIZE_DATABASE_URL"),
    ({"INERGIZE_BROKER": "kafka"}, "INERGIZE_BROKER"),
    ({"INERGIZE_BROKER": "redis"}, "INERGIZE_BROKER"),
    ({"INERGIZE_HTTP_PROT": "1"}, "INERGIZE_HTTP_PROT"),
    ({"INERGIZE_MODE": "production"}, "INERGIZE_SIGNING_KEY"),
    ({"INERGIZE_MODE": "staging"}, "INERGIZE_MODE"),
    ({"INERGIZE_SCHEDULER_RETRY_BASE_SECONDS": "0"}, "INERGIZE_SCHEDULER_RETRY_BASE_SECONDS"),
    ({"INERGIZE_SCHEDULER_RETRY_BASE_SECONDS": "60", "INERGIZE_SCHEDULER_RETRY_CAP_SECONDS": "30"},
     "INERGIZE_SCHEDULER_RETRY_BASE_SECONDS"),
    ({"INERGIZE_READ_CACHE_LOCAL_SECONDS": "5"}, "INERGIZE_READ_CACHE_LOCAL_SECONDS"),
    ({"INERGIZE_READ_CACHE_NEAR_SECONDS": "1.5"}, "INERGIZE_READ_CACHE_NEAR_SECONDS"),
    ({"INERGIZE_READ_CACHE_NEAR_SECONDS": "-1"}, "INERGIZE_READ_CACHE_NEAR_SECONDS"),
])
def test_a_bad_variable_is_named(env: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        load_settings(env)
    assert variable in info.value.detail
    assert info.value.extra["variable"] == variable


def test_secrets_are_masked_for_logs() -> None:
    s = load_settings({"INERGIZE_OPENAI_API_KEY": "sk-secret",
                       "INERGIZE_DATABASE_URL": "postgresql+psycopg://u:pw@db/x"})
    public = to_public_dict(s)
    assert public["openai_api_key"] == "***"
    assert "pw" not in public["database_url"]
