"""Schedulers whose queue survives the death of a crawl process: Redis (shared) and SQLite (JOBDIR).

Scrapy's own schedulers lose work when a process dies without its graceful shutdown: a
request is taken off the queue when it is sent, so the requests in flight (and, with
``JOBDIR``, the whole disk queue, whose index is written at close) die with the process.
These schedulers *lease* a request instead of removing it: it stays in the store, marked
as taken by this process, until the engine has finished with it (downloaded, its callback
run, every item it gave through the item pipelines and the feed exporters, every request
it gave queued). Then the lease is released. Leases of a process that died are handed
back to the queue: after a SIGKILL, the requests in flight are fetched again.

- :class:`RedisScheduler` (``-s REDIS_URL=redis://host:port``): scrapy-redis's scheduler,
  its request serialisation, priority queue and request fingerprints, with every
  operation that must not be split done atomically in Redis (a Lua script): "new
  fingerprint -> queued", "take the next request -> leased to worker W". Every process
  started with the same spider and arguments shares one queue and one set of seen
  requests; the start requests are queued once, by the first process; a process stops
  only when the queue is empty and no other live process holds a lease. Each process
  keeps a heartbeat key (``NEWSCLEAN_LEASE_SECONDS``); the leases of a process whose
  heartbeat expired are re-queued by the others.
- :class:`SqliteScheduler` (``-s JOBDIR=DIR``, one process): the same in
  ``DIR/frontier.sqlite``; at start, leases left by a killed run go back to the queue.

The queue is identified by :func:`crawl_key`: the spider's name and arguments (or
``NEWSCLEAN_CRAWL_KEY``), so that different crawls sharing one Redis do not mix.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from scrapy import Request, signals
from scrapy.utils.request import request_from_dict
from twisted.internet import task

from newsclean.extras import require

log = logging.getLogger(__name__)

# Request meta key holding this process's lease on the request; dropped when a request
# is derived from a leased one (a redirect, a retry), which is queued as a new request.
LEASE = "_newsclean_lease"
DEFAULT_LEASE_SECONDS = 60.0
POLL_SECONDS = 0.25
# The engine looks at the scheduler again this often while waiting for other processes
# (Scrapy's default is 5 s).
ENGINE_HEARTBEAT_SECONDS = 1.0

# Atomically: a new fingerprint is queued; a seen one is not. KEYS: seen, queue. ARGV: fp, score, data.
PUSH_NEW = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
  return 1
end
return 0
"""
# Atomically: the first request of the queue, leased to a worker. KEYS: queue, leases. ARGV: lease id.
POP_LEASED = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
redis.call('HSET', KEYS[2], ARGV[1], r[2] .. '|' .. r[1])
return r[1]
"""
# Atomically: a lease handed back to the queue. KEYS: leases, queue. ARGV: lease id.
REQUEUE = """
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
local bar = string.find(v, '|', 1, true)
redis.call('ZADD', KEYS[2], tonumber(string.sub(v, 1, bar - 1)), string.sub(v, bar + 1))
return 1
"""
# Take over the seeding of a worker that died while seeding. KEYS: seed. ARGV: dead worker, new worker.
TAKE_SEED = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0
"""
SEEDED = "done"


def crawl_key(spider: Any, settings: Any) -> str:
    """The name of a crawl's shared state: ``NEWSCLEAN_CRAWL_KEY``, else ``newsclean:<spider>:<hash of its arguments>``."""
    explicit = settings.get("NEWSCLEAN_CRAWL_KEY")
    if explicit:
        return str(explicit)
    arguments = getattr(spider, "crawl_arguments", {}) or {}
    digest = hashlib.sha256(json.dumps(arguments, sort_keys=True, default=str).encode()).hexdigest()[:12]
    return f"newsclean:{spider.name}:{digest}"


