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
process of a distributed crawl shares it; a lock makes "check, then remember" one step).

Settings: ``NEWSCLEAN_DROP_DUPLICATES`` (True; False turns the pipeline off),
``NEWSCLEAN_NEAR_DUPLICATES`` (``drop``, ``flag`` or ``off``; default ``drop``),
``NEWSCLEAN_NEAR_THRESHOLD`` (0.5, the estimated Jaccard similarity of word 3-grams).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem, NotConfigured

from newsclean.dedup import THRESHOLD, MemoryStore, NearDuplicateIndex
from newsclean.scrapy.frontier import atomic

log = logging.getLogger(__name__)

NEAR_MODES = ("drop", "flag", "off")
ARTICLES_STAT = "newsclean/articles"


class Memory(MemoryStore):
    """Dedup state in memory: exact keys and the near-duplicate index."""

    def __init__(self) -> None:
        super().__init__()
        self.exact: dict[str, str] = {}

    def first(self, kind: str, value: str, url: str) -> str | None:
        """The URL filed under (kind, value), or None after filing ``url`` there."""
        key = f"{kind}:{value}"
        if key in self.exact:
            return self.exact[key]
        self.exact[key] = url
        return None

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
            "CREATE TABLE IF NOT EXISTS bands (band TEXT, key TEXT);"
            "CREATE INDEX IF NOT EXISTS bands_band ON bands (band);"
            "CREATE TABLE IF NOT EXISTS signatures (key TEXT PRIMARY KEY, sig BLOB);"
        )

    def first(self, kind: str, value: str, url: str) -> str | None:
        """The URL filed under (kind, value), or None after filing ``url`` there."""
        row = self.db.execute("SELECT url FROM exact WHERE key = ?", (f"{kind}:{value}",)).fetchone()
        if row:
            return str(row[0])
        self.db.execute("INSERT INTO exact VALUES (?, ?)", (f"{kind}:{value}", url))
        return None

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

    def first(self, kind: str, value: str, url: str) -> str | None:
        """The URL filed under (kind, value), or None after filing ``url`` there (HSETNX: atomic)."""
        key = f"{self.prefix}:{kind}"
        if self.server.hsetnx(key, value, url):
            return None
        first = self.server.hget(key, value)
        return first.decode() if isinstance(first, bytes) else first

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

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One step: check, then file."""
        # Check-then-file must be one step across processes; the lock expires if its holder dies.
        with self.server.lock(f"{self.prefix}:lock", timeout=30, blocking_timeout=60):
            yield

    def close(self) -> None:
        """The connection belongs to the pool; nothing to close."""


class DedupPipeline:
    """Drops (or flags) articles already written: same URL, same text, or the same story edited."""

    def __init__(self, stats: Any, state: Any, *, near: str = "drop", threshold: float = THRESHOLD) -> None:
        if near not in NEAR_MODES:
            raise ValueError(f"NEWSCLEAN_NEAR_DUPLICATES must be one of {', '.join(NEAR_MODES)}, not {near!r}")
        self.stats = stats
        self.state = state
        self.near = near
        self.index = NearDuplicateIndex(state, threshold=threshold)
        self.reasons_logged: set[str] = set()
        self.crawler: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupPipeline:
        """The state follows the crawl: Redis with REDIS_URL, SQLite with JOBDIR, else memory."""
        settings = crawler.settings
        if not settings.getbool("NEWSCLEAN_DROP_DUPLICATES", True):
            raise NotConfigured("NEWSCLEAN_DROP_DUPLICATES is off")
        state: Any
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
        return pipeline

    def open_spider(self, spider: Any = None) -> None:
        """In Redis, the state is named after the crawl (the spider and its arguments)."""
        if isinstance(self.state, Redis):
            from newsclean.scrapy.frontier import crawl_key

            crawler = getattr(self, "crawler", None) or spider.crawler
            self.state.prefix = f"{crawl_key(spider or crawler.spider, crawler.settings)}:dedup"

    def close_spider(self, spider: Any = None) -> None:
        """Close the state's database, if any."""
        self.state.close()

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """The article, unless it duplicates one already written (then DropItem, or ``duplicateOf``)."""
        if not isinstance(item, dict) or "fingerprint" not in item or "blocks" not in item:
            return item
        url = str(item.get("canonicalUrl") or item.get("url") or "")
        text = "\n".join(str(block.get("text", "")) for block in item.get("blocks") or ())
        with self.state.transaction():
            if url and (first := self.state.first("urls", url, url)) is not None:
                self.drop("duplicate", "same-url", f"{url}: already written")
            if (first := self.state.first("fingerprints", str(item["fingerprint"]), url)) is not None:
                self.drop("duplicate", "same-text", f"{url}: the same text as {first}")
            if self.near != "off" and (first := self.index.check_and_add(url, text)) is not None:
                if self.near == "drop":
                    self.drop("near-duplicate", "near-duplicate", f"{url}: the same story as {first}")
                self.stats.inc_value("newsclean/flagged/near-duplicate")
                item["duplicateOf"] = first
        return item

    def drop(self, reason: str, detail: str, message: str) -> None:
        """Count and log (once per reason at INFO) a duplicate, then drop it."""
        self.stats.inc_value(f"newsclean/dropped/{reason}")
        self.stats.inc_value(f"newsclean/dedup/{detail}")
        self.stats.inc_value(ARTICLES_STAT, -1)  # counted as written by NewscleanPipeline
        level = logging.DEBUG if reason in self.reasons_logged else logging.INFO
        self.reasons_logged.add(reason)
        log.log(level, "dropped (%s): %s", reason, message)
        error = DropItem(f"{reason}: {message}")
        error.log_level = "DEBUG"
        raise error
