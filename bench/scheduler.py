"""Scheduler bench: 1,000,000 scheduled posts in PostgreSQL, the tick's due query, and dispatch throughput.

1. Loads publications with COPY into a fresh database of its own (dropped at the end): first 100,000
   rows, then the rest up to ``--items``. The due query is timed at several due counts on both table
   sizes: its cost follows the due items, not the table (EXPLAIN ANALYZE of the claim is printed).
2. Dispatch: ``--dispatch`` items are due. The product's tick claims them (2,000 per statement) and
   enqueues one job per ``INERGIZE_SCHEDULER_JOB_BATCH`` ids through the outbox and the Redis broker;
   ``--workers`` processes of Dramatiq worker threads run the product's own publish job, unchanged: the
   claimed → publishing commit, the batch's stored LinkedIn tokens read in one query and decrypted, the
   daily API budgets spent in Redis, concurrent calls through the REST adapter to the LinkedIn wire
   server over HTTP on loopback, one result commit per job. Printed: items/s and duplicates (posts
   created twice, or two publications naming one post).
3. Baseline in the same run: a no-op Dramatiq actor fed one message per item through the same broker
   and the same worker processes.

    .venv/bin/python bench/scheduler.py [--items 1000000] [--dispatch 20000] [--workers 2] [--threads 2]
                                        [--concurrency N] [--batch N]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG_ADMIN = os.environ.get(
    "INERGIZE_BENCH_PG", os.environ.get("INERGIZE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
)
REDIS_URL = os.environ.get(
    "INERGIZE_BENCH_REDIS", os.environ.get("INERGIZE_TEST_REDIS", "redis://127.0.0.1:6379/0")
)
T0 = datetime(2030, 1, 1, tzinfo=UTC)  # item i is due at T0 + i seconds
USERS = 10_000


class FixedClock:
    """The bench's "now": fixed, so the due set is exactly what the bench chose."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return time.monotonic()


TUNING: dict[str, int] = {}  # --concurrency / --batch: the product's defaults unless given


def settings_for(db_url: str, prefix: str, data_dir: str, threads: int, wire_url: str = "") -> Any:
    from inergize.settings import load_settings


    return load_settings(
        {},
        database_url=db_url,
        redis_url=REDIS_URL,
        redis_prefix=prefix,
        broker="redis",
        data_dir=Path(data_dir),
        log_json=False,
        log_level="WARNING",
        password_hash_profile="fast",
        worker_threads=threads,
        database_pool_size=16,
        linkedin_mode="rest",
        linkedin_api_base_url=wire_url or "http://127.0.0.1:9",
        linkedin_client_id="bench",
        linkedin_client_secret="bench",
        **TUNING,
    )


# --- loading --------------------------------------------------------------------------------------------


def copy_rows(conn: Any, start: int, stop: int) -> None:
    """COPY publications ``start``..``stop`` (text format, built in blocks)."""
    cols = (
        "id, user_id, content_id, version_id, text, media, due_at, timezone, run_at, state, held, attempts,"
        " media_urns, idempotency_key, source, created_at, updated_at, version"
    )
    created = T0.isoformat()
    with conn.cursor() as cur, cur.copy(f"COPY publications ({cols}) FROM STDIN") as copy:
        for block in range(start, stop, 50_000):
            buf = io.StringIO()
            for i in range(block, min(block + 50_000, stop)):
                pid = uuid.UUID(int=(1 << 100) + i)
                user = uuid.UUID(int=(1 << 90) + i % USERS)
                due = (T0 + timedelta(seconds=i)).isoformat()
                buf.write(
                    f"{pid}\t{user}\t{pid}\t{pid}\tBench post {i}\t[]\t{due}\tUTC\t{due}\tscheduled\tf\t0\t"
                    f"[]\tinergize-pub-{pid.hex}\tbench\t{created}\t{created}\t1\n"
                )
            copy.write(buf.getvalue())


def copy_users(conn: Any) -> None:
    created = T0.isoformat()
    with (
        conn.cursor() as cur,
        cur.copy("COPY users (id, email, working_hours, created_at, updated_at) FROM STDIN") as c,
    ):
        c.write(
            "".join(
                f"{uuid.UUID(int=(1 << 90) + u)}\tbench{u}@example.com\t{{}}\t{created}\t{created}\n"
                for u in range(USERS)
            )
        )


