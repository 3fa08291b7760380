"""``inergize users create --admin``, argon2id parameters and rehash on login, and hashing off the loop."""

from __future__ import annotations

import asyncio
import io
import itertools
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from inergize.adapters.passwords import PROFILES, Argon2PasswordHasher
from tests.support.accounts import CLIENT, PASSWORD, logged_in


def test_cli_creates_the_first_admin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from inergize.entrypoints.cli import main

    monkeypatch.setenv("INERGIZE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("INERGIZE_PASSWORD_HASH_PROFILE", "fast")
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-first-passphrase\n"))
    assert main(["users", "create", "Boss@Example.com", "--admin", "--password-stdin", "--name", "Boss"]) == 0
    out = capsys.readouterr().out.split()
    assert out[1:] == ["boss@example.com", "admin"]
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-first-passphrase\n"))
    assert main(["users", "create", "boss@example.com", "--password-stdin"]) == 1  # taken
    monkeypatch.setattr("sys.stdin", io.StringIO("password1234\n"))
    assert main(["users", "create", "weak@example.com", "--password-stdin"]) == 1  # policy applies
    assert "common" in capsys.readouterr().err


def test_owasp_profile_meets_the_minimum() -> None:
    owasp = PROFILES["owasp"]
    assert owasp["memory_cost"] >= 19 * 1024 and owasp["time_cost"] >= 2 and owasp["parallelism"] == 1
    hashed = Argon2PasswordHasher("owasp").hash("correct horse battery staple")
    assert hashed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_production_refuses_the_fast_profile() -> None:
    from inergize.domain.platform.errors import ConfigurationError
    from inergize.settings import Mode, load_settings

    with pytest.raises(ConfigurationError, match="PASSWORD_HASH_PROFILE"):
        load_settings(
            {}, mode=Mode.PRODUCTION, signing_key="x", encryption_keys="k:v", password_hash_profile="fast"
        )


async def test_login_rehashes_when_parameters_change(container: Any, ports: Any, emails: Any) -> None:
    import dataclasses

    from inergize.application.accounts import create_account

    email = f"re{uuid.uuid4().hex[:10]}@example.com"
    old_hasher = Argon2PasswordHasher("fast")
    stronger = Argon2PasswordHasher("fast")
    stronger._hasher = type(stronger._hasher)(memory_cost=2048, time_cost=2, parallelism=1)  # new parameters
    await create_account(email, PASSWORD, ports=dataclasses.replace(ports, hasher=old_hasher))
    new_ports = dataclasses.replace(ports, hasher=stronger)
    await logged_in(new_ports, email)
    async with ports.uow_factory(read_only=True) as uow:
        user = await uow.users.get_by_email(email)
    assert "m=2048,t=2" in user.password_hash
    assert not stronger.needs_rehash(user.password_hash)
    await logged_in(new_ports, email)  # and the new hash verifies


async def test_hashing_runs_off_the_event_loop(container: Any, ports: Any, emails: Any) -> None:
    """While a login hashes with the OWASP profile (tens of ms of CPU), the loop keeps serving."""
    import dataclasses

    from inergize.application.accounts import create_account, login

    email = f"th{uuid.uuid4().hex[:10]}@example.com"
    slow = dataclasses.replace(ports, hasher=Argon2PasswordHasher("owasp"))
    await create_account(email, PASSWORD, ports=slow)
    ticks: list[float] = []

    async def heartbeat() -> None:
        for _ in range(200):
            ticks.append(time.perf_counter())
            await asyncio.sleep(0.002)

    beat = asyncio.create_task(heartbeat())
    started = time.perf_counter()
    for _ in range(3):
        await login.login(email, PASSWORD, client=CLIENT, ports=slow)
    elapsed = time.perf_counter() - started
    beat.cancel()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert elapsed > 0.03 and len(ticks) > 5
    # a hash on the loop would freeze it for its whole duration; in a thread the loop keeps ticking
    assert max(gaps) < max(0.5 * elapsed, 0.05)
