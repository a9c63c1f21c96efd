"""``scrapy crawl site``: follow links within one site and extract the pages that are articles.

Arguments:
  -a url=URL      the start page (its host is the allowed domain)
  -a depth=N      how many links deep to follow (default 3)

A page counts as an article by its JSON-LD @type / og:type, else by its URL shape; the
pipeline's NoArticleError has the final word.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import scrapy
from scrapy.linkextractors import LinkExtractor

from spiders.crawlers.base import PageSpider, looks_like_article


class SiteSpider(PageSpider):
    """Breadth-first within the start URL's host, up to ``depth`` links away."""

    name = "site"

    def __init__(self, url: str | None = None, depth: str | int = 3, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not url:
            raise ValueError("give -a url=https://example.com/")
        self.start_url = url
        self.max_depth = int(depth)
        self.host = urlparse(url).hostname or ""
        self.allowed_domains = [self.host]
        self.links = LinkExtractor(deny_extensions=["xml", "gz", "rss", "jpg", "jpeg", "png", "gif", "pdf", "zip", "mp4"])

    async def start(self) -> Any:
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[scrapy.Request]:
        yield scrapy.Request(self.start_url, self.parse, cb_kwargs={"depth": 0})

    def parse(self, response: Any, depth: int = 0, **kwargs: Any) -> Iterator[Any]:
        if not hasattr(response, "text"):
            return
        if looks_like_article(response):
            yield from self.parse_page(response)
        else:
            self.crawler.stats.inc_value("site/not-article")
        if depth < self.max_depth:
            for link in self.links.extract_links(response):
                if urlparse(link.url).hostname != self.host:
                    continue  # compared by host: LinkExtractor's allow_domains misses IP:port origins
                yield scrapy.Request(link.url, self.parse, cb_kwargs={"depth": depth + 1})
