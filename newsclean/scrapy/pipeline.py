"""``NewscleanPipeline``: PageItem in, canonical article dict out; everything else dropped and counted."""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, NoReturn

from scrapy.exceptions import DropItem
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred

from newsclean.config import Config, config_from_settings
from newsclean.errors import ExtractionError
from newsclean.pipeline import extract
from newsclean.scrapy.items import ArticleItem, PageItem

log = logging.getLogger(__name__)

# Where the pipeline's counters go in Scrapy's stats.
ARTICLES_STAT = "newsclean/articles"
DROPPED_STAT = "newsclean/dropped/{reason}"
WORKER_DIED = "worker-died"
RESTARTS_STAT = "newsclean/workers/restarted"
TIMEOUT = "timeout"
# NEWSCLEAN_EXTRACT_TIMEOUT: seconds one page's extraction may take (0: no limit). A normal
# page takes 20-200 ms; a 1.6 MB page of 20,000 paragraphs about 6 s on a 2-core machine.
EXTRACT_TIMEOUT = 60.0
# Threads still finishing a page that ran over time, at most (each bounded by Config.max_elements).
MAX_RETIRED = 4
# How long close_spider waits for a worker process before killing it.
SHUTDOWN_SECONDS = 5.0
# DropItem's own log line (Scrapy >= 2.13): the pipeline logs each reason itself, once.
DROP_LOG_LEVEL = "DEBUG"

Outcome = ArticleItem | tuple[str, str]


