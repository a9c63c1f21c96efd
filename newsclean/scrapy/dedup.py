"""``DedupPipeline``: one copy of each story, across a crawl, its resumes and all its processes.

It runs after :class:`~newsclean.scrapy.NewscleanPipeline` (on the article dicts) and
checks, in this order:

1. the same canonical URL (``canonicalUrl``, else ``url``) as an article already written:
   dropped (``newsclean/dropped/duplicate``, ``newsclean/dedup/same-url``);
2. the same text (``fingerprint``): dropped (``newsclean/dropped/duplicate``,
   ``newsclean/dedup/same-text``);
3. the same story with small edits (:mod:`newsclean.dedup`, MinHash over word 3-grams):
   dropped (``newsclean/dropped/near-duplicate``) or, with
   ``NEWSCLEAN_NEAR_DUPLICATES=flag``, kept with ``duplicateOf`` set to the first copy's
   URL (``newsclean/flagged/near-duplicate``).

Where it remembers what was written: in memory (one run); in ``JOBDIR/dedup.sqlite`` with
``-s JOBDIR`` (a resumed run remembers the first); in Redis with ``-s REDIS_URL`` (every
process of a distributed crawl shares it; a lock makes "check, then reserve" one step).
"Written" means in the output file: an article that passes is reserved for its process until
``item_scraped`` (see :class:`DedupPipeline`), so a process killed in between loses nothing.

Settings: ``NEWSCLEAN_DROP_DUPLICATES`` (True; False turns the pipeline off),
``NEWSCLEAN_NEAR_DUPLICATES`` (``drop``, ``flag`` or ``off``; default ``drop``),
``NEWSCLEAN_NEAR_THRESHOLD`` (0.5, the estimated Jaccard similarity of word 3-grams).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any, Protocol

from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured

from newsclean.dedup import THRESHOLD, DedupStore, MemoryStore, NearDuplicateIndex
from newsclean.scrapy.frontier import atomic, flush_feeds

log = logging.getLogger(__name__)

NEAR_MODES = ("drop", "flag", "off")
ARTICLES_STAT = "newsclean/articles"


class State(DedupStore, Protocol):
    """What the pipeline keeps, in any store: the exact keys (URL, fingerprint) of the articles
    written and of those on their way to the feed (reserved by a worker), and the
    near-duplicate index's bands and signatures."""

    def written(self, kind: str, value: str) -> str | None:
        """The URL of the article written (or dropped as a duplicate) under (kind, value)."""

    def reserved(self, kind: str, value: str) -> tuple[str, str] | None:
        """(worker, URL) of the article reserved under (kind, value) and not yet written."""

    def reserve(self, kind: str, value: str, worker: str, url: str) -> None:
        """Reserve (kind, value) for ``url``, on its way to the feed in ``worker``."""

    def settle(self, kind: str, value: str, url: str) -> None:
        """(kind, value) is ``url``'s for good: written, or dropped as a duplicate (safe outside a transaction)."""

    def cancel(self, kind: str, value: str, worker: str) -> None:
        """Give up ``worker``'s reservation of (kind, value) (safe outside a transaction)."""

    def unfile(self, key: str) -> None:
        """Forget the signature filed under ``key``."""

    def transaction(self) -> AbstractContextManager[Any]:
        """Check-then-reserve (and check-then-file) in one step."""

    def close(self) -> None:
        """Close the store."""


