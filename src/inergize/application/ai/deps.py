"""The ports the AI use cases are handed, and the budget setting, bundled once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from inergize.ports.ai import ImageGenerator, TextGenerator
from inergize.ports.blob_store import BlobStore
from inergize.ports.clock import Clock
from inergize.ports.moderator import Moderator
from inergize.ports.past_posts import PastPosts
from inergize.ports.renderers import BannerRenderer, CarouselRenderer
from inergize.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True, kw_only=True)
class AiDeps:
    """The writers (text and images), the provider moderator (None when the configuration has none),
    the author's past posts for the voice, the renderers and the files they write; and the monthly
    budget per user where the tier sets none."""

    uow_factory: UnitOfWorkFactory
    clock: Clock
    text: TextGenerator
    images: ImageGenerator
    moderator: Moderator | None
    past_posts: PastPosts
    blobs: BlobStore
    carousels: CarouselRenderer
    banners: BannerRenderer
    monthly_budget_usd: float = 5.0
