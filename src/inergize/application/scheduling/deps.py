"""The ports the scheduling use cases are handed, bundled once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from inergize.ports.blob_store import BlobStore
from inergize.ports.clock import Clock
from inergize.ports.moderator import Moderator
from inergize.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True, kw_only=True)
class SchedulingDeps:
    """The queue's storage and time; for imported rows the provider moderator (None when the
    configuration has none, so only the local rules run); for publishing the content library's files,
    where a publication's media is read from."""

    uow_factory: UnitOfWorkFactory
    clock: Clock
    moderator: Moderator | None
    media: BlobStore