class Memory(MemoryStore):
    """Dedup state in memory: exact keys (written, reserved) and the near-duplicate index."""

    def __init__(self) -> None:
        super().__init__()
        self.exact: dict[str, str] = {}
        self.pending: dict[str, tuple[str, str]] = {}

    def written(self, kind: str, value: str) -> str | None:
        """The URL of the article written (or dropped as a duplicate) under (kind, value)."""
        return self.exact.get(exact_key(kind, value))

    def reserved(self, kind: str, value: str) -> tuple[str, str] | None:
        """(worker, URL) of the article reserved under (kind, value) and not yet written."""
        return self.pending.get(exact_key(kind, value))

    def reserve(self, kind: str, value: str, worker: str, url: str) -> None:
        """Reserve (kind, value) for ``url``, on its way to the feed in ``worker``."""
        self.pending[exact_key(kind, value)] = (worker, url)

    def settle(self, kind: str, value: str, url: str) -> None:
        """(kind, value) is ``url``'s for good: written, or dropped as a duplicate."""
        self.exact[exact_key(kind, value)] = url
        self.pending.pop(exact_key(kind, value), None)

    def cancel(self, kind: str, value: str, worker: str) -> None:
        """Give up ``worker``'s reservation of (kind, value): its article was not written."""
        if self.pending.get(exact_key(kind, value), ("",))[0] == worker:
            del self.pending[exact_key(kind, value)]

    def transaction(self) -> AbstractContextManager[Any]:
        return nullcontext()

    def close(self) -> None:
        """Nothing to close."""


