"""``NewscleanPipeline``: PageItem in, canonical article dict out; everything else dropped and counted."""

from __future__ import annotations

import logging
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

    def __init__(self, stats: Any, config: Config, *, drop_duplicates: bool = True, explain: bool = False) -> None:
        self.stats = stats
        self.config = config
        self.drop_duplicates = drop_duplicates
        self.explain = explain
        self.fingerprints: set[str] = set()
        self.reasons_logged: set[str] = set()

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
        )

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Extract one page; return the canonical dict or raise DropItem."""
        if not isinstance(item, PageItem):
            return item
        try:
            article = self.extract(item)
        except ExtractionError as error:
            self._drop(error.reason, f"{item.url}: {error}")
        data = article.to_dict()
        if self.drop_duplicates:
            if data["fingerprint"] in self.fingerprints:
                self._drop("duplicate", f"{item.url}: same text as an article already written")
            self.fingerprints.add(data["fingerprint"])
        self.stats.inc_value("newsclean/articles")
        return data

    def extract(self, item: PageItem) -> Any:
        """The extraction itself, in one place (so it can move to a worker pool)."""
        return extract(item.body, url=item.url, headers=item.headers, explain=self.explain, config=self.config)

    def _drop(self, reason: str, message: str) -> None:
        self.stats.inc_value(f"newsclean/dropped/{reason}")
        level = logging.DEBUG if reason in self.reasons_logged else logging.INFO
        self.reasons_logged.add(reason)
        log.log(level, "dropped (%s): %s", reason, message)
        raise DropItem(f"{reason}: {message}")
