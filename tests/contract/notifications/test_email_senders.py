"""The EmailSender contract over the recording fake, the file outbox (the embedded default), SMTP against
a local SMTP server and SendGrid v3 against a local server speaking its wire format (production): what
was sent is what arrives, and a provider that fails says whether a retry may help. Then each adapter's
own details: the outbox's CLI, SendGrid's body and status codes, SMTP's URL."""

from __future__ import annotations

import email
import email.policy
import email.utils
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import msgspec
import pytest

from inergize.adapters.email import FileOutbox, SendGridEmailSender, SmtpEmailSender
from inergize.domain.platform.errors import ConfigurationError, ProviderUnavailable, ValidationFailed
from inergize.ports.email import EmailMessage, EmailSender
from tests.fakes.email import RecordingEmailSender
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


class Mailbox(msgspec.Struct):
    sender: EmailSender
    delivered: Callable[[], list[EmailMessage]]  # what arrived, oldest first (``to_name`` not compared)
    unavailable: EmailSender | None = None  # the same kind of sender, its provider down (None: it has none)
    misconfigured: EmailSender | None = None  # the same kind of sender with credentials that never work


def _parsed(to: str, data: bytes) -> EmailMessage:
    mime = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(mime, email.message.EmailMessage)
    text, html = mime.get_body(("plain",)), mime.get_body(("html",))
    return EmailMessage(to=to, subject=str(mime["Subject"]), text=text.get_content().strip() if text else "",
                        html=html.get_content().strip() if html and html is not text else None)


@pytest.fixture(params=["fake", "file", "smtp", "sendgrid"])
async def mailbox(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Mailbox]:
    if request.param == "fake":
        fake, down, refused = RecordingEmailSender(), RecordingEmailSender(), RecordingEmailSender()
        down.fail, refused.fail = ProviderUnavailable("down"), ConfigurationError("bad key")
        yield Mailbox(fake, lambda: [msgspec.structs.replace(m, to_name=None) for m in fake.sent], down, refused)
    elif request.param == "file":
        outbox = FileOutbox(tmp_path / "outbox", SENDER)

        def read_outbox() -> list[EmailMessage]:
            entries = [outbox.show(e.id) for e in reversed(outbox.list())]
            return [EmailMessage(to=email.utils.parseaddr(e.to)[1], subject=e.subject, text=e.text.strip(),
                                 html=e.html.strip() if e.html else None) for e in entries if e is not None]

        yield Mailbox(outbox, read_outbox)
    elif request.param == "smtp":
        async with SmtpServer("mailer", "s3cret") as server:
            yield Mailbox(SmtpEmailSender(f"smtp+plain://mailer:s3cret@127.0.0.1:{server.port}", SENDER),
                          lambda: [_parsed(rcpts[0], data) for _, rcpts, data in server.messages],
                          SmtpEmailSender("smtp+plain://mailer:s3cret@127.0.0.1:9", SENDER),
                          SmtpEmailSender(f"smtp+plain://mailer:wrong@127.0.0.1:{server.port}", SENDER))
    else:
        server, down = SendGridServer(), SendGridServer()
        down.next_status = 503

        def read_sendgrid() -> list[EmailMessage]:
            parts = [{c["type"]: c["value"] for c in body["content"]} for body in server.received]
            return [EmailMessage(to=body["personalizations"][0]["to"][0]["email"], subject=body["subject"],
                                 text=part["text/plain"], html=part.get("text/html"))
                    for body, part in zip(server.received, parts, strict=True)]

        yield Mailbox(_sendgrid(server), read_sendgrid, _sendgrid(down), _sendgrid(server, key="SG.wrong"))


async def test_what_is_sent_arrives(mailbox: Mailbox) -> None:
    plain = EmailMessage(to="bob@example.com", subject="Your weekly summary", text="3 posts went out.")
    await mailbox.sender.send(MESSAGE)
    await mailbox.sender.send(plain)
    assert mailbox.delivered() == [msgspec.structs.replace(MESSAGE, to_name=None), plain]


@pytest.mark.parametrize(("failing", "error", "why_not"), [
    ("unavailable", ProviderUnavailable, "the file outbox has no provider to be down"),  # may succeed later
    ("misconfigured", ConfigurationError, "the file outbox takes no credentials"),  # never works
], ids=["provider-down-may-succeed-later", "bad-credentials-are-a-configuration-error"])
async def test_a_failing_provider_says_whether_a_retry_may_help(
    mailbox: Mailbox, failing: str, error: type[Exception], why_not: str
) -> None:
    sender = getattr(mailbox, failing)
    if sender is None:
        pytest.skip(why_not)
    with pytest.raises(error):
        await sender.send(MESSAGE)
    assert mailbox.delivered() == []


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


async def test_smtp_sends_from_the_configured_address() -> None:
    async with SmtpServer("mailer", "s3cret") as server:
        await SmtpEmailSender(f"smtp+plain://mailer:s3cret@127.0.0.1:{server.port}", SENDER).send(MESSAGE)
        (mail_from, rcpts, data) = server.messages[0]
        assert mail_from == "no-reply@inergize.test" and rcpts == ["ada@example.com"]
        assert "InErgize" in str(email.message_from_bytes(data, policy=email.policy.default)["From"])


def test_smtp_url_is_checked() -> None:
    with pytest.raises(ConfigurationError):
        SmtpEmailSender("http://example.com", SENDER)