class Sqlite:
    """Dedup state in ``JOBDIR/dedup.sqlite``: survives a killed run."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(
            "CREATE TABLE IF NOT EXISTS exact (key TEXT PRIMARY KEY, url TEXT);"
            "CREATE TABLE IF NOT EXISTS pending (key TEXT PRIMARY KEY, worker TEXT, url TEXT);"
            "CREATE TABLE IF NOT EXISTS bands (band TEXT, key TEXT);"
            "CREATE INDEX IF NOT EXISTS bands_band ON bands (band);"
            "CREATE TABLE IF NOT EXISTS signatures (key TEXT PRIMARY KEY, sig BLOB);"
        )

    def written(self, kind: str, value: str) -> str | None:
        """The URL of the article written (or dropped as a duplicate) under (kind, value)."""
        row = self.db.execute("SELECT url FROM exact WHERE key = ?", (exact_key(kind, value),)).fetchone()
        return str(row[0]) if row else None

    def reserved(self, kind: str, value: str) -> tuple[str, str] | None:
        """(worker, URL) of the article reserved under (kind, value) and not yet written."""
        row = self.db.execute("SELECT worker, url FROM pending WHERE key = ?", (exact_key(kind, value),)).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def reserve(self, kind: str, value: str, worker: str, url: str) -> None:
        """Reserve (kind, value) for ``url``, on its way to the feed in ``worker``."""
        self.db.execute("INSERT OR REPLACE INTO pending VALUES (?, ?, ?)", (exact_key(kind, value), worker, url))

    def settle(self, kind: str, value: str, url: str) -> None:
        """(kind, value) is ``url``'s for good: written, or dropped as a duplicate."""
        # Written first: killed between the two, both rows remain and "written" is read first.
        self.db.execute("INSERT OR REPLACE INTO exact VALUES (?, ?)", (exact_key(kind, value), url))
        self.db.execute("DELETE FROM pending WHERE key = ?", (exact_key(kind, value),))

    def cancel(self, kind: str, value: str, worker: str) -> None:
        """Give up ``worker``'s reservation of (kind, value): its article was not written."""
        self.db.execute("DELETE FROM pending WHERE key = ? AND worker = ?", (exact_key(kind, value), worker))

    def candidates(self, bands: list[str]) -> set[str]:
        """The keys filed under any of these bands."""
        marks = ",".join("?" * len(bands))
        return {row[0] for row in self.db.execute(f"SELECT key FROM bands WHERE band IN ({marks})", bands)}

    def signature(self, key: str) -> bytes | None:
        """The signature filed for a key."""
        row = self.db.execute("SELECT sig FROM signatures WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row else None

    def file(self, bands: list[str], key: str, sig: bytes) -> None:
        """File a key under each band, and its signature."""
        self.db.execute("INSERT OR REPLACE INTO signatures VALUES (?, ?)", (key, sig))
        self.db.executemany("INSERT INTO bands VALUES (?, ?)", [(band, key) for band in bands])

    def unfile(self, key: str) -> None:
        """Forget the signature filed under ``key`` (its band entries then match nothing)."""
        self.db.execute("DELETE FROM signatures WHERE key = ?", (key,))

    def transaction(self) -> AbstractContextManager[Any]:
        """One step: check, then file."""
        return atomic(self.db, commit_on=(DropItem,))  # one commit for the whole check-and-file; a drop is a result too

    def close(self) -> None:
        self.db.close()


class Redis:
    """Dedup state in Redis under ``<crawl key>:dedup:*``, shared by every process of the crawl."""

    def __init__(self, server: Any, prefix: str) -> None:
        self.server = server
        self.prefix = prefix

    def written(self, kind: str, value: str) -> str | None:
        """The URL of the article written (or dropped as a duplicate) under (kind, value)."""
        return text(self.server.hget(f"{self.prefix}:{kind}", value))

    def reserved(self, kind: str, value: str) -> tuple[str, str] | None:
        """(worker, URL) of the article reserved under (kind, value) and not yet written."""
        held = text(self.server.hget(f"{self.prefix}:pending:{kind}", value))
        if held is None:
            return None
        worker, _, url = held.partition(" ")  # worker ids have no space
        return worker, url

    def reserve(self, kind: str, value: str, worker: str, url: str) -> None:
        """Reserve (kind, value) for ``url``, on its way to the feed in ``worker``."""
        self.server.hset(f"{self.prefix}:pending:{kind}", value, f"{worker} {url}")

    def settle(self, kind: str, value: str, url: str) -> None:
        """(kind, value) is ``url``'s for good: written, or dropped as a duplicate."""
        pipe = self.server.pipeline(transaction=True)
        pipe.hset(f"{self.prefix}:{kind}", value, url)
        pipe.hdel(f"{self.prefix}:pending:{kind}", value)
        pipe.execute()

    def cancel(self, kind: str, value: str, worker: str) -> None:
        """Give up ``worker``'s reservation of (kind, value): its article was not written."""
        held = self.reserved(kind, value)
        if held is not None and held[0] == worker:  # only a live worker cancels: nobody takes its reservations over
            self.server.hdel(f"{self.prefix}:pending:{kind}", value)

    def candidates(self, bands: list[str]) -> set[str]:
        """The keys filed under any of these bands."""
        pipe = self.server.pipeline(transaction=False)
        for band in bands:
            pipe.smembers(f"{self.prefix}:band:{band}")
        return {key.decode() for members in pipe.execute() for key in members}

    def signature(self, key: str) -> bytes | None:
        """The signature filed for a key."""
        value = self.server.hget(f"{self.prefix}:signatures", key)
        return bytes(value) if value is not None else None

    def file(self, bands: list[str], key: str, sig: bytes) -> None:
        """File a key under each band, and its signature."""
        pipe = self.server.pipeline(transaction=True)
        pipe.hset(f"{self.prefix}:signatures", key, sig)
        for band in bands:
            pipe.sadd(f"{self.prefix}:band:{band}", key)
        pipe.execute()

    def unfile(self, key: str) -> None:
        """Forget the signature filed under ``key`` (its band entries then match nothing)."""
        self.server.hdel(f"{self.prefix}:signatures", key)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One step: check, then reserve (and file)."""
        # Check-then-reserve must be one step across processes. The lock expires if its holder
        # dies: a check takes milliseconds, so 10 s is ample, and the stall after a SIGKILL short.
        with self.server.lock(f"{self.prefix}:lock", timeout=10, blocking_timeout=60):
            yield

    def close(self) -> None:
        """The connection belongs to the pool; nothing to close."""


def exact_key(kind: str, value: str) -> str:
    """The key of an exact value in the memory and SQLite stores: ``urls:<url>``, ``fingerprints:<fp>``."""
    return f"{kind}:{value}"


class Duplicate(DropItem):
    """This pipeline's drop: the article duplicates one already written (or on its way)."""


def pending_key(item: Mapping[str, Any]) -> tuple[str, str]:
    """An article's (canonical URL, fingerprint): what the pipeline reserves it under."""
    return str(item.get("canonicalUrl") or item.get("url") or ""), str(item.get("fingerprint", ""))


def text(value: Any) -> str | None:
    """A Redis reply as text (None stays None)."""
    return value.decode() if isinstance(value, bytes) else value


class DedupPipeline:
    """Drops (or flags) articles already written: same URL, same text, or the same story edited.

    "Written" must mean "in the output file", or a process killed between this check and the
    feed exporter's write loses the article for good: its request is fetched again (the
    frontier hands a dead process's requests back) and dropped as already written. So an
    article that passes only *reserves* its URL and text for this process; the reservation
    becomes "written" on ``item_scraped``, once the feeds have the item (and are flushed),
    and is given up if a later pipeline drops it. A copy that meets a reservation of a live
    process is a duplicate in flight; one that meets a dead process's reservation (another
    run's, with JOBDIR; a process whose heartbeat expired, with Redis) takes it over.
    """

    def __init__(self, stats: Any, state: State, *, near: str = "drop", threshold: float = THRESHOLD) -> None:
        if near not in NEAR_MODES:
            raise ValueError(f"NEWSCLEAN_NEAR_DUPLICATES must be one of {', '.join(NEAR_MODES)}, not {near!r}")
        self.stats = stats
        self.state = state
        self.near = near
        self.index = NearDuplicateIndex(state, threshold=threshold)
        self.reasons_logged: set[str] = set()
        self.crawler: Any = None
        # This process, and whether another is alive: the leasing schedulers say (see open_spider).
        self.worker = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.others_alive: Callable[[str], bool] = lambda worker: False
        # Articles that passed, by (URL, fingerprint): (the item, its reserved keys), until
        # written or dropped. Only one copy of a URL and text can pass at a time, so the key is
        # unique, and a later pipeline that returns another dict still finds its entry.
        self.pending: dict[tuple[str, str], tuple[Any, list[tuple[str, str]]]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupPipeline:
        """The state follows the crawl: Redis with REDIS_URL, SQLite with JOBDIR, else memory."""
        settings = crawler.settings
        if not settings.getbool("NEWSCLEAN_DROP_DUPLICATES", True):
            raise NotConfigured("NEWSCLEAN_DROP_DUPLICATES is off")
        state: State
        if settings.get("REDIS_URL"):
            from scrapy_redis import connection

            state = Redis(connection.from_settings(settings), "")  # keys named in open_spider
        elif settings.get("JOBDIR"):
            state = Sqlite(Path(settings["JOBDIR"]) / "dedup.sqlite")
        else:
            state = Memory()
        pipeline = cls(
            crawler.stats,
            state,
            near=str(settings.get("NEWSCLEAN_NEAR_DUPLICATES", "drop")).lower(),
            threshold=settings.getfloat("NEWSCLEAN_NEAR_THRESHOLD", THRESHOLD),
        )
        pipeline.crawler = crawler
        # Connected after the feed exporters (extensions are built before the pipelines).
        crawler.signals.connect(pipeline.item_written, signal=signals.item_scraped)
        crawler.signals.connect(pipeline.item_lost, signal=signals.item_dropped)
        crawler.signals.connect(pipeline.item_lost, signal=signals.item_error)
        return pipeline

    def open_spider(self, spider: Any = None) -> None:
        """Name the Redis state after the crawl (spider and arguments); take the scheduler's worker id."""
        crawler = getattr(self, "crawler", None) or spider.crawler
        spider = spider or crawler.spider
        if isinstance(self.state, Redis):
            from newsclean.scrapy.frontier import crawl_key

            self.state.prefix = f"{crawl_key(spider, crawler.settings)}:dedup"
        # Set by newsclean's leasing schedulers (JOBDIR, REDIS_URL); with another scheduler every
        # reservation not this process's is taken for a dead one's: a copy may be written twice, none lost.
        self.worker = getattr(spider, "crawl_worker", None) or self.worker
        self.others_alive = getattr(spider, "crawl_worker_alive", None) or self.others_alive

    def close_spider(self, spider: Any = None) -> None:
        """Close the state's database, if any."""
        self.state.close()

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """The article, unless it duplicates one already written (then DropItem, or ``duplicateOf``)."""
        if not isinstance(item, dict) or "fingerprint" not in item or "blocks" not in item:
            return item
        url, fingerprint = pending_key(item)
        text = "\n".join(str(block.get("text", "")) for block in item.get("blocks") or ())
        claimed: list[tuple[str, str]] = []
        with self.state.transaction():
            try:
                if url:
                    if (first := self.claim("urls", url, url)) is not None:
                        self.drop("duplicate", "same-url", f"{url}: already written")
                    claimed.append(("urls", url))
                if (first := self.claim("fingerprints", fingerprint, url)) is not None:
                    self.drop("duplicate", "same-text", f"{url}: the same text as {first}")
                claimed.append(("fingerprints", fingerprint))
                if self.near != "off" and (first := self.index.check_and_add(url, text)) is not None:
                    if self.near == "drop":
                        self.drop("near-duplicate", "near-duplicate", f"{url}: the same story as {first}")
                    self.stats.inc_value("newsclean/flagged/near-duplicate")
                    item["duplicateOf"] = first
            except Duplicate:
                # Dropping a duplicate is final and writes nothing: this copy's keys are settled.
                for kind, value in claimed:
                    self.state.settle(kind, value, url)
                raise
        self.pending[(url, fingerprint)] = (item, claimed)
        return item

    def claim(self, kind: str, value: str, url: str) -> str | None:
        """The URL (kind, value) belongs to (written, or on its way in a live process); else None, reserved for ``url``."""
        if (first := self.state.written(kind, value)) is not None:
            return first
        held = self.state.reserved(kind, value)
        if held is not None:
            worker, first = held
            if worker == self.worker or self.others_alive(worker):
                return first
            self.stats.inc_value("newsclean/dedup/taken-over")
            log.info("%s: taken over from worker %s, which stopped before writing it", url, worker)
        self.state.reserve(kind, value, self.worker, url)
        return None

    def item_written(self, item: Any = None, response: Any = None, spider: Any = None) -> None:
        """The feeds have the item: flush them, then its reservations become "written"."""
        if not isinstance(item, dict):
            return
        url, fingerprint = pending_key(item)
        entry = self.pending.pop((url, fingerprint), None)
        if entry is None:
            return
        flush_feeds(self.crawler)
        # No lock: waiting for another process's lock here would widen the one window left
        # (written to the file, not yet settled: a kill there writes the article twice).
        for kind, value in entry[1]:
            self.state.settle(kind, value, url)

    def item_lost(self, item: Any = None, response: Any = None, spider: Any = None, exception: Any = None, **kwargs: Any) -> None:
        """A later pipeline dropped the item (or failed on it): give up its reservations.

        Not for this pipeline's own drops: a copy dropped as a duplicate in flight has the same
        key as the copy that passed, whose reservation stands.
        """
        if not isinstance(item, dict) or isinstance(exception, Duplicate):
            return
        key = pending_key(item)
        entry = self.pending.get(key)
        if entry is None or (exception is None and entry[0] is not item):
            return  # an error (no exception given) counts only for the very item that passed
        del self.pending[key]
        for kind, value in entry[1]:
            self.state.cancel(kind, value, self.worker)
            if kind == "urls":
                self.index.forget(value)  # the near-duplicate index keys texts by URL

    def drop(self, reason: str, detail: str, message: str) -> None:
        """Count and log (once per reason at INFO) a duplicate, then drop it."""
        self.stats.inc_value(f"newsclean/dropped/{reason}")
        self.stats.inc_value(f"newsclean/dedup/{detail}")
        self.stats.inc_value(ARTICLES_STAT, -1)  # counted as written by NewscleanPipeline
        level = logging.DEBUG if reason in self.reasons_logged else logging.INFO
        self.reasons_logged.add(reason)
        log.log(level, "dropped (%s): %s", reason, message)
        error = Duplicate(f"{reason}: {message}")
        error.log_level = "DEBUG"
        raise error
