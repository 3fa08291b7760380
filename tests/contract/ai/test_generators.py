"""The TextGenerator, ImageGenerator and Moderator contracts over the fakes, the offline provider (the
embedded default) and the OpenAI and Anthropic adapters against the local wire servers. What each
wire format carries in detail is in test_providers_wire.py; here, what a use case may rely on from any
provider. The offline provider has no server to fail, so the unavailable cases run without it, and no
moderator is the embedded default (local rules only), so the moderator runs over the fake and OpenAI."""

from __future__ import annotations

import io
from collections.abc import Callable

import msgspec
import pytest
from PIL import Image

from inergize.adapters.ai.offline import OfflineImageGenerator, OfflineTextGenerator
from inergize.adapters.ai.openai_provider import OpenAIImageGenerator, OpenAIModerator, make_client
from inergize.domain.ai.generation import ImageRequest, ProviderFailed, TextRequest
from inergize.domain.platform.errors import ProviderUnavailable
from inergize.ports.ai import ImageGenerator, TextGenerator
from inergize.ports.moderator import Moderator
from tests.contract.ai.test_providers_wire import anthropic_gen, openai_gen
from tests.fakes.ai import ScriptedImageGenerator, ScriptedTextGenerator, WordModerator
from tests.wire.ai_providers import Reply, ScriptedServer, anthropic_error, openai_error

DRAFT = "Code review is a conversation, not a gate.\n\nWhat do you ask first?"
REQ = TextRequest(system="You write posts.", prompt="Write about code review.", max_tokens=300, seed=7,
                  context={"draft": DRAFT, "template_version": "2"})
IMAGE = ImageRequest(prompt="abstract waves", width=1584, height=396, seed=3)
CHAT, MESSAGES, IMAGES, MODERATIONS = ("/v1/chat/completions", "/v1/messages", "/v1/images/generations",
                                       "/v1/moderations")


class TextProvider(msgspec.Struct):
    generator: TextGenerator
    refusing: Callable[[], TextRequest]  # a request this provider will refuse
    failing: Callable[[], None] | None  # make the next call meet an unavailable provider (None: cannot)


def _text_provider(kind: str, request: pytest.FixtureRequest) -> TextProvider:
    if kind == "fake":
        fake = ScriptedTextGenerator()

        def refuse() -> TextRequest:
            fake.script.append(ProviderFailed(fake.name, "bad_request", "refused", retryable=False))
            return REQ

        return TextProvider(fake, refuse, lambda: fake.script.append(
            ProviderFailed(fake.name, "server_error", "down", retryable=True)))
    if kind == "offline":
        return TextProvider(OfflineTextGenerator(), lambda: msgspec.structs.replace(REQ, context={}), None)
    server: ScriptedServer = request.getfixturevalue(f"fake_{kind}")
    path = CHAT if kind == "openai" else MESSAGES
    refusal = (openai_error(400, "Bad request", "invalid_request_error") if kind == "openai"
               else anthropic_error(400, "invalid_request_error", "max_tokens: too large"))
    outage = (openai_error(500, "The server had an error", "server_error") if kind == "openai"
              else anthropic_error(529, "overloaded_error", "Overloaded"))

    def refuse_wire() -> TextRequest:
        server.push(path, refusal)
        return REQ

    return TextProvider(openai_gen(server) if kind == "openai" else anthropic_gen(server), refuse_wire,
                        lambda: server.push(path, outage))


@pytest.fixture(params=["fake", "offline", "openai", "anthropic"])
def text(request: pytest.FixtureRequest) -> TextProvider:
    return _text_provider(request.param, request)


@pytest.fixture(params=["fake", "openai", "anthropic"])
def fallible_text(request: pytest.FixtureRequest) -> TextProvider:
    return _text_provider(request.param, request)


async def test_an_answer_carries_text_and_names_its_provider_and_model(text: TextProvider) -> None:
    answer = await text.generator.generate(REQ)
    assert answer.text.strip() == answer.text and answer.text
    assert answer.provider == text.generator.name and answer.model
    assert answer.tokens_in > 0 and answer.tokens_out > 0
    assert not answer.cached and answer.attempts == ()


async def test_a_refused_request_is_a_failure_a_retry_would_not_mend(text: TextProvider) -> None:
    with pytest.raises(ProviderFailed) as info:
        await text.generator.generate(text.refusing())
    assert (info.value.provider, info.value.reason, info.value.retryable) == (text.generator.name, "bad_request",
                                                                             False)
    assert isinstance(info.value, ProviderUnavailable)  # what the error mapper answers as 503