def copy_connections(conn: Any, secret_box: Any) -> None:
    """Every bench user has LinkedIn connected: tokens sealed with the product's keys, as connect stores them."""
    from inergize.application.linkedin.tokens import access_context

    created = T0.isoformat()
    expires = (T0 + timedelta(days=60)).isoformat()
    cols = (
        "id, user_id, adapter, linkedin_sub, member_urn, status, access_token_enc, expires_at, scopes,"
        " connected_at, created_at, updated_at"
    )
    rows = []
    for u in range(USERS):
        uid = uuid.UUID(int=(1 << 90) + u)
        token = secret_box.encrypt(f"bench-token-{u}", context=access_context(uid))
        rows.append(
            f"{uid}\t{uid}\trest\tbench{u}\turn:li:person:bench{u}\tactive\t{token}\t{expires}\t"
            f'["w_member_social"]\t{created}\t{created}\t{created}\n'
        )
    with conn.cursor() as cur, cur.copy(f"COPY linkedin_connections ({cols}) FROM STDIN") as c:
        c.write("".join(rows))


DUE_SQL = (
    "SELECT id FROM publications WHERE state = 'scheduled' AND held = false AND run_at <= %s ORDER BY run_at"
)
CLAIM_SQL = (
    "SELECT id FROM publications WHERE state = 'scheduled' AND held = false AND run_at <= %s "
    "ORDER BY run_at LIMIT 2000 FOR UPDATE SKIP LOCKED"
)


def _server_ms(conn: Any, sql: str, now: datetime) -> tuple[float, str]:
    """Execution time on the server (EXPLAIN ANALYZE: no client transfer) and the scan node used."""
    plan = [r[0] for r in conn.execute("EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) " + sql, (now,)).fetchall()]
    conn.rollback()
    ms = next(float(line.split(":")[1].split()[0]) for line in plan if line.startswith("Execution Time"))
    scan = next(
        (line.strip().split(" on ")[0].lstrip("-> ").strip() for line in plan if " Scan" in line), "?"
    )
    return ms, scan


def time_due_queries(conn: Any, label: str, due_counts: list[int]) -> None:
    print(
        f"\n  due query on {label} (best of 3; server time from EXPLAIN ANALYZE, round trip incl. transfer):"
    )
    print(
        f"    {'due items':>10} {'server ms':>10} {'µs/due item':>12} {'round trip ms':>14} "
        f"{'claim 2000 ms':>14}  plan"
    )
    for due in due_counts:
        now = T0 + timedelta(seconds=due - 0.5)
        best = best_claim = best_server = float("inf")
        scan = ""
        for _ in range(3):
            t = time.perf_counter()
            rows = conn.execute(DUE_SQL, (now,)).fetchall()
            best = min(best, time.perf_counter() - t)
            t = time.perf_counter()
            conn.execute(CLAIM_SQL, (now,)).fetchall()
            best_claim = min(best_claim, time.perf_counter() - t)
            conn.rollback()
            server, scan = _server_ms(conn, DUE_SQL, now)
            best_server = min(best_server, server)
        assert len(rows) == due, (len(rows), due)
        print(
            f"    {due:>10,} {best_server:>10.2f} {best_server * 1000 / due:>12.2f} {best * 1000:>14.2f} "
            f"{best_claim * 1000:>14.2f}  {scan}"
        )


def explain(conn: Any, due: int) -> None:
    now = T0 + timedelta(seconds=due - 0.5)
    plan = conn.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + CLAIM_SQL, (now,)).fetchall()
    conn.rollback()
    print(f"\n  EXPLAIN ANALYZE of the claim's due subquery with {due:,} due items:")
    for (line,) in plan:
        print("    " + line)


# --- processes ------------------------------------------------------------------------------------------


