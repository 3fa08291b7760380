"""A minimal SMTP server on loopback (enough of RFC 5321 for smtplib): it keeps what it receives."""

from __future__ import annotations

import asyncio


class SmtpServer:
    def __init__(self, user: str | None = None, password: str | None = None) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.port = 0
        self._server: asyncio.base_events.Server | None = None
        self._auth = (user, password)

    async def __aenter__(self) -> SmtpServer:
        self._server = await asyncio.start_server(self._session, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        import base64

        def say(line: str) -> None:
            writer.write((line + "\r\n").encode())

        say("220 localhost test SMTP")
        sender, rcpts = "", []
        while line := (await reader.readline()).decode().rstrip("\r\n"):
            verb = line.split(" ", 1)[0].upper()
            if verb == "EHLO":
                say("250-localhost")
                say("250 AUTH PLAIN")
            elif verb == "AUTH":
                creds = base64.b64decode(line.split()[2]).split(b"\0")
                ok = (creds[1].decode(), creds[2].decode()) == self._auth
                say("235 ok" if ok else "535 bad credentials")
            elif verb == "MAIL":
                sender = line.split(":", 1)[1].strip("<> ")
                say("250 ok")
            elif verb == "RCPT":
                rcpts.append(line.split(":", 1)[1].strip("<> "))
                say("250 ok")
            elif verb == "DATA":
                say("354 go on")
                data = b""
                while (chunk := await reader.readline()) != b".\r\n":
                    data += chunk
                self.messages.append((sender, rcpts, data))
                say("250 queued")
            elif verb == "QUIT":
                say("221 bye")
                await writer.drain()
                break
            else:
                say("250 ok")
            await writer.drain()
        writer.close()
