"""The AI answers are written by response schemas on the camel-case base, and their JSON is what the
API answered when routes camelized use-case results by hand (the oracle below keeps that rule)."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
import pytest

from inergize.application.ai.banners import GeneratedBanner
from inergize.application.ai.catalogue import Catalogue, TemplateOption, TextLimits
from inergize.application.ai.posts import GeneratedPosts, PostVariant
from inergize.application.ai.profile import ProfileSuggestions, RoadmapStep
from inergize.application.ai.usage import MonthlyUsage, UsageLine
from inergize.domain.ai.generation import ContentPreferences
from inergize.domain.ai.post_quality import Criterion, QualityScore
from inergize.domain.content.library import ModerationIssue
from inergize.entrypoints.http.routes.ai.schemas import (
    GeneratedPostsOut,
    PreferencesOut,
    ProfileSuggestionsOut,
    TemplatesOut,
    UsageOut,
    banner_out,
)
from inergize.entrypoints.http.schemas import ResponseBody, body_of
from tests.support.response_bodies import as_json, former_json

ISSUE = ModerationIssue(code="too_long", detail="Posts are limited to 3,000 characters.")


def _variant(**changes: Any) -> PostVariant:
    base = PostVariant(
        text="Hook line\n\nBody #growth", hook="Hook line", hashtags=("#growth",),
        quality=QualityScore(score=71, criteria=(Criterion(name="hook", points=20, max_points=25,
                                                           explanation="A question opens it."),)),
        issues=(ISSUE,), provider="offline", model="templates-v3", offline=True, cached=False,
        attempts=("openai: timeout", "offline"))
    return msgspec.structs.replace(base, **changes)


CASES: list[tuple[Any, type[ResponseBody]]] = [
    (Catalogue(version="3", post_types=(TemplateOption(key="story", label="Story", description="A lesson."),),
               industries=(TemplateOption(key="saas", label="SaaS"),), banner_templates=("gradient", "split"),
               limits=TextLimits(post=3000, headline=220, about=2600, skills=10, banner=60),
               your_industry="saas"), TemplatesOut),
    (GeneratedPosts(variants=(_variant(), _variant(content_id=uuid.uuid4(), state="draft", issues=())),
                    template_version="3", notice="The AI providers are off: templates wrote this."),
     GeneratedPostsOut),
    (GeneratedPosts(variants=(), template_version="3"), GeneratedPostsOut),
    (ProfileSuggestions(headline="Head of growth", about="I help…", skills=("SEO", "B2B"), issues=(ISSUE,),
                        completeness=64, roadmap=(RoadmapStep(key="photo", label="Photo", gain=10,
                                                              action="Add a photo."),),
                        based_on="linkedin_profile", provider="offline", offline=True, attempts=()),
     ProfileSuggestionsOut),
    (ProfileSuggestions(headline="", about="", skills=(), issues=(), completeness=None, roadmap=(),
                        based_on="account", provider="openai", offline=False, attempts=("openai",)),
     ProfileSuggestionsOut),
    (MonthlyUsage(month="2026-12", cost_usd=0.0123, budget_usd=5.0, remaining_usd=4.9877,
                  lines=(UsageLine(provider="openai", model="gpt-4o-mini", calls=3, tokens_in=900,
                                   tokens_out=300, cost_usd=0.0123),), cache_hit_rate=0.3333), UsageOut),
    (MonthlyUsage(month="2026-12", cost_usd=0, budget_usd=5.0, remaining_usd=5.0, lines=()), UsageOut),
    (ContentPreferences(user_id=uuid.uuid4(), banned_phrases=("synergy",)), PreferencesOut),
]


@pytest.mark.parametrize(("result", "schema"), CASES, ids=lambda v: type(v).__name__)
def test_a_result_reads_as_it_did_through_its_schema(result: Any, schema: type[ResponseBody]) -> None:
    assert as_json(body_of(result, schema)) == former_json(result)


def test_a_banner_reads_as_it_did_with_its_links() -> None:
    banner = GeneratedBanner(content_id=uuid.uuid4(), blob_key="u/banner.png", width=1584, height=396,
                             headline="Ship it", subline="", state="draft", issues=(ISSUE,), provider="user",
                             background_provider=None, offline=True)
    former = former_json(banner) | {"links": {"content": f"/v1/content/{banner.content_id}",
                                              "file": f"/v1/content/{banner.content_id}/file"}}
    assert as_json(banner_out(banner)) == former
