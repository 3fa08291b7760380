from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest

from inergize.adapters.secrets import parse_encryption_keys
from inergize.bootstrap.platform import key_material
from inergize.domain.platform.errors import ConfigurationError
from inergize.settings import load_settings


def test_embedded_mode_generates_keys_once_into_a_private_file(tmp_path: Path) -> None:
    settings = load_settings({}, data_dir=tmp_path)
    first = key_material(settings)
    path = tmp_path / "secrets.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = key_material(settings)
    assert again == first  # stable across restarts: tokens and ciphertexts stay valid
    assert len(first.encryption_keys[first.primary_encryption_kid]) == 32


def test_production_refuses_to_start_without_secrets(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as info:
        load_settings({"INERGIZE_MODE": "production", "INERGIZE_DATA_DIR": str(tmp_path)})
    assert "INERGIZE_SIGNING_KEY" in info.value.detail
    assert not (tmp_path / "secrets.json").exists()


def test_encryption_keys_are_validated() -> None:
    good = base64.b64encode(b"k" * 32).decode()
    assert parse_encryption_keys(f"new:{good},old:{good}").keys() == {"new", "old"}
    for bad in ("nokid", f":{good}", "k1:not-base64!", "k1:" + base64.b64encode(b"short").decode()):
        with pytest.raises(ConfigurationError):
            parse_encryption_keys(bad)