def flush_feeds(crawler: Any) -> None:
    """Hand the feed exporters' buffered output to the operating system (which keeps it
    when the process is killed): each feed slot's exporter stream, then its file."""
    extensions = getattr(getattr(crawler, "extensions", None), "middlewares", ())
    for extension in extensions:
        for slot in getattr(extension, "slots", None) or ():
            for stream in (getattr(getattr(slot, "exporter", None), "stream", None), getattr(slot, "file", None)):
                flush = getattr(stream, "flush", None)
                if flush is not None:
                    try:
                        flush()
                    except (OSError, ValueError):  # a closed or failed file: the exporter reports it
                        log.debug("could not flush a feed file", exc_info=True)


class LeasingScheduler:
    """What both schedulers share: leases released when the engine is done with a request."""

    # Stats prefix, like scrapy-redis's scheduler/enqueued/redis.
    kind = "leasing"

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.lease_seconds = crawler.settings.getfloat("NEWSCLEAN_LEASE_SECONDS", DEFAULT_LEASE_SECONDS)
        self.worker = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.leased: dict[str, Request] = {}
        self.counter = 0
        self.spider: Any = None
        self.loop: task.LoopingCall | None = None
        self.last_beat = 0.0
        self.fingerprinter = crawler.request_fingerprinter

    # --- what a store provides -----------------------------------------------------------

    def store_open(self) -> None:
        """Connect to the store; name its keys after ``self.key``."""
        raise NotImplementedError

    def store_close(self) -> None:
        """Close the store; this process is no longer a worker of the crawl."""
        raise NotImplementedError

    def push(self, data: bytes, priority: int, fingerprint: str | None) -> bool:
        """Queue ``data``; with a fingerprint, only if it was never seen (atomically). True if queued."""
        raise NotImplementedError

    def pop(self, lease: str) -> bytes | None:
        """The next request's data, leased under ``lease``."""
        raise NotImplementedError

    def release(self, leases: list[str], *, requeue: bool = False) -> None:
        """End leases: the requests are done (or, with ``requeue``, go back to the queue)."""
        raise NotImplementedError

    def queued(self) -> int:
        """How many requests wait in the queue (leased ones not counted)."""
        raise NotImplementedError

    def others_busy(self) -> bool:
        """Whether another live process holds leases or is still queuing the start requests."""
        return False

    def beat(self) -> None:
        """Say this process is alive; hand back the leases of dead ones."""

    def alive(self, worker: str) -> bool:
        """Whether ``worker`` is a live process of this crawl (one process per JOBDIR: only this one)."""
        return worker == self.worker

    def claim_seeding(self) -> bool:
        """Whether this process is the one to queue the start requests."""
        raise NotImplementedError

    def seeding_done(self) -> None:
        """Record that the start requests are all queued."""
        raise NotImplementedError

    def count(self, name: str) -> int:
        """Add one to the crawl's counter ``name`` (atomically) and return its new value."""
        raise NotImplementedError

    # --- Scrapy's scheduler interface ----------------------------------------------------

    @classmethod
    def from_crawler(cls, crawler: Any) -> LeasingScheduler:
        """Build the scheduler for a crawl."""
        return cls(crawler)

    def open(self, spider: Any) -> None:
        """Open the store, queue the start requests if no process did, start the lease loop."""
        self.spider = spider
        self.key = crawl_key(spider, self.crawler.settings)
        self.store_open()
        waiting = self.queued()
        if waiting:
            log.info("Resuming crawl (%d requests scheduled)", waiting, extra={"spider": spider})
        # The spider's start() yields nothing: the start requests come from here, once per crawl.
        spider.seeded_by_scheduler = True
        # The spiders' bounds (sitemaps read...) count for the whole crawl, not for this process.
        spider.crawl_counter = self.count
        # Who this process is, and whether another one is alive: the dedup pipeline reserves an
        # article for its process until the feed has it, and takes over a dead process's reservations.
        spider.crawl_worker = self.worker
        spider.crawl_worker_alive = self.alive
        if self.claim_seeding():
            self.seed()
        engine = getattr(self.crawler, "engine", None)
        if engine is not None and hasattr(engine, "_SLOT_HEARTBEAT_INTERVAL"):
            engine._SLOT_HEARTBEAT_INTERVAL = ENGINE_HEARTBEAT_SECONDS
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(POLL_SECONDS, now=False)
        # Connected after the feed exporters (extensions connect first): runs once they wrote.
        self.crawler.signals.connect(self.item_written, signal=signals.item_scraped)

    def item_written(self, item: Any = None, response: Any = None, spider: Any = None) -> None:
        """Flush the feeds as soon as an item is written to them.

        A resumed crawl is exactly-once because the dedup store remembers every article
        written, and drops the pages fetched again (the requests in flight when the process
        died). That holds only if "remembered" means "in the output file": an item still in a
        file buffer when a SIGKILL comes would be lost for good. Flushing hands it to the
        operating system, which keeps it when the process is killed.
        """
        flush_feeds(self.crawler)

    def seed(self) -> None:
        """Queue the spider's start requests (seen ones are filtered, as always)."""
        count = 0
        for request in self.spider.start_requests():
            count += bool(self.enqueue_request(request))
        self.seeding_done()
        log.info("queued %d start requests for crawl %s", count, self.key, extra={"spider": self.spider})

    def close(self, reason: str) -> None:
        """Release the finished leases, hand back the others, close the store."""
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.release_done()
        if self.leased:
            self.release(list(self.leased), requeue=True)
            self.leased.clear()
        self.store_close()

    def has_pending_requests(self) -> bool:
        """Requests in the queue, or another process that may still add some."""
        self.release_done()
        return self.queued() > 0 or self.others_busy()

    def enqueue_request(self, request: Request) -> bool:
        """Queue a request unless its fingerprint was seen (``dont_filter`` requests always)."""
        request.meta.pop(LEASE, None)  # a redirect or retry of a leased request: a request of its own
        fingerprint = None if request.dont_filter else self.fingerprint(request)
        data = pickle.dumps(request.to_dict(spider=self.spider), protocol=4)
        if not self.push(data, request.priority, fingerprint):
            self.stats.inc_value("dupefilter/filtered")
            log.debug("Filtered duplicate request: %(request)s", {"request": request}, extra={"spider": self.spider})
            return False
        self.stats.inc_value(f"scheduler/enqueued/{self.kind}")
        return True

    def next_request(self) -> Request | None:
        """The next request, leased to this process until the engine is done with it."""
        self.counter += 1
        lease = f"{self.worker}|{self.counter}"
        data = self.pop(lease)
        if data is None:
            return None
        request = request_from_dict(pickle.loads(data), spider=self.spider)
        request.meta[LEASE] = lease
        self.leased[lease] = request
        self.stats.inc_value(f"scheduler/dequeued/{self.kind}")
        return request

    def fingerprint(self, request: Request) -> str:
        return str(self.fingerprinter.fingerprint(request).hex())

    # --- leases --------------------------------------------------------------------------

    def in_progress(self) -> set[Request]:
        """The requests the engine has not finished with (downloading, or their output being processed)."""
        engine = getattr(self.crawler, "engine", None)
        slot = getattr(engine, "_slot", None) or getattr(engine, "slot", None)
        return getattr(slot, "inprogress", set())

    def release_done(self) -> None:
        """Release the leases of the requests the engine is done with.

        Their items are in the output file by then: see :meth:`item_written`.
        """
        if not self.leased:
            return
        busy = self.in_progress()
        done = [lease for lease, request in self.leased.items() if request not in busy]
        if done:
            self.release(done)
            for lease in done:
                del self.leased[lease]

    def tick(self) -> None:
        """Every POLL_SECONDS: release finished leases; now and then, the heartbeat."""
        try:
            self.release_done()
            now = time.monotonic()
            if now - self.last_beat >= self.lease_seconds / 3:
                self.last_beat = now
                self.beat()
        except Exception:  # the store is unreachable for a moment: try again at the next tick
            log.exception("lease bookkeeping failed", extra={"spider": self.spider})


