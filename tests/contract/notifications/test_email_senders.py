"""Email adapters end to end: the file outbox (and its CLI), SendGrid v3 against a local server that
speaks its wire format and errors, and SMTP against a local SMTP server."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import httpx
import pytest

from inergize.adapters.email import FileOutbox, SendGridEmailSender, SmtpEmailSender
from inergize.domain.platform.errors import ConfigurationError, ProviderUnavailable, ValidationFailed
from inergize.ports.email import EmailMessage
from tests.wire.sendgrid import SendGridServer
from tests.wire.smtp import SmtpServer

MESSAGE = EmailMessage(
    to="ada@example.com",
    to_name="Ada",
    subject="Verify your address",
    text="Open https://app/verify?t=abc",
    html="<p>Open <a href='https://app'>link</a></p>",
)
SENDER = "InErgize <no-reply@inergize.test>"


async def test_file_outbox_writes_and_reads_back(tmp_path: Path) -> None:
    outbox = FileOutbox(tmp_path / "outbox", SENDER)
    await outbox.send(MESSAGE)
    await outbox.send(EmailMessage(to="bob@example.com", subject="Second", text="plain only"))
    entries = outbox.list()
    assert [e.subject for e in entries] == ["Second", "Verify your address"]
    first = outbox.show(entries[1].id)
    assert first is not None and first.text.strip() == MESSAGE.text and "Ada" in first.to
    assert first.html is not None and "<a href" in first.html
    assert outbox.show("../etc") is None and outbox.show("nope") is None


def test_email_cli_lists_and_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import asyncio

    from inergize.entrypoints.cli import main

    asyncio.run(FileOutbox(tmp_path / "outbox", SENDER).send(MESSAGE))
    monkeypatch.setenv("INERGIZE_DATA_DIR", str(tmp_path))
    assert main(["email", "list"]) == 0
    listed = capsys.readouterr().out
    assert "Verify your address" in listed and "ada@example.com" in listed
    entry_id = next(line for line in listed.splitlines() if "ada@example.com" in line).split()[0]
    assert main(["email", "show", entry_id]) == 0
    assert "https://app/verify?t=abc" in capsys.readouterr().out
    assert main(["email", "show", "missing"]) == 1


def _sendgrid(server: SendGridServer, key: str = "SG.test-key") -> SendGridEmailSender:
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=server), base_url="http://sendgrid.test")
    return SendGridEmailSender(key, SENDER, base_url="http://sendgrid.test", client=client)


async def test_sendgrid_sends_the_documented_body() -> None:
    server = SendGridServer()
    await _sendgrid(server).send(MESSAGE)
    (body,) = server.received
    assert body["personalizations"] == [{"to": [{"email": "ada@example.com", "name": "Ada"}]}]
    assert body["from"] == {"email": "no-reply@inergize.test", "name": "InErgize"}
    assert [c["type"] for c in body["content"]] == ["text/plain", "text/html"]


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, ValidationFailed),
        (403, ConfigurationError),
        (413, ValidationFailed),
        (429, ProviderUnavailable),
        (500, ProviderUnavailable),
    ],
)
async def test_sendgrid_errors_map_to_our_family(status: int, error: type[Exception]) -> None:
    server = SendGridServer()
    server.next_status = status
    with pytest.raises(error) as info:
        await _sendgrid(server).send(MESSAGE)
    assert str(status) in str(info.value)
    if status == 429:
        assert info.value.extra["retry_after"] == 7.0  # type: ignore[attr-defined]
    assert server.received == []


async def test_sendgrid_bad_key_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="invalid, expired"):
        await _sendgrid(SendGridServer(), key="SG.wrong").send(MESSAGE)


async def test_sendgrid_unreachable_is_retryable() -> None:
    sender = SendGridEmailSender("k", SENDER, base_url="http://127.0.0.1:9")  # nothing listens on discard
    with pytest.raises(ProviderUnavailable):
        await sender.send(MESSAGE)


async def test_smtp_delivers_with_auth() -> None:
    async with SmtpServer("mailer", "s3cret") as server:
        sender = SmtpEmailSender(f"smtp+plain://mailer:s3cret@127.0.0.1:{server.port}", SENDER)
        await sender.send(MESSAGE)
        (mail_from, rcpts, data) = server.messages[0]
        assert mail_from == "no-reply@inergize.test" and rcpts == ["ada@example.com"]
        parsed = email.message_from_bytes(data, policy=email.policy.default)
        assert parsed["Subject"] == "Verify your address"
        bad = SmtpEmailSender(f"smtp+plain://mailer:wrong@127.0.0.1:{server.port}", SENDER)
        with pytest.raises(ConfigurationError):
            await bad.send(MESSAGE)


def test_smtp_url_is_checked() -> None:
    with pytest.raises(ConfigurationError):
        SmtpEmailSender("http://example.com", SENDER)
