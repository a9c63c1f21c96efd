"""``scrapy crawl feed``: articles linked from RSS 2.0, Atom and RDF (RSS 1.0) feeds.

Arguments:
  -a url=URL[,URL...]   the feed(s)
  -a since=DATE         skip entries published before DATE (YYYY-MM-DD)
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import feedparser
import scrapy

from spiders.crawlers.base import PageSpider


class FeedSpider(PageSpider):
    """Parses each feed with feedparser and fetches every entry's link."""

    name = "feed"

    def __init__(self, url: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.feed_urls = [u.strip() for u in (url or "").split(",") if u.strip()]
        if not self.feed_urls:
            raise ValueError("give -a url=https://example.com/feed.xml")

    async def start(self) -> Any:
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[scrapy.Request]:
        for url in self.feed_urls:
            yield scrapy.Request(url, self.parse_feed)

    def parse_feed(self, response: Any) -> Iterator[scrapy.Request]:
        parsed = feedparser.parse(response.body, response_headers={k.decode(): v[0].decode() for k, v in response.headers.items()})
        if parsed.bozo and not parsed.entries:
            self.crawler.stats.inc_value("feed/dropped/unparseable")
            self.logger.warning("feed dropped (unparseable): %s: %s", response.url, parsed.get("bozo_exception"))
            return
        for entry in parsed.entries:
            link = entry.get("link")
            if not link:
                continue
            stamp = entry.get("published_parsed") or entry.get("updated_parsed")
            if stamp and self.too_old(time.strftime("%Y-%m-%d", stamp)):
                self.crawler.stats.inc_value("feed/skipped/older-than-since")
                continue
            yield scrapy.Request(response.urljoin(link), self.parse_page)