async def test_an_unavailable_provider_is_a_failure_worth_retrying(fallible_text: TextProvider) -> None:
    assert fallible_text.failing is not None
    fallible_text.failing()
    with pytest.raises(ProviderFailed) as info:
        await fallible_text.generator.generate(REQ)
    assert info.value.provider == fallible_text.generator.name
    assert info.value.reason == "server_error" and info.value.retryable
    assert (await fallible_text.generator.generate(REQ)).text  # the next call is answered


class ImageProvider(msgspec.Struct):
    generator: ImageGenerator
    failing: Callable[[], None] | None


def _image_provider(kind: str, request: pytest.FixtureRequest) -> ImageProvider:
    if kind == "fake":
        fake = ScriptedImageGenerator()
        return ImageProvider(fake, lambda: fake.failures.append(
            ProviderFailed(fake.name, "server_error", "down", retryable=True)))
    if kind == "offline":
        return ImageProvider(OfflineImageGenerator(), None)
    server: ScriptedServer = request.getfixturevalue("fake_openai")
    return ImageProvider(OpenAIImageGenerator(make_client("sk-test", server.base + "/v1", 5), "dall-e-3"),
                         lambda: server.push(IMAGES, openai_error(500, "The server had an error", "server_error")))


@pytest.fixture(params=["fake", "offline", "openai"])
def image(request: pytest.FixtureRequest) -> ImageProvider:
    return _image_provider(request.param, request)


@pytest.fixture(params=["fake", "openai"])
def fallible_image(request: pytest.FixtureRequest) -> ImageProvider:
    return _image_provider(request.param, request)


@pytest.mark.parametrize(("width", "height"), [(1584, 396), (1080, 1080)])
async def test_an_image_is_a_png_of_exactly_the_size_asked(image: ImageProvider, width: int, height: int) -> None:
    answer = await image.generator.generate(msgspec.structs.replace(IMAGE, width=width, height=height))
    picture = Image.open(io.BytesIO(answer.png))
    assert picture.format == "PNG" and picture.size == (width, height)
    assert answer.provider == image.generator.name and answer.model


async def test_an_unavailable_image_provider_is_a_failure_worth_retrying(fallible_image: ImageProvider) -> None:
    assert fallible_image.failing is not None
    fallible_image.failing()
    with pytest.raises(ProviderFailed) as info:
        await fallible_image.generator.generate(IMAGE)
    assert info.value.provider == fallible_image.generator.name and info.value.retryable


class ModerationProvider(msgspec.Struct):
    moderator: Moderator
    flagging: Callable[[], str]  # text the provider will flag
    failing: Callable[[], None]
    named: str  # what the flag's reason names


@pytest.fixture(params=["fake", "openai"])
def moderation(request: pytest.FixtureRequest) -> ModerationProvider:
    if request.param == "fake":
        fake = WordModerator("nasty")

        def fail() -> None:
            fake.failure = ProviderUnavailable("moderation is down")

        return ModerationProvider(fake, lambda: "something nasty", fail, "nasty")
    server: ScriptedServer = request.getfixturevalue("fake_openai")

    def flag() -> str:
        server.push(MODERATIONS, Reply(body={
            "id": "m", "model": "omni-moderation-latest",
            "results": [{"flagged": True, "categories": {"harassment": True, "violence": False},
                         "category_scores": {"harassment": 0.9, "violence": 0.0}}]}))
        return "something nasty"

    return ModerationProvider(OpenAIModerator(make_client("sk-test", server.base + "/v1", 5)), flag,
                              lambda: server.push(MODERATIONS, openai_error(500, "The server had an error",
                                                                            "server_error")), "harassment")


async def test_text_the_provider_passes_is_allowed_and_says_who_checked(moderation: ModerationProvider) -> None:
    verdict = await moderation.moderator.check("hello, colleagues")
    assert verdict.allowed and verdict.checked_by == (moderation.moderator.name,)


async def test_text_the_provider_flags_carries_one_issue_per_flag(moderation: ModerationProvider) -> None:
    verdict = await moderation.moderator.check(moderation.flagging())
    assert not verdict.allowed and verdict.checked_by == (moderation.moderator.name,)
    assert [i.code for i in verdict.issues] == ["provider_flagged"] and moderation.named in verdict.reason()


async def test_a_moderator_that_cannot_answer_says_so(moderation: ModerationProvider) -> None:
    moderation.failing()
    with pytest.raises(ProviderUnavailable):
        await moderation.moderator.check("hello, colleagues")
