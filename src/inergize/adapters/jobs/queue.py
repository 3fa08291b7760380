"""``TaskQueue`` on a Dramatiq broker: one message per outbox job, its id as the message id."""

from __future__ import annotations

import asyncio
from typing import Any

from dramatiq import Broker, Message
from dramatiq.brokers.stub import StubBroker

from inergize.ports.task_queue import JOB_ID_KEY, QUEUE


class DramatiqTaskQueue:
    def __init__(self, broker: Broker) -> None:
        self._broker = broker

    async def send(self, actor: str, payload: dict[str, Any], *, job_id: str,
                   delay_seconds: float = 0) -> None:
        message: Message[Any] = Message(queue_name=QUEUE, actor_name=actor, args=(), options={},
                                        kwargs={**payload, JOB_ID_KEY: job_id}, message_id=job_id)
        delay = int(delay_seconds * 1000) or None
        if isinstance(self._broker, StubBroker):
            self._broker.enqueue(message, delay=delay)  # in memory: nothing to wait for
        else:
            # the Redis broker's client is synchronous: keep it off the event loop
            await asyncio.to_thread(self._broker.enqueue, message, delay=delay)


class BrokerHealth:
    """``/ready``: the Redis broker answers (the in-process broker has nothing to ask)."""

    name = "broker"

    def __init__(self, broker: Any) -> None:
        self._broker = broker

    async def check(self) -> None:
        await asyncio.to_thread(self._broker.client.ping)
