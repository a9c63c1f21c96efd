"""``scrapy crawl sitemap``: the articles listed in a site's sitemaps.

Arguments:
  -a site=URL      read URL's /robots.txt and follow its ``Sitemap:`` lines
                   (``/sitemap.xml`` if it has none)
  -a url=URL       start from this sitemap or sitemap index; several: comma-separated
  -a since=DATE    skip entries whose ``news:publication_date`` (else ``lastmod``) is
                   before DATE (YYYY-MM-DD); child sitemaps of an index whose ``lastmod``
                   is before DATE are not fetched either

Only the hosts and ports of ``site`` and of the ``url`` sitemaps are fetched from, over http(s):
a ``<loc>`` elsewhere (or ``file:``, ``data:``) is refused (``sitemap/refused/<reason>``).
Indexes nested deeper than NEWSCLEAN_SITEMAP_MAX_DEPTH (3) and sitemaps past
NEWSCLEAN_SITEMAP_MAX_SITEMAPS (10,000 per crawl: all the processes of a Redis crawl, both
runs of a resumed JOBDIR crawl) are skipped
(``sitemap/skipped/too-deep``, ``sitemap/skipped/too-many-sitemaps``).

Sitemap indexes, gzip sitemaps (``.xml.gz``, unpacked up to DOWNLOAD_MAXSIZE) and Google
News sitemaps are followed. Parsing is Scrapy's :class:`~scrapy.utils.sitemap.Sitemap`
(entities are never expanded), extended to read the fields nested in ``<news:news>``.
A sitemap that declares XML entities, unpacks past the size limit or does not parse is
dropped with a logged reason and a ``sitemap/dropped/<reason>`` stat.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urljoin

import lxml.etree
import scrapy
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from newsclean.scrapy.spiders.base import ArgumentError, PageSpider

DEFAULT_MAXSIZE = 20 * 1024 * 1024
# Bounds on the work a site's sitemaps can ask for (settings NEWSCLEAN_SITEMAP_MAX_DEPTH and
# NEWSCLEAN_SITEMAP_MAX_SITEMAPS): an index of indexes of ... stops at this depth (the
# sitemap protocol has one level of index), and one crawl reads at most this many sitemaps.
MAX_DEPTH = 3
MAX_SITEMAPS = 10_000
DEPTH = "sitemap_depth"
# robots.txt answers of every status reach parse_robots, which then falls back to /sitemap.xml.
ROBOTS_META = {"handle_httpstatus_all": True}
GZIP_MAGIC = b"\x1f\x8b"


class NewsSitemap(Sitemap):
    """Scrapy's sitemap parser, plus the leaves of nested entries as ``<container>_<leaf>``.

    ``<news:news><news:publication_date>...`` becomes ``entry["news_publication_date"]``
    (and ``news_title``, ``news_name``, ``news_language``; ``image_loc`` for image sitemaps).
    """

    __slots__ = ()

    def _process_sitemap_element(self, elem: lxml.etree._Element) -> dict[str, Any] | None:
        nested: dict[str, str] = {}
        for child in elem:
            container = self._get_tag_name(child)
            if not container or len(child) == 0:
                continue
            for leaf in child.iterdescendants():
                name = self._get_tag_name(leaf)
                if name and len(leaf) == 0 and leaf.text and leaf.text.strip():
                    nested.setdefault(f"{container}_{name}", leaf.text.strip())
        entry = super()._process_sitemap_element(elem)
        if entry is not None:
            for key, value in nested.items():
                entry.setdefault(key, value)
        return entry


class SitemapError(Exception):
    """A sitemap we refuse to read; ``reason`` is the stats key."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