class NewscleanPipeline:
    """Runs :func:`newsclean.extract` on each :class:`PageItem` and returns the article dict.

    A page that is not an article or cannot be extracted raises ``DropItem``; the reason
    (``ExtractionError.reason``) is counted in the stats as ``newsclean/dropped/<reason>``
    and logged at INFO the first time, at DEBUG after. Articles are counted as
    ``newsclean/articles``. The item's extra fields (``PageItem.meta``, e.g.
    ``PageItem.from_response(response, source="feed")``) are added to the article dict
    (the article's own fields win). Items that are not PageItems pass through untouched.
    Duplicates are the business of :class:`~newsclean.scrapy.DedupPipeline`.

    By default (``NEWSCLEAN_WORKERS=0``) pages are extracted one at a time in one thread of
    their own (:class:`ExtractionThread`), never in the reactor thread, so that a heavy page
    cannot stall the downloads, timers and heartbeats of the crawl. A page whose extraction
    runs over ``NEWSCLEAN_EXTRACT_TIMEOUT`` seconds (counted from its start) is dropped
    (``newsclean/dropped/timeout``) and the next pages go on in a new thread; its
    extraction, bounded by ``Config.max_elements``, finishes in the background and its
    result is discarded (Python cannot stop a thread).

    With ``NEWSCLEAN_WORKERS=N`` pages are extracted in N worker processes (under any
    Twisted reactor). A worker that dies (killed, out of memory) is replaced and the page
    it had is tried once more; a page that kills a worker twice is dropped
    (``newsclean/dropped/worker-died``). Restarts are counted as ``newsclean/workers/restarted``.

    Settings, read in :meth:`from_crawler`: ``NEWSCLEAN_EXPLAIN`` (False),
    ``NEWSCLEAN_WORKERS`` (0), ``NEWSCLEAN_EXTRACT_TIMEOUT`` (60 s; threads only), and the
    extraction options of :func:`newsclean.config.config_from_settings`: ``NEWSCLEAN_CONFIG``
    (a TOML file), ``NEWSCLEAN_RULES`` (rule packs), ``NEWSCLEAN_DISABLED_RULES``,
    ``NEWSCLEAN_FAVOR``, ``NEWSCLEAN_REQUIRE_ARTICLE`` (True), ``NEWSCLEAN_MIN_BODY_CHARS``,
    ``NEWSCLEAN_MAX_BYTES`` (20 MB), ``NEWSCLEAN_MAX_ELEMENTS``.
    """

    def __init__(
        self,
        stats: Any,
        config: Config,
        *,
        explain: bool = False,
        workers: int = 0,
        timeout: float = EXTRACT_TIMEOUT,
    ) -> None:
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 0:
            raise ValueError(f"NEWSCLEAN_WORKERS must be a whole number >= 0, not {workers!r}")
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout >= 0:
            raise ValueError(f"NEWSCLEAN_EXTRACT_TIMEOUT must be a number of seconds >= 0, not {timeout!r}")
        self.timeout = float(timeout)
        self.stats = stats
        self.config = config
        self.explain = explain
        self.workers = workers
        self.reasons_logged: set[str] = set()
        # Extraction is CPU work: with workers > 0 it runs in a process pool, so that the
        # reactor keeps downloading while pages are extracted.
        self.pool = ProcessPoolExecutor(max_workers=workers) if workers > 0 else None
        # Without a pool, a thread: off the reactor, and one page at a time (no GIL contention
        # between pages, so that the time limit measures the page, not its neighbours).
        self.thread = ExtractionThread() if workers == 0 else None

    @classmethod
    def from_crawler(cls, crawler: Any) -> NewscleanPipeline:
        """Build the pipeline from the crawl's ``NEWSCLEAN_*`` settings; nothing global."""
        settings = crawler.settings
        config = config_from_settings(settings)  # NEWSCLEAN_CONFIG, NEWSCLEAN_RULES, NEWSCLEAN_FAVOR, ...
        return cls(
            crawler.stats,
            config,
            explain=settings.getbool("NEWSCLEAN_EXPLAIN", False),
            workers=settings.getint("NEWSCLEAN_WORKERS", 0),
            timeout=settings.getfloat("NEWSCLEAN_EXTRACT_TIMEOUT", EXTRACT_TIMEOUT),
        )

    def close_spider(self, spider: Any = None) -> None:
        """Shut the worker pool down, if there is one; a worker that does not stop in time is killed."""
        if self.pool is not None:
            stop_pool(self.pool)
            self.pool = None
        if self.thread is not None:
            self.thread.stop()
            self.thread = None

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        """Extract one page: the canonical article dict, or ``DropItem`` with the reason."""
        if not isinstance(item, PageItem):
            return item
        outcome = await self.extract(item)
        if isinstance(outcome, tuple):
            reason, message = outcome
            self.drop(reason, f"{item.url}: {message}")
        for name, value in item.meta.items():
            outcome.setdefault(name, value)
        self.stats.inc_value(ARTICLES_STAT)
        return outcome

    async def extract(self, item: PageItem) -> Outcome:
        """The one place extraction happens: in the extraction thread, or in the worker pool."""
        arguments = (item.body, item.url, item.headers, self.explain, self.config)
        if self.workers == 0:
            thread = self.thread
            if thread is None:  # closing
                return "cancelled", "the crawl is stopping"
            outcome = await thread.run(extract_page, arguments, self.timeout)
            if outcome is None:
                return TIMEOUT, f"extraction took longer than NEWSCLEAN_EXTRACT_TIMEOUT ({self.timeout:g} s)"
            return outcome  # type: ignore[no-any-return]
        for attempt in (1, 2):
            pool = self.pool
            if pool is None:  # closing
                return "cancelled", "the crawl is stopping"
            try:
                return await maybe_deferred_to_future(deferred_from_future(pool.submit(extract_page, *arguments)))
            except BrokenProcessPool:
                self.replace_pool(pool)
                if attempt == 1:
                    log.warning("a worker process died while extracting %s: trying it once more", item.url)
        return WORKER_DIED, "a worker process died twice while extracting the page"

    def replace_pool(self, broken: ProcessPoolExecutor) -> None:
        """A worker died: every item in the broken pool fails; the first to notice starts a new pool."""
        if self.pool is broken:
            self.stats.inc_value(RESTARTS_STAT)
            self.pool = ProcessPoolExecutor(max_workers=self.workers)
            stop_pool(broken)

    def drop(self, reason: str, message: str) -> NoReturn:
        """Count and log (once per reason at INFO) a page that gives no article, then drop it."""
        self.stats.inc_value(DROPPED_STAT.format(reason=reason))
        level = logging.DEBUG if reason in self.reasons_logged else logging.INFO
        self.reasons_logged.add(reason)
        log.log(level, "dropped (%s): %s", reason, message)
        error = DropItem(f"{reason}: {message}")
        error.log_level = DROP_LOG_LEVEL  # an attribute, not an argument: Scrapy < 2.13 has no such parameter
        raise error


def deferred_from_future(future: Future[Any]) -> Deferred[Any]:
    """A Twisted Deferred fired (in the reactor thread) with a concurrent future's result: works under any reactor."""
    from twisted.internet import reactor  # here, not at import: importing it installs the default reactor

    deferred: Deferred[Any] = Deferred()

    def settle(done: Future[Any]) -> None:
        if deferred.called:
            return
        error = done.exception()
        if error is None:
            deferred.callback(done.result())
        else:
            deferred.errback(error)

    future.add_done_callback(lambda done: reactor.callFromThread(settle, done))
    return deferred


