"""The TaskQueue contract over the recording fake, Dramatiq's in-process broker (the embedded default)
and Dramatiq on Redis (production): what was sent is on the broker's queue, one message per job, named
for its handler, carrying the payload and the job id; a delayed job waits on the delay queue. The
brokers' queues are read as their workers would find them, without consuming."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import msgspec
import pytest
from dramatiq import Message
from dramatiq.common import current_millis, dq_name

from inergize.adapters.jobs import DramatiqTaskQueue, redis_broker, stub_broker
from inergize.ports.task_queue import JOB_ID_KEY, QUEUE, TaskQueue
from tests.fakes.jobs import RecordingTaskQueue


class Sent(msgspec.Struct, frozen=True):
    actor: str
    payload: dict[str, Any]
    job_id: str
    delay_seconds: float  # 0: ready now


class Broker(msgspec.Struct):
    queue: TaskQueue
    received: Callable[[], list[Sent]]  # what waits on the broker, in the order sent


def _messages(encoded: list[bytes]) -> list[Sent]:
    now = current_millis()
    found = []
    for data in encoded:
        message: Message[Any] = Message.decode(data)
        payload = dict(message.kwargs)
        job_id = payload.pop(JOB_ID_KEY)
        assert job_id == message.message_id and message.queue_name in (QUEUE, dq_name(QUEUE))
        eta = message.options.get("eta")
        found.append(Sent(message.actor_name, payload, job_id, 0 if eta is None else (eta - now) / 1000))
    return found


@pytest.fixture(params=["fake", "stub", "redis"])
def broker(request: pytest.FixtureRequest) -> Any:
    if request.param == "fake":
        fake = RecordingTaskQueue()
        yield Broker(fake, lambda: [Sent(a, p, j, d) for a, p, j, d in fake.sent])
        return
    if request.param == "stub":
        stub = stub_broker()
        yield Broker(DramatiqTaskQueue(stub), lambda: _messages(
            [m for name in (QUEUE, dq_name(QUEUE)) for m in list(stub.queues[name].queue)]))
        stub.close()
        return
    url, prefix = request.getfixturevalue("redis_url")
    namespace = f"{prefix}dramatiq-{uuid.uuid4().hex[:8]}"
    redis = redis_broker(url, namespace=namespace)

    def on_redis() -> list[Sent]:
        client = redis.client
        ready = [client.hget(f"{namespace}:{QUEUE}.msgs", mid) for mid in client.lrange(f"{namespace}:{QUEUE}", 0, -1)]
        delayed = list(client.hgetall(f"{namespace}:{dq_name(QUEUE)}.msgs").values())
        return _messages(ready + delayed)

    yield Broker(DramatiqTaskQueue(redis), on_redis)
    redis.close()


async def test_a_sent_job_waits_for_its_handler_with_its_payload_and_id(broker: Broker) -> None:
    payload = {"token": "t-1", "user_id": str(uuid.uuid4()), "ids": [1, 2], "options": {"dry": True, "note": None}}
    await broker.queue.send("platform.ping", payload, job_id="job-1")
    await broker.queue.send("notifications.send_email", {"email_id": "e-1"}, job_id="job-2")
    assert broker.received() == [Sent("platform.ping", payload, "job-1", 0),
                                 Sent("notifications.send_email", {"email_id": "e-1"}, "job-2", 0)]


async def test_the_senders_payload_is_not_changed(broker: Broker) -> None:
    payload = {"token": "t-2"}
    await broker.queue.send("platform.ping", payload, job_id="job-3")
    assert payload == {"token": "t-2"}  # the job id travels beside it, not in the caller's dict


async def test_a_delayed_job_waits_at_most_its_delay(broker: Broker) -> None:
    await broker.queue.send("platform.ping", {"token": "later"}, job_id="job-4", delay_seconds=30)
    (sent,) = broker.received()
    assert (sent.actor, sent.payload, sent.job_id) == ("platform.ping", {"token": "later"}, "job-4")
    assert 0 < sent.delay_seconds <= 30
