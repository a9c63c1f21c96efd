"""``NewscleanPipeline``: PageItem in, canonical article dict out; everything else dropped and counted."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from scrapy.exceptions import DropItem

from newsclean.config import Config
from newsclean.errors import ExtractionError
from newsclean.pipeline import extract
from newsclean.scrapy.items import ArticleItem, PageItem

log = logging.getLogger(__name__)

# Where the pipeline's counters go in Scrapy's stats.
ARTICLES_STAT = "newsclean/articles"
DROPPED_STAT = "newsclean/dropped/{reason}"
DUPLICATE = "duplicate"
# DropItem's own log line (Scrapy >= 2.13): the pipeline logs each reason itself, once.
DROP_LOG_LEVEL = "DEBUG"

Outcome = ArticleItem | tuple[str, str]


class NewscleanPipeline:
    """Runs :func:`newsclean.extract` on each :class:`PageItem` and returns the article dict.

    A page that is not an article or cannot be extracted raises ``DropItem``; the reason
    (``ExtractionError.reason``, or ``duplicate``) is counted in the stats as
    ``newsclean/dropped/<reason>`` and logged at INFO the first time, at DEBUG after.
    Written articles are counted as ``newsclean/articles``. Items that are not PageItems
    pass through untouched.

    Settings, read in :meth:`from_crawler`: ``NEWSCLEAN_DROP_DUPLICATES`` (True),
    ``NEWSCLEAN_EXPLAIN`` (False), ``NEWSCLEAN_MAX_BYTES`` (20 MB),
    ``NEWSCLEAN_REQUIRE_ARTICLE`` (True), ``NEWSCLEAN_WORKERS`` (0).
    """

    def __init__(
        self,
        stats: Any,
        config: Config,
        *,
        drop_duplicates: bool = True,
        explain: bool = False,
        workers: int = 0,
    ) -> None:
        self.stats = stats
        self.config = config
        self.drop_duplicates = drop_duplicates
        self.explain = explain
        self.fingerprints: set[str] = set()
        self.reasons_logged: set[str] = set()
        # Extraction is CPU work: with workers > 0 it runs in a process pool, so that the
        # reactor keeps downloading while pages are extracted.
        self.pool = ProcessPoolExecutor(max_workers=workers) if workers > 0 else None

    @classmethod
    def from_crawler(cls, crawler: Any) -> NewscleanPipeline:
        """Build the pipeline from the crawl's ``NEWSCLEAN_*`` settings; nothing global."""
        settings = crawler.settings
        config = Config(
            max_bytes=settings.getint("NEWSCLEAN_MAX_BYTES", Config.max_bytes),
            require_article=settings.getbool("NEWSCLEAN_REQUIRE_ARTICLE", True),
        )
        return cls(
            crawler.stats,
            config,
            drop_duplicates=settings.getbool("NEWSCLEAN_DROP_DUPLICATES", True),
            explain=settings.getbool("NEWSCLEAN_EXPLAIN", False),
            workers=settings.getint("NEWSCLEAN_WORKERS", 0),
        )

    def close_spider(self, spider: Any = None) -> None:
        """Shut the worker pool down, if there is one."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        """Extract one page: the canonical article dict, or ``DropItem`` with the reason."""
        if not isinstance(item, PageItem):
            return item
        outcome = await self.extract(item)
        if isinstance(outcome, tuple):
            reason, message = outcome
            self.drop(reason, f"{item.url}: {message}")
        if self.drop_duplicates:
            if outcome["fingerprint"] in self.fingerprints:
                self.drop(DUPLICATE, f"{item.url}: the same text as an article already written")
            self.fingerprints.add(outcome["fingerprint"])
        self.stats.inc_value(ARTICLES_STAT)
        return outcome

    async def extract(self, item: PageItem) -> Outcome:
        """The one place extraction happens: in this thread, or in the worker pool."""
        arguments = (item.body, item.url, item.headers, self.explain, self.config)
        if self.pool is None:
            return extract_page(*arguments)
        return await asyncio.get_running_loop().run_in_executor(self.pool, extract_page, *arguments)

    def drop(self, reason: str, message: str) -> None:
        """Count and log (once per reason at INFO) a page that gives no article, then drop it."""
        self.stats.inc_value(DROPPED_STAT.format(reason=reason))
        level = logging.DEBUG if reason in self.reasons_logged else logging.INFO
        self.reasons_logged.add(reason)
        log.log(level, "dropped (%s): %s", reason, message)
        error = DropItem(f"{reason}: {message}")
        error.log_level = DROP_LOG_LEVEL  # an attribute, not an argument: Scrapy < 2.13 has no such parameter
        raise error


def extract_page(body: bytes, url: str, headers: dict[str, str], explain: bool, config: Config) -> Outcome:
    """Extract one page: the article dict, or ``(reason, message)``.

    Module-level and picklable, so that a process pool can run it.
    """
    try:
        return extract(body, url=url, headers=headers, explain=explain, config=config).to_dict()
    except ExtractionError as error:
        return error.reason, str(error)