class ExtractionThread:
    """Extraction jobs run in turn in a daemon thread, answering in the reactor thread.

    :meth:`run` returns a Deferred fired with the job's result, or with None when the job
    ran longer than its time limit (the clock starts when the job starts, not while it
    waits its turn). The thread of a job over time is retired: it ends with that job
    (Python cannot stop a thread; extraction is bounded by ``Config.max_elements``) and a
    new thread takes the next jobs, so one heavy page delays no other. At most
    :data:`MAX_RETIRED` retired threads run at once; past that, the jobs wait their turn.
    Daemon threads, so a job still running at exit never holds the process up.
    """

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[Callable[[threading.Event], None] | None] = queue.SimpleQueue()
        self.threads: list[tuple[threading.Thread, threading.Event]] = []
        self.spawn()

    def spawn(self) -> None:
        retired = threading.Event()
        thread = threading.Thread(target=self.serve, args=(retired,), name="newsclean-extract", daemon=True)
        self.threads.append((thread, retired))
        thread.start()

    def serve(self, retired: threading.Event) -> None:
        while not retired.is_set() and (job := self.jobs.get()) is not None:
            job(retired)

    def retire(self, retired: threading.Event) -> None:
        """A job of this thread ran over time: let the thread end with it, and start another (in the reactor thread)."""
        self.threads = [(thread, event) for thread, event in self.threads if thread.is_alive()]
        if retired.is_set() or sum(event.is_set() for _, event in self.threads) >= MAX_RETIRED:
            return
        retired.set()
        self.spawn()

    def stop(self) -> None:
        """Let the threads end after the jobs they are running (waiting jobs are not run)."""
        for _ in self.threads:
            self.jobs.put(None)

    async def run(self, function: Callable[..., Any], arguments: tuple[Any, ...], timeout: float) -> Any:
        """``function(*arguments)`` in a thread; None if it takes over ``timeout`` seconds (0: no limit).

        Awaited on the running asyncio loop when there is one (Scrapy's asyncio reactor, or a
        caller's ``asyncio.run``), else on the Twisted reactor.
        """
        done: Callable[[], bool]
        answer: Callable[[Any], Any]
        fail: Callable[[BaseException], Any]
        waiting: Any
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None:
            future: asyncio.Future[Any] = loop.create_future()
            call_soon: Callable[..., Any] = loop.call_soon_threadsafe
            call_later: Callable[..., Any] = loop.call_later
            done, answer, fail, waiting = future.done, future.set_result, future.set_exception, future
        else:
            from twisted.internet import reactor as installed  # here, not at import: importing it installs the default reactor

            reactor: Any = installed
            deferred: Deferred[Any] = Deferred()
            call_soon, call_later = reactor.callFromThread, reactor.callLater
            done, answer, fail, waiting = (lambda: deferred.called), deferred.callback, deferred.errback, deferred
        timer: list[Any] = []

        def start_clock(retired: threading.Event) -> None:
            if timeout > 0 and not done():
                timer.append(call_later(timeout, over_time, retired))

        def over_time(retired: threading.Event) -> None:
            if not done():
                answer(None)
                self.retire(retired)

        def settle(result: Any, error: BaseException | None) -> None:
            for call in timer:
                if not hasattr(call, "active") or call.active():  # a Twisted DelayedCall must not be cancelled twice
                    call.cancel()
            if done():
                return  # over time: already answered with None
            if error is None:
                answer(result)
            else:
                fail(error)

        def job(retired: threading.Event) -> None:
            call_soon(start_clock, retired)
            try:
                result = function(*arguments)
            except BaseException as error:  # our own bug: reaches Scrapy's log through the awaited result
                call_soon(settle, None, error)
            else:
                call_soon(settle, result, None)

        self.jobs.put(job)
        return await waiting


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Shut a pool down without waiting on it forever: a worker still alive after SHUTDOWN_SECONDS is killed."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(SHUTDOWN_SECONDS)
        if process.is_alive():
            process.kill()
            process.join(1)


def extract_page(body: bytes, url: str, headers: dict[str, str], explain: bool, config: Config) -> Outcome:
    """Extract one page: the article dict, or ``(reason, message)``.

    Module-level and picklable, so that a process pool can run it.
    """
    try:
        return extract(body, url=url, headers=headers, explain=explain, config=config).to_dict()
    except ExtractionError as error:
        return error.reason, str(error)
