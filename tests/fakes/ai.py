"""The content engine's outside services, scripted: text and image generators that answer what a test
queued (or fail as told), a past-posts source, and a moderator that flags chosen words."""

from __future__ import annotations

import io
import uuid

from PIL import Image

from inergize.domain.ai.generation import ImageAnswer, ImageRequest, ProviderFailed, TextAnswer, TextRequest
from inergize.domain.content.library import ModerationIssue
from inergize.domain.content.moderation import ModerationVerdict
from inergize.domain.platform.errors import ProviderUnavailable


class ScriptedTextGenerator:
    """Answers queued texts in order, then ``default``; a queued ``ProviderFailed`` is raised instead."""

    def __init__(self, name: str = "scripted", *, paid: bool = False, default: str = "A post.") -> None:
        self.name, self.paid, self.default = name, paid, default
        self.script: list[str | ProviderFailed] = []
        self.requests: list[TextRequest] = []

    async def generate(self, request: TextRequest) -> TextAnswer:
        self.requests.append(request)
        step = self.script.pop(0) if self.script else self.default
        if isinstance(step, ProviderFailed):
            raise step
        return TextAnswer(text=step, provider=self.name, model="scripted-1",
                          tokens_in=len(request.prompt.split()), tokens_out=len(step.split()))


class ScriptedImageGenerator:
    """A plain PNG of the requested size, or the queued ``ProviderFailed``."""

    def __init__(self, name: str = "scripted", *, paid: bool = False) -> None:
        self.name, self.paid = name, paid
        self.failures: list[ProviderFailed] = []
        self.requests: list[ImageRequest] = []

    async def generate(self, request: ImageRequest) -> ImageAnswer:
        self.requests.append(request)
        if self.failures:
            raise self.failures.pop(0)
        out = io.BytesIO()
        Image.new("RGB", (request.width, request.height), (40, 90, 160)).save(out, format="PNG")
        return ImageAnswer(png=out.getvalue(), provider=self.name, model="scripted-1")


class FakePastPosts:
    def __init__(self) -> None:
        self.by_user: dict[uuid.UUID, list[str]] = {}  # newest first

    async def texts(self, user_id: uuid.UUID, *, limit: int = 30) -> list[str]:
        return self.by_user.get(user_id, [])[:limit]


class WordModerator:
    """Flags every listed word found in the text (case-insensitive); ``failure`` makes it unavailable."""

    def __init__(self, *flagged: str, name: str = "fake") -> None:
        self.name = name
        self.flagged = tuple(w.lower() for w in flagged)
        self.failure: ProviderUnavailable | None = None

    async def check(self, text: str) -> ModerationVerdict:
        if self.failure is not None:
            raise self.failure
        found = [w for w in self.flagged if w in text.lower()]
        issues = tuple(ModerationIssue(code="provider_flagged", detail=f"flagged: {w}")
                       for w in found)
        return ModerationVerdict(issues=issues, checked_by=(self.name,))
