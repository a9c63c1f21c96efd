"""``scrapy crawl feed``: the articles linked from RSS 2.0, Atom and RDF (RSS 1.0) feeds.

Arguments:
  -a url=URL[,URL...]   the feed(s), comma-separated
  -a since=DATE         skip entries published (else updated) before DATE (YYYY-MM-DD)

Entry links are fetched only from the feeds' own hosts and ports (others: ``feed/refused/off-site``).

Feeds are parsed with feedparser (``feedparser.parse`` on the response body, with the
response's headers so that the declared charset is honoured). A feed that does not parse
at all is dropped with a logged reason and a ``feed/dropped/unparseable`` stat.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from newsclean.extras import require
from newsclean.scrapy.spiders.base import ArgumentError, PageSpider

feedparser = require("feedparser", "scrapy", "the feed spider")


class FeedSpider(PageSpider):
    """Parses each feed with feedparser and fetches every entry's link."""

    name = "feed"

    def __init__(self, url: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.feed_urls = [u.strip() for u in (url or "").split(",") if u.strip()]
        if not self.feed_urls:
            raise ArgumentError("give -a url=https://example.com/feed.xml")
        self.allow(*self.feed_urls)

    def start_requests(self) -> Iterator[scrapy.Request]:
        """One request per feed."""
        for url in self.feed_urls:
            yield self.request(url, self.parse_feed)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """Every entry's link, minus entries older than ``since``."""
        headers = {
            key.decode("latin-1"): values[0].decode("latin-1")
            for key, values in response.headers.items()
            if values
        }
        parsed = feedparser.parse(response.body, response_headers=headers)
        if parsed.bozo and not parsed.entries:
            self.crawler.stats.inc_value("feed/dropped/unparseable")
            self.logger.warning(
                "feed dropped (unparseable): %s: %s", response.url, parsed.get("bozo_exception")
            )
            return
        for entry in parsed.entries:
            link = entry.get("link")
            if not link:
                self.skip("no-link", response.url)
                continue
            stamp = entry.get("published_parsed") or entry.get("updated_parsed")
            if stamp and self.too_old(time.strftime("%Y-%m-%d", stamp)):
                self.skip("older-than-since", link)
                continue
            yield self.request(response.urljoin(link), self.parse_page)
