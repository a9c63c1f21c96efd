"""``scrapy crawl site``: follow links within one site and extract the pages that are articles.

Arguments:
  -a url=URL      the start page; its host and port are the only ones followed
  -a depth=N      how many links away from the start page to go (default 3)

A page is handed to the pipeline when its JSON-LD ``@type`` (NewsArticle, Article,
ReportageNewsArticle, BlogPosting...) or ``og:type=article`` says it is an article, or,
when it says nothing, when its URL has an article's shape (a date, an id or a long slug,
and no /tag/, /category/... part). Every other page is only followed for links (stat
``site/skipped/not-article``). The pipeline's NoArticleError has the final word.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor

from newsclean.scrapy.middlewares import origin
from newsclean.scrapy.spiders.base import ArgumentError, PageSpider, is_markup, looks_like_article

# Besides Scrapy's list of binary extensions: feeds and sitemaps are not pages.
SKIPPED_EXTENSIONS = [*IGNORED_EXTENSIONS, "xml", "gz", "rss", "rdf", "atom", "json"]


class SiteSpider(PageSpider):
    """Breadth-first within the start URL's host, up to ``depth`` links away."""

    name = "site"

    def __init__(self, url: str | None = None, depth: str | int = 3, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not url:
            raise ArgumentError("give -a url=https://example.com/")
        try:
            self.max_depth = int(depth)
        except ValueError:
            raise ArgumentError(f"depth must be a whole number, not {depth!r}") from None
        self.start_url = url
        self.host = urlsplit(url).hostname or ""
        self.allowed_domains = [self.host]
        self.allow(url)
        self.links = LinkExtractor(deny_extensions=SKIPPED_EXTENSIONS)

    def start_requests(self) -> Iterator[scrapy.Request]:
        """The start page, at depth 0."""
        yield self.request(self.start_url, self.parse, cb_kwargs={"depth": 0})

    def parse(self, response: Response, depth: int = 0, **kwargs: Any) -> Iterator[Any]:
        """Yield the page if it is an article; follow its links while under ``depth``."""
        if not isinstance(response, TextResponse):
            self.skip("not-text", response.url)
            return
        if not is_markup(response):
            self.skip("not-html", response.url)
            return
        if looks_like_article(response):
            yield from self.parse_page(response)
        else:
            self.skip("not-article", response.url)
        if depth >= self.max_depth:
            return
        for link in self.links.extract_links(response):
            # Compared by host and port: OffsiteMiddleware's domain matching ignores ports.
            if self.allowed_origins is None or origin(link.url) in self.allowed_origins:
                yield self.request(link.url, self.parse, cb_kwargs={"depth": depth + 1})
