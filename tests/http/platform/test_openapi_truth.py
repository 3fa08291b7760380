"""The OpenAPI document tells the truth: a fuzzer signed in as a user calls every operation of a running
app (``inergize serve`` on the embedded defaults: SQLite, the LinkedIn sandbox, the offline AI) with
what the document allows and with what it forbids, and every answer it gets is one the document
declares: no server error, a declared status, a declared content type, a body matching its schema.

The fuzzing is bounded (a few examples per operation, derandomized) so it stays a test, not a hunt."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.accounts import PASSWORD, link_token
from tests.support.serving import first_answer
from tests.wire.loopback import free_port

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "scripts"))
from dump_openapi import openapi_document

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EMAIL = "fuzzer@example.com"


class Caller:
    """The signed-in user the fuzzer calls as. Operations the fuzzer may call end the session (logout,
    logout-all), so a 401 signs in again for the calls after it."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.token = ""

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def sign_in(self) -> None:
        r = httpx.post(f"{self.base}/v1/auth/login", json={"email": EMAIL, "password": PASSWORD}, timeout=30)
        assert r.status_code == 200, r.text
        self.token = r.json()["accessToken"]

    def sign_up(self, outbox: Path) -> None:
        r = httpx.post(f"{self.base}/v1/auth/register", json={"email": EMAIL, "password": PASSWORD}, timeout=30)
        assert r.status_code == 202, r.text
        link = _wait_for_link(outbox, "verify-email")
        r = httpx.post(f"{self.base}/v1/auth/verify-email", json={"token": link}, timeout=30)
        assert r.status_code == 204, r.text
        self.sign_in()


def _wait_for_link(outbox: Path, kind: str) -> str:
    """The token of the ``kind`` link in the first mail the in-process worker writes to ``outbox``."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for path in outbox.glob("*.eml"):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
            if f"/{kind}/?token=" in text:
                return link_token(text, kind)
        time.sleep(0.2)
    raise AssertionError(f"no {kind} mail arrived in {outbox}")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Caller]:
    """``inergize serve`` on a fresh data directory, with a verified, signed-in user."""
    data = tmp_path_factory.mktemp("openapi-truth")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("INERGIZE_")}
    env.update(
        INERGIZE_DATA_DIR=str(data), INERGIZE_WEB_DIR=str(data / "no-web"), INERGIZE_PASSWORD_HASH_PROFILE="fast",
        INERGIZE_LOG_LEVEL="WARNING",
        # the fuzzer is one caller sending hundreds of requests a minute: budgets that would refuse it (429,
        # declared everywhere) would hide every other answer
        INERGIZE_API_RATE_USER_PER_MINUTE="1000000", INERGIZE_API_RATE_ADDRESS_PER_MINUTE="1000000",
        INERGIZE_API_RATE_GLOBAL_PER_MINUTE="10000000", INERGIZE_LOGIN_ATTEMPTS_PER_ACCOUNT="100000",
        INERGIZE_LOGIN_ATTEMPTS_PER_ADDRESS="100000",
    )
    log = (data / "server.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "inergize", "serve", "--port", str(port), "--no-tick"],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        first_answer(proc, f"{base}/health", seconds=90, output=(data / "server.log").read_text)
        caller = Caller(base)
        caller.sign_up(data / "outbox")
        yield caller
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _pairs_as_arrays(node: Any) -> Any:
    """``prefixItems`` of one repeated schema (our ``tuple[str, str]``) spelled as the equivalent
    ``items`` with a fixed length: schemathesis 4 rewrites ``prefixItems`` in a response schema into an
    ``items`` list, which its own schema check then refuses, so the operation would go untested."""
    if isinstance(node, list):
        return [_pairs_as_arrays(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _pairs_as_arrays(value) for key, value in node.items()}
    prefix = node.get("prefixItems")
    if prefix and "items" not in node and all(item == prefix[0] for item in prefix):
        node = {k: v for k, v in node.items() if k != "prefixItems"}
        node.update(items=prefix[0], minItems=len(prefix), maxItems=len(prefix))
    return node


# The document the fuzzer reads is the app's own, built as `make web-api` builds it (the same on every run,
# tests/http/platform/test_dump_openapi.py); the calls go to the served app.
schema = schemathesis.openapi.from_dict(_pairs_as_arrays(openapi_document()))


def test_every_error_is_a_problem_and_every_signed_in_route_names_the_bearer() -> None:
    document = openapi_document()
    assert document["components"]["securitySchemes"]["bearer"] == {"type": "http", "scheme": "bearer",
                                                                   "bearerFormat": "JWT", **_description(document)}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            where = f"{method.upper()} {path}"
            for status, answer in operation["responses"].items():
                if int(status) >= 400:
                    assert answer["content"] == {"application/problem+json": {
                        "schema": {"$ref": "#/components/schemas/Problem"}}}, where
            statuses = operation["responses"].keys()
            # signed-in routes (the role guard's 401 and 403) name the scheme; public ones need none
            assert (operation.get("security") == [{"bearer": []}]) == ("403" in statuses), where
            assert "security" not in operation or "401" in statuses, where
            if path.startswith("/v1/"):
                assert "429" in statuses, where


def _description(document: dict[str, Any]) -> dict[str, str]:
    return {"description": document["components"]["securitySchemes"]["bearer"]["description"]}


# Each operation gets schemathesis' coverage phase (every boundary and every kind of invalid value of each
# parameter and body field, deterministic) and 5 fuzzed examples: about two minutes on two busy cores.
@schema.parametrize()
@settings(max_examples=5, derandomize=True, deadline=None, database=None, print_blob=False,
          suppress_health_check=list(HealthCheck))
def test_every_answer_is_one_the_document_declares(case: Any, served: Caller) -> None:
    response = case.call(base_url=served.base, headers=served.headers, timeout=60)
    if response.status_code == 401:  # the fuzzer ended the session (logout): later calls need a new one
        served.sign_in()
    case.validate_response(response, checks=CHECKS)