class RedisScheduler(LeasingScheduler):
    """The shared scheduler of ``-s REDIS_URL=...`` crawls (see the module docstring)."""

    kind = "redis"

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        connection = require("scrapy_redis.connection", "scrapy", "a REDIS_URL crawl")
        self.server = connection.from_settings(crawler.settings)
        # Fail now, with the address, rather than at the first request.
        self.server.ping()

    def store_open(self) -> None:
        from scrapy_redis.queue import PriorityQueue

        # scrapy-redis's queue and dupefilter keys, under this crawl's key.
        self.queue = PriorityQueue(self.server, self.spider, f"{self.key}:requests")
        self.seen_key = f"{self.key}:dupefilter"
        self.leases_key = f"{self.key}:leases"
        self.workers_key = f"{self.key}:workers"
        self.seed_key = f"{self.key}:seeded"
        self.push_new = self.server.register_script(PUSH_NEW)
        self.pop_leased = self.server.register_script(POP_LEASED)
        self.requeue = self.server.register_script(REQUEUE)
        self.take_seed = self.server.register_script(TAKE_SEED)
        self.beat()

    def store_close(self) -> None:
        self.server.delete(self.heartbeat_key(self.worker))
        self.server.srem(self.workers_key, self.worker)

    def heartbeat_key(self, worker: str) -> str:
        return f"{self.key}:alive:{worker}"

    def push(self, data: bytes, priority: int, fingerprint: str | None) -> bool:
        if fingerprint is None:
            self.server.zadd(self.queue.key, {data: -priority})
            return True
        return bool(self.push_new(keys=[self.seen_key, self.queue.key], args=[fingerprint, -priority, data]))

    def pop(self, lease: str) -> bytes | None:
        data = self.pop_leased(keys=[self.queue.key, self.leases_key], args=[lease])
        return data if data else None

    def release(self, leases: list[str], *, requeue: bool = False) -> None:
        if requeue:
            for lease in leases:
                self.requeue(keys=[self.leases_key, self.queue.key], args=[lease])
        elif leases:
            self.server.hdel(self.leases_key, *leases)

    def queued(self) -> int:
        return int(self.server.zcard(self.queue.key))

    def others_busy(self) -> bool:
        if self.server.hlen(self.leases_key):
            return True  # tick() hands the leases of a dead process back to the queue
        return self.server.get(self.seed_key) not in (SEEDED.encode(), None)

    def beat(self) -> None:
        """Refresh this process's heartbeat; re-queue the leases (and seeding) of processes without one."""
        self.server.set(self.heartbeat_key(self.worker), b"1", px=int(self.lease_seconds * 1000))
        self.server.sadd(self.workers_key, self.worker)
        for raw in self.server.smembers(self.workers_key):
            worker = raw.decode()
            if worker == self.worker or self.server.exists(self.heartbeat_key(worker)):
                continue
            self.reclaim(worker)

    def alive(self, worker: str) -> bool:
        """Whether ``worker`` is this process, or another one whose heartbeat has not expired."""
        return worker == self.worker or bool(self.server.exists(self.heartbeat_key(worker)))

    def reclaim(self, worker: str) -> None:
        """Hand a dead process's leases back to the queue, and finish its seeding."""
        leases = [field.decode() for field in self.server.hkeys(self.leases_key) if field.decode().startswith(worker + "|")]
        for lease in leases:
            self.requeue(keys=[self.leases_key, self.queue.key], args=[lease])
        if leases:
            self.stats.inc_value("newsclean/leases/requeued", len(leases))
            log.warning(
                "worker %s stopped without releasing %d requests: queued again", worker, len(leases), extra={"spider": self.spider}
            )
        if self.take_seed(keys=[self.seed_key], args=[worker, self.worker]):
            log.warning("worker %s died while queuing the start requests: queuing them again", worker, extra={"spider": self.spider})
            self.seed()
        self.server.srem(self.workers_key, worker)

    def claim_seeding(self) -> bool:
        return bool(self.server.set(self.seed_key, self.worker, nx=True))

    def seeding_done(self) -> None:
        self.server.set(self.seed_key, SEEDED)

    def count(self, name: str) -> int:
        return int(self.server.incr(f"{self.key}:count:{name}"))