class SitemapSpider(PageSpider):
    """robots.txt -> sitemap index -> sitemaps -> article pages."""

    name = "sitemap"

    def __init__(self, site: str | None = None, url: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not (site or url):
            raise ArgumentError("give -a site=https://example.com or -a url=https://example.com/sitemap.xml")
        self.site = site
        self.sitemap_urls = [u.strip() for u in (url or "").split(",") if u.strip()]
        self.allow(*([site] if site else []), *self.sitemap_urls)

    def start_requests(self) -> Iterator[scrapy.Request]:
        """robots.txt of ``site``, and the sitemaps given with ``url``."""
        if self.site:
            yield self.request(
                urljoin(self.site, "/robots.txt"), self.parse_robots, dont_filter=True, meta=ROBOTS_META
            )
        for url in self.sitemap_urls:
            if request := self.sitemap_request(url, 0):
                yield request

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow the ``Sitemap:`` lines; without any, try ``/sitemap.xml``."""
        urls = (
            list(sitemap_urls_from_robots(response.body, base_url=response.url))
            if response.status == 200
            else []
        )
        for url in urls or [urljoin(response.url, "/sitemap.xml")]:
            if request := self.sitemap_request(url, 0):
                yield request

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """A sitemap index (follow its sitemaps) or a urlset (fetch its pages)."""
        try:
            sitemap = NewsSitemap(self.sitemap_body(response))
            entries = list(sitemap)  # the parser is lazy: parse errors surface here
        except SitemapError as error:
            self.drop(response, error.reason, str(error))
            return
        except (lxml.etree.XMLSyntaxError, StopIteration) as error:
            self.drop(response, "unparseable", f"{type(error).__name__}: {error}")
            return
        if sitemap.type == "sitemapindex":
            depth = int(response.meta.get(DEPTH, 0)) + 1
            for entry in self.recent(entries):
                if request := self.sitemap_request(response.urljoin(entry["loc"]), depth):
                    yield request
        elif sitemap.type == "urlset":
            for entry in self.recent(entries):
                yield self.request(response.urljoin(entry["loc"]), self.parse_page)
        else:
            self.drop(response, "not-a-sitemap", f"root element <{sitemap.type}>")

    def sitemap_request(self, url: str, depth: int) -> scrapy.Request | None:
        """A request for a sitemap, unless it is deeper than MAX_DEPTH or past MAX_SITEMAPS (counted, skipped)."""
        settings = self.crawler.settings if hasattr(self, "crawler") else None
        max_depth = settings.getint("NEWSCLEAN_SITEMAP_MAX_DEPTH", MAX_DEPTH) if settings else MAX_DEPTH
        max_sitemaps = settings.getint("NEWSCLEAN_SITEMAP_MAX_SITEMAPS", MAX_SITEMAPS) if settings else MAX_SITEMAPS
        if depth > max_depth:
            self.skip("too-deep", url)
            return None
        if self.count("sitemaps") > max_sitemaps:  # per crawl: shared by the processes of a Redis crawl
            self.skip("too-many-sitemaps", url)
            return None
        return self.request(url, self.parse_sitemap, meta={DEPTH: depth})

    def recent(self, entries: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Entries with a ``loc``, minus those dated before ``since``."""
        for entry in entries:
            if not entry.get("loc"):
                continue
            when = entry.get("news_publication_date") or entry.get("lastmod")
            if self.too_old(when):
                self.skip("older-than-since", entry["loc"])
                continue
            yield entry

    def sitemap_body(self, response: Response) -> bytes:
        """The XML: gunzipped if need be (bounded), and refused if it declares entities."""
        body = response.body
        if body[:2] == GZIP_MAGIC:
            body = gunzip_bounded(body, self.max_size(response))
        if b"<!ENTITY" in body:
            # Sitemaps never need entity declarations; they are what XML bombs are built from.
            # (Scrapy's parser would not expand them either: this names the problem in the log.)
            raise SitemapError("xml-entities", "the sitemap declares XML entities")
        if not body.strip():
            raise SitemapError("empty", "empty body")
        return body

    def max_size(self, response: Response) -> int:
        """The largest unpacked sitemap we accept: the request's or the crawl's DOWNLOAD_MAXSIZE."""
        limit = response.meta.get("download_maxsize") or self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
        return int(limit) or DEFAULT_MAXSIZE

    def drop(self, response: Response, reason: str, detail: str) -> None:
        """Count (``sitemap/dropped/<reason>``) and log a sitemap we could not use."""
        self.crawler.stats.inc_value(f"sitemap/dropped/{reason}")
        self.logger.warning("sitemap dropped (%s): %s: %s", reason, response.url, detail[:200])


def gunzip_bounded(data: bytes, limit: int) -> bytes:
    """Unpack gzip ``data`` (every member), but never more than ``limit`` bytes: a gzip bomb stops there.

    A truncated stream gives what could be unpacked, like browsers and Scrapy's own gunzip.
    """
    body = bytearray()
    while data:
        unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            body += unpacker.decompress(data, limit + 1 - len(body))
        except zlib.error as error:
            if body:
                break  # trailing garbage after a complete member
            raise SitemapError("bad-gzip", str(error)) from None
        if len(body) > limit:
            raise SitemapError("too-large", f"unpacks to more than {limit} bytes")
        if not unpacker.eof:
            break
        data = unpacker.unused_data
    return bytes(body)