def start_wire_server(port: int) -> subprocess.Popen[bytes]:
    code = (
        "import uvicorn\nfrom tests.wire.linkedin import WireApp, WireState\n"
        "app = WireApp(WireState(trust_tokens=True))\n"
        f"uvicorn.run(app, host='127.0.0.1', port={port}, log_level='error', "
        "http='httptools', loop='uvloop', access_log=False, lifespan='off')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    import httpx

    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/_stats", timeout=0.5)
            return proc
        except httpx.HTTPError:
            time.sleep(0.05)
    raise RuntimeError("the wire server did not start")


def noop(i: int) -> None:
    """The baseline actor: does nothing."""


def worker_process(
    db_url: str, prefix: str, data_dir: str, threads: int, wire_url: str, now: str, ready: Any, tuning: Any
) -> None:
    import dramatiq

    TUNING.update(tuning)  # a spawned process starts with the module's empty dict
    from inergize.bootstrap import bootstrap
    from inergize.entrypoints.workers.runtime import QUEUE, Workers

    container = bootstrap(
        settings_for(db_url, prefix, data_dir, threads, wire_url),
        clock=FixedClock(datetime.fromisoformat(now)),
    )
    dramatiq.Actor(
        noop,
        broker=container.broker(),
        actor_name="bench_noop",
        queue_name=QUEUE,
        priority=0,
        options={"max_retries": 0},
    )
    workers = Workers(container, threads)
    workers.start()
    ready.set()
    while True:
        time.sleep(3600)


async def dispatch(container: Any, db: Any, n: int, seconds: float) -> tuple[int, float, float]:
    """Tick until ``n`` items are claimed, then wait until all are published or ``seconds`` pass;
    returns (published, elapsed s, s until claims and enqueues were done)."""
    from inergize.application.scheduling.publishing import tick

    start = time.perf_counter()
    claimed = 0
    while claimed < n:
        claimed += await tick(
            uow_factory=container.uow_factory(),
            clock=container.clock(),
            limit=2000,
            batch=container.settings().scheduler_job_batch,
        )
    tick_done = time.perf_counter() - start
    done = 0
    while time.perf_counter() - start < seconds:
        done = _published(db, n, distinct=False)[0]
        db.rollback()
        if done >= n:
            break
        await asyncio.sleep(0.1)
    return done, time.perf_counter() - start, tick_done


def noop_baseline(broker: Any, n: int, seconds: float) -> tuple[int, float, float]:
    """Feed ``n`` messages to the no-op actor; (processed, elapsed s, enqueue s)."""
    from dramatiq import Message

    from inergize.entrypoints.workers.runtime import QUEUE

    start = time.perf_counter()
    for i in range(n):
        broker.enqueue(Message(queue_name=QUEUE, actor_name="bench_noop", args=(i,), kwargs={}, options={}))
    enqueued = time.perf_counter() - start
    pending_key = f"{broker.namespace}:{QUEUE}.msgs"  # message bodies stay until acknowledged
    while time.perf_counter() - start < seconds:
        if broker.client.hlen(pending_key) == 0:
            break
        time.sleep(0.02)
    return n - int(broker.client.hlen(pending_key)), time.perf_counter() - start, enqueued


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--dispatch", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=90.0, help="bound on each measured phase")
    parser.add_argument("--concurrency", type=int, help="LinkedIn calls in flight per job (setting's default)")
    parser.add_argument("--batch", type=int, help="publication ids per job (setting's default)")
    args = parser.parse_args()
    if args.concurrency:
        TUNING["scheduler_publish_concurrency"] = args.concurrency
    if args.batch:
        TUNING["scheduler_job_batch"] = args.batch
    import httpx
    import psycopg
    import redis
    from tests.wire.loopback import free_port

    from inergize.bootstrap import bootstrap, migrate, shutdown

    name = f"inergize_bench_{uuid.uuid4().hex[:8]}"
    prefix = f"inergize-bench-{uuid.uuid4().hex[:8]}:"
    base = PG_ADMIN.rsplit("/", 1)[0]
    db_url = f"{base.replace('postgresql://', 'postgresql+psycopg://')}/{name}"
    data_dir = tempfile.mkdtemp(prefix="inergize-bench-")
    procs: list[Any] = []
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        now = T0 + timedelta(seconds=args.dispatch - 0.5)
        port = free_port()
        wire_url = f"http://127.0.0.1:{port}"
        container = bootstrap(
            settings_for(db_url, prefix, data_dir, args.threads, wire_url), clock=FixedClock(now)
        )
        asyncio.run(migrate(container))
        asyncio.run(shutdown(container))
        print(
            f"scheduler bench: database {name}, {args.items:,} publications, {USERS:,} users "
            f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
        )
        with psycopg.connect(f"{base}/{name}") as db:
            t = time.perf_counter()
            copy_users(db)
            copy_connections(db, container.secret_box())
            copy_rows(db, 0, min(100_000, args.items))
            db.commit()
            db.execute("ANALYZE publications")
            db.commit()
            print(f"  COPY 100,000 rows: {time.perf_counter() - t:.1f} s")
            counts = [c for c in (100, 1_000, 10_000, 50_000) if c <= min(100_000, args.items)]
            time_due_queries(db, "100,000 rows", counts)
            t = time.perf_counter()
            copy_rows(db, 100_000, args.items)
            db.commit()
            db.execute("ANALYZE publications")
            db.commit()
            print(
                f"\n  COPY {args.items - 100_000:,} more rows: {time.perf_counter() - t:.1f} s "
                f"(table: {db.execute('SELECT count(*) FROM publications').fetchone()[0]:,} rows)"
            )
            db.rollback()
            time_due_queries(db, f"{args.items:,} rows", [c for c in [*counts, 100_000] if c <= args.items])
            explain(db, 1_000)
            explain(db, min(100_000, args.items))
            # steady state before dispatch: the bulk load's autovacuum and checkpoint would otherwise
            # compete with the workers for the two cores
            t = time.perf_counter()
            db.commit()
            db.autocommit = True
            db.execute("VACUUM (ANALYZE) publications")
            db.execute("CHECKPOINT")
            db.autocommit = False
            print(f"\n  VACUUM ANALYZE + CHECKPOINT after the load: {time.perf_counter() - t:.1f} s")

            # --- dispatch
            wire = start_wire_server(port)
            procs.append(wire)
            ctx = mp.get_context("spawn")
            for _ in range(args.workers):
                ready = ctx.Event()
                p = ctx.Process(
                    target=worker_process,
                    args=(db_url, prefix, data_dir, args.threads, wire_url, now.isoformat(), ready, TUNING),
                    daemon=True,
                )
                p.start()
                procs.append(p)
                ready.wait(60)
            container = bootstrap(
                settings_for(db_url, prefix, data_dir, args.threads, wire_url), clock=FixedClock(now)
            )
            processed, base_total, base_enqueue = noop_baseline(
                container.broker(), args.dispatch, args.seconds
            )
            base_rate = processed / base_total
            print(
                "\n  baseline (run first, on the empty queue): no-op Dramatiq actor, one message per item, "
                "same broker and worker processes:"
            )
            print(
                f"    {processed:,} messages in {base_total:.2f} s = {base_rate:,.0f} messages/s "
                f"(enqueue alone {args.dispatch / base_enqueue:,.0f}/s)"
            )
            _done, total, ticking = asyncio.run(
                _dispatch_and_close(container, db, args.dispatch, args.seconds)
            )
            published_at_bound = _published(db, args.dispatch)[0]
            # let the jobs in flight at the bound finish (bounded), so every created post can be matched
            settle = time.perf_counter()
            stats = httpx.get(f"{wire_url}/_stats").json()
            while _published(db, args.dispatch)[0] < stats["created"] and time.perf_counter() - settle < 30:
                time.sleep(0.2)
                stats = httpx.get(f"{wire_url}/_stats").json()
            published, distinct = _published(db, args.dispatch)
            for state, error, count in db.execute(
                "SELECT state, last_error, count(*) FROM publications WHERE id >= %s AND id < %s "
                "AND state <> 'published' GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5",
                (uuid.UUID(int=1 << 100), uuid.UUID(int=(1 << 100) + args.dispatch)),
            ).fetchall():
                print(f"    not published: {count:,} {state}: {error}")
            db.rollback()
            # a post created twice on the server, or two publications naming one post: a double post
            duplicates = stats["created_twice"] + (published - distinct)
            unmatched = stats["created"] - published  # created but not (yet) recorded: reconciled later
            rate = published_at_bound / total
            print(
                f"\n  dispatch: {args.dispatch:,} due posts, {args.workers} worker processes "
                f"x {args.threads} threads, Redis broker, REST adapter -> wire server over HTTP "
                f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs):"
            )
            print(
                f"    published {published_at_bound:,} in {total:.2f} s = {rate:,.0f} publications/s "
                f"(claims + enqueues done after {ticking:.2f} s)"
                + (
                    ""
                    if published_at_bound == args.dispatch
                    else f" -- stopped at the {args.seconds:.0f} s bound"
                )
            )
            print(
                f"    wire server: {stats['created']:,} posts created, {stats['requests']:,} requests, "
                f"{stats['duplicate_answers']} duplicate answers to reconciling retries; "
                f"duplicates: {duplicates}; created but not recorded: {unmatched}"
            )
            print(
                f"\n  publications/s / no-op messages/s = {rate / base_rate:.2f}; "
                f"target >= 2,000 publications/s: {'met' if rate >= 2000 else 'NOT met'}"
            )
            return 0 if duplicates == 0 else 1
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            (p.wait if isinstance(p, subprocess.Popen) else p.join)(5)
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(match=prefix + "*", count=1000))
        if keys:
            client.delete(*keys)


def _published(db: Any, n: int, *, distinct: bool = True) -> tuple[int, int]:
    """Published items among the first ``n`` (the due ones), read by primary-key range: a count over the
    whole million-row table every poll would cost the database more than the workers' writes."""
    what = "count(*), count(DISTINCT post_urn)" if distinct else "count(*), 0"
    row = db.execute(
        f"SELECT {what} FROM publications WHERE id >= %s AND id < %s AND state = 'published'",
        (uuid.UUID(int=1 << 100), uuid.UUID(int=(1 << 100) + n)),
    ).fetchone()
    db.rollback()
    return int(row[0]), int(row[1])


async def _dispatch_and_close(container: Any, db: Any, n: int, seconds: float) -> tuple[int, float, float]:
    from inergize.bootstrap import shutdown

    try:
        return await dispatch(container, db, n, seconds)
    finally:
        await shutdown(container)


if __name__ == "__main__":
    sys.exit(main())
