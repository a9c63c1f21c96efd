"""What every spider shares: the ``since`` date filter, telling articles from the rest, and
turning a candidate page into a :class:`~newsclean.scrapy.PageItem`.

A page's kind comes from its structured data first (JSON-LD ``@type``, then ``og:type``),
then from its URL. Spiders that were *given* a URL (by a sitemap, a feed or a list) skip
only pages that say they are listings; the ``site`` spider, which finds URLs by following
every link, also needs the URL to look like an article when the page says nothing. Either
way the newsclean pipeline has the final word (``NoArticleError``).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from datetime import date
from typing import Any, Literal

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from newsclean.rules import pages
from newsclean.rules.metadata import ARTICLE_TYPES, LISTING_TYPES
from newsclean.scrapy.frontier import scheduler_for
from newsclean.scrapy.items import PageItem
from newsclean.scrapy.middlewares import RefusedRequest, origin
from newsclean.stages.metadata import jsonld_types

PageKind = Literal["article", "listing"]

# Why a request gave no response, by exception class name (Scrapy >= 2.13 and older
# Scrapy/Twisted names alike); stats ``<spider>/failed/<reason>``.
FAILURE_REASONS = {
    "DownloadTimeoutError": "timeout",
    "TimeoutError": "timeout",
    "TCPTimedOutError": "timeout",
    "DownloadConnectionRefusedError": "connection-refused",
    "ConnectionRefusedError": "connection-refused",
    "CannotResolveHostError": "dns",
    "DNSLookupError": "dns",
    "ResponseDataLossError": "data-loss",
    "ResponseFailed": "data-loss",
    "ConnectionLost": "connection-lost",
    "DownloadCancelledError": "cancelled",
    "CancelledError": "cancelled",
    "IgnoreRequest": "ignored",
}
# What to say when the exception has no message.
FAILURE_DETAILS = {"cancelled": "download cancelled (larger than DOWNLOAD_MAXSIZE, or the crawl is stopping)"}
# A more precise reason from the exception's message.
FAILURE_MESSAGES = (
    ("download max size", "too-large"),
    ("Forbidden by robots.txt", "robots-forbidden"),
    ("max redirections", "too-many-redirects"),
)

# og:type values of pages that are not articles.
LISTING_OG_TYPES = frozenset({"website", "profile", "video.other", "product"})
# URL shapes of article pages: the library's (a date in the path, a numeric id, a long slug),
# so the spider and the article gate agree on what a story's URL looks like.
ARTICLE_URL = pages.ARTICLE_PATH
# URL shapes that are never articles: archives, taxonomies, search, feeds, files.
LISTING_URL = re.compile(
    r"/(?:tag|tags|topic|topics|category|categories|section|sections|author|authors|page|search|feed|feeds|rss|archive)(?:/|$)"
    r"|\.(?:xml|rss|rdf|atom|json|gz|jpe?g|png|gif|webp|svg|pdf|zip|mp[34])$",
    re.IGNORECASE,
)


class ArgumentError(ValueError):
    """A spider was started with missing or wrong ``-a`` arguments (the message says which)."""


class PageSpider(scrapy.Spider):
    """Base class of the newsclean spiders: ``-a since=YYYY-MM-DD`` and :meth:`parse_page`.

    ``allowed_origins``: the (host, port) pairs the spider may fetch from (None: any);
    :class:`SafeRequestsMiddleware` refuses the rest, and every scheme but http and https.
    """

    allowed_origins: frozenset[tuple[str, int | None]] | None = None
    # Set by newsclean's schedulers (REDIS_URL, JOBDIR), which queue the start requests themselves, once.
    seeded_by_scheduler = False
    # Set by newsclean's schedulers: a counter of the whole crawl (every process of a Redis
    # crawl, both runs of a resumed JOBDIR crawl); see count().
    crawl_counter: Callable[[str], int] | None = None
    # The -a arguments, as given (set by from_crawler): they name a distributed crawl's shared queue.
    crawl_arguments: dict[str, str]

    def __init__(self, *args: Any, since: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.since = parse_since(since)
        self.counts: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PageSpider:
        """The spider, remembering its arguments (they name the shared queue of a distributed crawl)."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.crawl_arguments = {key: str(value) for key, value in kwargs.items()}
        return spider

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        """``REDIS_URL`` or ``JOBDIR`` switch to a scheduler whose queue survives a killed process."""
        super().update_settings(settings)
        scheduler = scheduler_for(settings)
        if scheduler:
            settings.set("SCHEDULER", scheduler, priority="spider")

    def allow(self, *urls: str) -> None:
        """Allow fetching from the (host, port) of these URLs."""
        origins = {found for url in urls if (found := origin(url))}
        self.allowed_origins = frozenset(origins | set(self.allowed_origins or ()))

    async def start(self) -> AsyncIterator[Any]:
        """Scrapy >= 2.13 entry point; older Scrapy calls :meth:`start_requests` directly."""
        if self.seeded_by_scheduler:
            return
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterable[scrapy.Request]:
        """The first requests; every spider defines its own."""
        return []

    def count(self, name: str) -> int:
        """Add one to the crawl's counter ``name`` and return its new value.

        Per crawl, not per process: kept in Redis (``<crawl key>:count:<name>``) for a
        ``REDIS_URL`` crawl and in ``JOBDIR/frontier.sqlite`` for a resumable one; in this
        process otherwise.
        """
        if self.crawl_counter is not None:
            return self.crawl_counter(name)
        self.counts[name] += 1
        return self.counts[name]

    def too_old(self, when: str | None) -> bool:
        """Whether an entry dated ``when`` (ISO 8601; a date is enough) is before ``since``."""
        return bool(self.since and when and when.strip()[:10] < self.since)

    def request(self, url: str, callback: Any, **kwargs: Any) -> scrapy.Request:
        """A request whose failures are counted and logged by :meth:`failed`."""
        return scrapy.Request(url, callback, errback=self.failed, **kwargs)

    def failed(self, failure: Failure) -> None:
        """Count and log a request that gave no response to parse.

        Stats ``<spider>/failed/<reason>``; logged at INFO the first time per reason, then at DEBUG.
        """
        if isinstance(failure.value, RefusedRequest):
            return  # counted as <spider>/refused/<reason> where it was refused
        reason = failure_reason(failure)
        stat = f"{self.name}/failed/{reason}"
        first = not self.crawler.stats.get_value(stat)
        self.crawler.stats.inc_value(stat)
        url = getattr(getattr(failure, "request", None), "url", "?")
        detail = str(failure.value)[:200] or FAILURE_DETAILS.get(reason, type(failure.value).__name__)
        self.logger.log(
            logging.INFO if first else logging.DEBUG, "fetch failed (%s): %s: %s", reason, url, detail
        )

    def skip(self, reason: str, url: str) -> None:
        """Count (stats ``<spider>/skipped/<reason>``) and log a candidate we do not fetch or yield."""
        self.crawler.stats.inc_value(f"{self.name}/skipped/{reason}")
        self.logger.debug("skipped (%s): %s", reason, url)

    def parse_page(self, response: Response) -> Iterator[PageItem]:
        """A page someone listed as an article: yield it unless it says it is a listing (or is not markup)."""
        if not is_markup(response):
            self.skip("not-html", response.url)
            return
        if says_listing(response):
            self.skip("not-article", response.url)
            return
        yield PageItem.from_response(response)


