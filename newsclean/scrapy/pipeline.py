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
from newsclean.scrapy.items import PageItem

log = logging.getLogger(__name__)


class NewscleanPipeline:
    """Runs :func:`newsclean.extract` on each :class:`PageItem` and yields the article dict.

    A page that is not an article or cannot be extracted raises ``DropItem``; the reason
    is counted in the stats as ``newsclean/dropped/<reason>`` and logged once per reason
    at INFO (then at DEBUG). Items that are not PageItems pass through untouched.
    """

    def __init__(self, stats: Any, config: Config, *, drop_duplicates: bool = True, explain: bool = False, workers: int = 0) -> None:
        self.stats = stats
        self.config = config
        self.drop_duplicates = drop_duplicates
        self.explain = explain
        self.fingerprints: set[str] = set()
        self.reasons_logged: set[str] = set()
        # Extraction is CPU work: with workers > 0 it runs in a process pool so that the
        # reactor keeps downloading while pages are being extracted.
        self.pool = ProcessPoolExecutor(max_workers=workers) if workers > 0 else None

    @classmethod
    def from_crawler(cls, crawler: Any) -> NewscleanPipeline:
        """Read the ``NEWSCLEAN_*`` settings; nothing global."""
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
        """Extract one page; return the canonical dict or raise DropItem."""
        if not isinstance(item, PageItem):
            return item
        if self.pool is None:
            outcome = extract_page(item.body, item.url, item.headers, self.explain, self.config)
        else:
            loop = asyncio.get_running_loop()
            outcome = await loop.run_in_executor(self.pool, extract_page, item.body, item.url, item.headers, self.explain, self.config)
        if isinstance(outcome, tuple):
            reason, message = outcome
            self._drop(reason, f"{item.url}: {message}")
        data = outcome
        if self.drop_duplicates:
            if data["fingerprint"] in self.fingerprints:
                self._drop("duplicate", f"{item.url}: same text as an article already written")
            self.fingerprints.add(data["fingerprint"])
        self.stats.inc_value("newsclean/articles")
        return data

    def _drop(self, reason: str, message: str) -> None:
        self.stats.inc_value(f"newsclean/dropped/{reason}")
        level = logging.DEBUG if reason in self.reasons_logged else logging.INFO
        self.reasons_logged.add(reason)
        log.log(level, "dropped (%s): %s", reason, message)
        raise DropItem(f"{reason}: {message}")


def extract_page(body: bytes, url: str, headers: dict[str, str], explain: bool, config: Config) -> dict[str, Any] | tuple[str, str]:
    """The extraction itself: the article dict, or ``(reason, message)``. Picklable, for the pool."""
    try:
        return extract(body, url=url, headers=headers, explain=explain, config=config).to_dict()
    except ExtractionError as error:
        return error.reason, str(error)
