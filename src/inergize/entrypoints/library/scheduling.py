"""The scheduling façade of ``import inergize`` (``app.schedule``): the same use cases as the API."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime

from inergize.application.scheduling import queue_settings
from inergize.application.scheduling import schedule as scheduling
from inergize.application.scheduling.deps import SchedulingDeps
from inergize.application.scheduling.publishing import tick
from inergize.domain.accounts.users import Principal
from inergize.domain.scheduling.publication import Publication
from inergize.domain.scheduling.schedules import ScheduleSettings


class Scheduling:
    """Schedule, move, cancel and list posts; run one tick of the scheduler."""

    def __init__(self, deps: Callable[[], SchedulingDeps]) -> None:
        self._deps = deps  # asked at each call, so a port overridden after opening is seen

    async def schedule(
        self,
        principal: Principal,
        content_id: uuid.UUID,
        at: datetime | None = None,
        *,
        allow_close: bool = False,
    ) -> Publication:
        """Schedule the content's ready version at ``at`` (None: the queue's next free slot)."""
        cmd = scheduling.ScheduleCommand(content_id=content_id, at=at, allow_close=allow_close)
        d = self._deps()
        return await scheduling.schedule(cmd, principal=principal, uow_factory=d.uow_factory, clock=d.clock)

    async def post_now(self, principal: Principal, content_id: uuid.UUID) -> Publication:
        d = self._deps()
        return await scheduling.post_now(content_id, principal=principal, uow_factory=d.uow_factory, clock=d.clock)

    async def move(self, principal: Principal, publication_id: uuid.UUID, at: datetime | None) -> Publication:
        d = self._deps()
        return await scheduling.reschedule(publication_id, at, principal=principal, uow_factory=d.uow_factory,
                                           clock=d.clock)

    async def cancel(self, principal: Principal, publication_id: uuid.UUID) -> Publication:
        d = self._deps()
        return await scheduling.cancel(publication_id, principal=principal, uow_factory=d.uow_factory, clock=d.clock)

    async def calendar(self, principal: Principal, start: date, end: date) -> list[Publication]:
        _, items = await scheduling.calendar(start, end, principal=principal, uow_factory=self._deps().uow_factory)
        return items

    async def settings(self, principal: Principal) -> ScheduleSettings:
        return await queue_settings.get_settings(principal=principal, uow_factory=self._deps().uow_factory)

    async def tick(self) -> int:
        """Claim what is due now and enqueue its publish jobs; returns how many were claimed."""
        d = self._deps()
        return await tick(uow_factory=d.uow_factory, clock=d.clock)
