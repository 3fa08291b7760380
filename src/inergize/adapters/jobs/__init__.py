"""Jobs: the Dramatiq broker and task queue, the transactional outbox relay, the worker's job ledger."""

from inergize.adapters.jobs.broker import QUEUE, EventLoopPerWorker, redis_broker, stub_broker
from inergize.adapters.jobs.ledger import SqlJobLedger, SqlPingLog
from inergize.adapters.jobs.queue import JOB_ID_KWARG, BrokerHealth, DramatiqTaskQueue
from inergize.adapters.jobs.relay import SqlOutboxRelay

__all__ = ["JOB_ID_KWARG", "QUEUE", "BrokerHealth", "DramatiqTaskQueue", "EventLoopPerWorker", "SqlJobLedger",
           "SqlOutboxRelay", "SqlPingLog", "redis_broker", "stub_broker"]