def is_markup(response: Response) -> bool:
    """Whether a response is HTML or XML text (not JSON, not binary): the only kind with an XPath."""
    return isinstance(response, TextResponse) and getattr(response.selector, "type", "html") in ("html", "xml")


def failure_reason(failure: Failure) -> str:
    """A short, stable code for why a request failed: ``http-404``, ``timeout``, ``too-large``..."""
    error = failure.value
    response = getattr(error, "response", None)
    if response is not None and type(error).__name__ == "HttpError":
        return f"http-{response.status}"
    message = str(error)
    for needle, reason in FAILURE_MESSAGES:
        if needle in message:
            return reason
    name = type(error).__name__
    return FAILURE_REASONS.get(name) or re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def parse_since(value: str | None) -> str | None:
    """``-a since=`` as an ISO date string (``YYYY-MM-DD``), or None; a bad value is an error."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        raise ValueError(f"since must be a date, YYYY-MM-DD, not {value!r}") from None


def page_kind(response: Response) -> PageKind | None:
    """``"article"`` or ``"listing"`` from the JSON-LD @type, else og:type; None if the page says nothing."""
    return json_ld_kind(response) or og_kind(response)


def json_ld_kind(response: Response) -> PageKind | None:
    """What the JSON-LD says: any article type wins over listing types (CollectionPage, ItemList...)."""
    if not isinstance(response, TextResponse):
        return None
    # The library's own JSON-LD reader (lenient, depth-capped), on the tree Scrapy already parsed.
    kinds = jsonld_types(response.selector.root)
    if kinds & ARTICLE_TYPES:
        return "article"
    if kinds & LISTING_TYPES:
        return "listing"
    return None


def og_kind(response: Response) -> PageKind | None:
    """What ``og:type`` says: ``article``, or one of the types of fronts and profiles."""
    if not isinstance(response, TextResponse):
        return None
    og_type = (response.xpath("//meta[@property='og:type']/@content").get() or "").strip().lower()
    if og_type == "article":
        return "article"
    if og_type in LISTING_OG_TYPES:
        return "listing"
    return None


def says_listing(response: Response) -> bool:
    """For pages someone listed as articles: skip only what clearly is not one.

    JSON-LD listing types are trusted; ``og:type=website`` (which some sites put on every
    page) only when the URL does not look like an article's either.
    """
    kind = json_ld_kind(response)
    if kind is not None:
        return kind == "listing"
    return og_kind(response) == "listing" and not url_looks_like_article(response.url)


def looks_like_article(response: Response) -> bool:
    """For pages found by following links: structured data decides; without it, the URL shape."""
    kind = page_kind(response)
    if kind is not None:
        return kind == "article"
    return url_looks_like_article(response.url)


def url_looks_like_article(url: str) -> bool:
    """Whether a URL has the shape of an article's (dated, numbered or long-slugged; not a taxonomy page)."""
    path = url.split("?", 1)[0]
    return bool(ARTICLE_URL.search(path)) and not LISTING_URL.search(path)