SCHEMA = """
CREATE TABLE IF NOT EXISTS queue (id INTEGER PRIMARY KEY AUTOINCREMENT, priority INTEGER, data BLOB, lease TEXT);
CREATE INDEX IF NOT EXISTS queue_order ON queue (lease, priority DESC, id);
CREATE TABLE IF NOT EXISTS seen (fingerprint TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value TEXT);
"""


class SqliteScheduler(LeasingScheduler):
    """The scheduler of ``-s JOBDIR=DIR`` crawls: queue, leases and seen requests in ``DIR/frontier.sqlite``."""

    kind = "disk"

    def store_open(self) -> None:
        jobdir = Path(self.crawler.settings["JOBDIR"])
        jobdir.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(jobdir / "frontier.sqlite", isolation_level=None)
        # WAL + NORMAL: each commit survives the process being killed (not a power cut).
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        # One process per JOBDIR: every lease left over is a killed run's request in flight.
        back = self.db.execute("UPDATE queue SET lease = NULL WHERE lease IS NOT NULL").rowcount
        if back:
            self.stats.inc_value("newsclean/leases/requeued", back)
            log.warning("%d requests were in flight when the last run stopped: queued again", back)

    def store_close(self) -> None:
        self.db.close()

    def push(self, data: bytes, priority: int, fingerprint: str | None) -> bool:
        with atomic(self.db):
            if fingerprint is not None:
                if self.db.execute("INSERT OR IGNORE INTO seen VALUES (?)", (fingerprint,)).rowcount == 0:
                    return False
            self.db.execute("INSERT INTO queue (priority, data) VALUES (?, ?)", (priority, data))
        return True

    def pop(self, lease: str) -> bytes | None:
        with atomic(self.db):
            row = self.db.execute("SELECT id, data FROM queue WHERE lease IS NULL ORDER BY priority DESC, id LIMIT 1").fetchone()
            if row is None:
                return None
            self.db.execute("UPDATE queue SET lease = ? WHERE id = ?", (lease, row[0]))
        return bytes(row[1])

    def release(self, leases: list[str], *, requeue: bool = False) -> None:
        with atomic(self.db):
            if requeue:
                self.db.executemany("UPDATE queue SET lease = NULL WHERE lease = ?", [(lease,) for lease in leases])
            else:
                self.db.executemany("DELETE FROM queue WHERE lease = ?", [(lease,) for lease in leases])

    def queued(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM queue WHERE lease IS NULL").fetchone()[0])

    def claim_seeding(self) -> bool:
        row = self.db.execute("SELECT value FROM state WHERE name = 'seeded'").fetchone()
        return row is None  # a run killed while seeding never wrote it: seed again (seen requests are filtered)

    def seeding_done(self) -> None:
        with atomic(self.db):
            self.db.execute("INSERT OR REPLACE INTO state VALUES ('seeded', ?)", (SEEDED,))

    def count(self, name: str) -> int:
        with atomic(self.db):
            self.db.execute(
                "INSERT INTO state VALUES (?, '1') ON CONFLICT(name) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
                (f"count:{name}",),
            )
            row = self.db.execute("SELECT value FROM state WHERE name = ?", (f"count:{name}",)).fetchone()
        return int(row[0])


@contextmanager
def atomic(db: sqlite3.Connection, commit_on: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """One SQLite transaction (the connection is in autocommit mode): committed, unless an
    exception other than those of ``commit_on`` leaves the block."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except commit_on:
        db.execute("COMMIT")
        raise
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def scheduler_for(settings: Any) -> str | None:
    """The scheduler class path these settings call for: Redis, SQLite (JOBDIR), or None (Scrapy's)."""
    if settings.get("REDIS_URL"):
        return "newsclean.scrapy.frontier.RedisScheduler"
    if settings.get("JOBDIR"):
        return "newsclean.scrapy.frontier.SqliteScheduler"
    return None


__all__ = ["LEASE", "RedisScheduler", "SqliteScheduler", "crawl_key", "scheduler_for"]
