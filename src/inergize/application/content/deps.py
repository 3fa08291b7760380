"""The ports the content use cases are handed, bundled once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from inergize.ports.blob_store import BlobStore
from inergize.ports.clock import Clock
from inergize.ports.moderator import Moderator
from inergize.ports.read_cache import ReadCache
from inergize.ports.renderers import PdfPages
from inergize.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True, kw_only=True)
class ContentDeps:
    """What the content library needs: storage, time, the provider moderator (None when the
    configuration has none, so only the local rules run), the rendered files and a way to draw a
    PDF's pages."""

    uow_factory: UnitOfWorkFactory
    clock: Clock
    moderator: Moderator | None
    blobs: BlobStore
    pages: PdfPages
    reads: ReadCache | None = None  # pages of the content list between the writes that bump them
    list_cache_seconds: float = 0.0  # how long a cached page may be served (0: not cached)
