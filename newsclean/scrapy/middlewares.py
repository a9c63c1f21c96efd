"""``SafeRequestsMiddleware``: only http(s) requests leave a spider, and only to the sites it was pointed at."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest

log = logging.getLogger(__name__)

# The only URL schemes a spider may fetch: no file:, data:, ftp:, s3:...
WEB_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}


class RefusedRequest(IgnoreRequest):
    """A request a spider must not send (another scheme, another site); ``reason`` is the stats key."""

    def __init__(self, reason: str, url: str) -> None:
        super().__init__(f"refused ({reason}): {url[:200]}")
        self.reason = reason


def origin(url: str) -> tuple[str, int | None] | None:
    """The (host, port) a URL is on; the default ports of http and https count as one (an upgrade to https stays on site)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    if port == DEFAULT_PORTS.get(parts.scheme.lower()):
        port = None
    return parts.hostname.lower().rstrip("."), port


class SafeRequestsMiddleware:
    """Downloader middleware: only http(s) requests, and only to the spider's ``allowed_origins``.

    Every request passes here, start requests, links, sitemap entries and redirects alike;
    a refused one is counted as ``<spider>/refused/<reason>`` (``scheme-file``,
    ``scheme-data``..., ``off-site``) and logged at INFO the first time per reason.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> SafeRequestsMiddleware:
        """The middleware, counting into the crawl's stats."""
        return cls(crawler)

    def process_request(self, request: scrapy.Request, spider: Any = None) -> None:
        """Refuse (``RefusedRequest``) what a spider must not fetch; let the rest through."""
        spider = spider or self.crawler.spider
        scheme = request.url.split(":", 1)[0].lower() if ":" in request.url else ""
        if scheme not in WEB_SCHEMES:
            self.refuse(spider, f"scheme-{scheme or 'none'}"[:40], request.url)
        allowed = getattr(spider, "allowed_origins", None)
        if allowed is not None and origin(request.url) not in allowed:
            self.refuse(spider, "off-site", request.url)

    def refuse(self, spider: Any, reason: str, url: str) -> None:
        """Count and log a refused request, then refuse it (``RefusedRequest``)."""
        name = getattr(spider, "name", "spider")
        stat = f"{name}/refused/{reason}"
        first = not self.stats.get_value(stat)
        self.stats.inc_value(stat)
        log.log(logging.INFO if first else logging.DEBUG, "refused (%s): %s", reason, url[:200])
        raise RefusedRequest(reason, url)
