"""Jobs: the Dramatiq broker and task queue, the transactional outbox relay, the worker's job ledger.
The queue name and the job-id message key are the port's (``ports/task_queue.py``)."""

from inergize.adapters.jobs.broker import EventLoopPerWorker, redis_broker, stub_broker
from inergize.adapters.jobs.ledger import SqlJobLedger, SqlPingLog
from inergize.adapters.jobs.queue import BrokerHealth, DramatiqTaskQueue
from inergize.adapters.jobs.relay import SqlOutboxRelay

__all__ = ["BrokerHealth", "DramatiqTaskQueue", "EventLoopPerWorker", "SqlJobLedger", "SqlOutboxRelay", "SqlPingLog",
           "redis_broker", "stub_broker"]
