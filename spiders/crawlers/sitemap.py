"""``scrapy crawl sitemap``: articles listed in a site's sitemaps.

Arguments:
  -a site=URL      start from URL/robots.txt and follow its ``Sitemap:`` lines
  -a url=URL       start from this sitemap (or sitemap index); several, comma-separated
  -a since=DATE    skip entries whose news:publication_date / lastmod is before DATE (YYYY-MM-DD)

Sitemap indexes, gzip sitemaps and Google News sitemaps are followed. XML entities are
never expanded, and a compressed sitemap larger than DOWNLOAD_MAXSIZE once unpacked is
dropped with a logged reason (stats ``sitemap/dropped/...``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from lxml import etree
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import sitemap_urls_from_robots

from spiders.crawlers.base import PageSpider

_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "recover": True, "remove_comments": True, "huge_tree": False}


class SitemapSpider(PageSpider):
    """Follows robots.txt -> sitemap index -> sitemaps -> article pages."""

    name = "sitemap"

    def __init__(self, site: str | None = None, url: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not (site or url):
            raise ValueError("give -a site=https://example.com or -a url=https://example.com/sitemap.xml")
        self.site = site.rstrip("/") if site else None
        self.sitemap_urls = [u.strip() for u in (url or "").split(",") if u.strip()]

    async def start(self) -> Any:
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[scrapy.Request]:
        if self.site:
            yield scrapy.Request(f"{self.site}/robots.txt", self.parse_robots, dont_filter=True)
        for url in self.sitemap_urls:
            yield scrapy.Request(url, self.parse_sitemap)

    def parse_robots(self, response: Any) -> Iterator[scrapy.Request]:
        urls = list(sitemap_urls_from_robots(response.text, base_url=response.url))
        for url in urls or [f"{self.site}/sitemap.xml"]:
            yield scrapy.Request(url, self.parse_sitemap)

    def parse_sitemap(self, response: Any) -> Iterator[scrapy.Request]:
        body = self._body(response)
        if body is None:
            return
        if b"<!ENTITY" in body[:65536]:
            # Sitemaps never need entity declarations; they are how XML bombs are built.
            self._dropped(response, "xml-entities", "the sitemap declares XML entities")
            return
        try:
            root = etree.fromstring(body, parser=etree.XMLParser(**_PARSER_OPTIONS))
        except etree.XMLSyntaxError as error:
            self._dropped(response, "unparseable", str(error))
            return
        if root is None:
            self._dropped(response, "empty", "no XML root")
            return
        kind = etree.QName(root).localname
        for entry in root:
            if not isinstance(entry.tag, str):
                continue
            fields = {etree.QName(el).localname: (el.text or "").strip() for el in entry.iter() if isinstance(el.tag, str)}
            loc = fields.get("loc")
            if not loc:
                continue
            if kind == "sitemapindex":
                yield scrapy.Request(response.urljoin(loc), self.parse_sitemap)
                continue
            when = fields.get("publication_date") or fields.get("lastmod")
            if self.too_old(when):
                self.crawler.stats.inc_value("sitemap/skipped/older-than-since")
                continue
            yield scrapy.Request(response.urljoin(loc), self.parse_page, cb_kwargs={})

    def _body(self, response: Any) -> bytes | None:
        body = response.body
        if body[:2] == b"\x1f\x8b":
            limit = self.crawler.settings.getint("DOWNLOAD_MAXSIZE") or 20 * 1024 * 1024
            try:
                body = gunzip(body, max_size=limit)
            except Exception as error:  # Scrapy raises a private class when the size limit is hit
                self._dropped(response, "gzip", f"{type(error).__name__}: {error}")
                return None
        return body

    def _dropped(self, response: Any, reason: str, detail: str) -> None:
        self.crawler.stats.inc_value(f"sitemap/dropped/{reason}")
        self.logger.warning("sitemap dropped (%s): %s: %s", reason, response.url, detail[:200])
