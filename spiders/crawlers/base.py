"""What every spider shares: turning a response into a PageItem, and telling articles from the rest."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import scrapy

from newsclean.rules.metadata import ARTICLE_TYPES, LISTING_TYPES
from newsclean.scrapy import PageItem

# URL shapes of article pages: a date in the path, an id, or a long slug.
ARTICLE_URL = re.compile(r"/\d{4}/\d{1,2}/|[-_/]\d{5,}(?:\.html?)?$|/[a-z0-9]+(?:-[a-z0-9]+){3,}(?:\.html?|/)?$", re.I)
# URL shapes that are never articles.
NOT_ARTICLE_URL = re.compile(r"/(?:tag|tags|topic|topics|category|section|author|authors|page|search|feed|rss)(?:/|$)|\.(?:xml|rss|jpg|png|pdf|zip)$", re.I)


class PageSpider(scrapy.Spider):
    """Base class: counts what it yields and offers the date filter (``-a since=YYYY-MM-DD``)."""

    def __init__(self, *args: Any, since: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.since = date.fromisoformat(since[:10]).isoformat() if since else None

    def too_old(self, when: str | None) -> bool:
        """Whether an entry dated ``when`` (ISO 8601, RFC 822 already converted) is before ``since``."""
        return bool(self.since and when and when[:10] < self.since)

    def parse_page(self, response: Any) -> Iterator[PageItem]:
        """A fetched candidate page: hand it to the newsclean pipeline, which decides."""
        yield PageItem.from_response(response)


def page_type(response: Any) -> str | None:
    """``"article"``, ``"listing"`` or None (unknown) from JSON-LD @type and og:type."""
    og = response.xpath("//meta[@property='og:type']/@content").get("").strip().lower()
    for raw in response.xpath("//script[@type='application/ld+json']/text()").getall():
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        for obj in _objects(data):
            kinds = obj.get("@type")
            for kind in kinds if isinstance(kinds, list) else [kinds]:
                if isinstance(kind, str) and kind.lower() in ARTICLE_TYPES:
                    return "article"
                if isinstance(kind, str) and kind.lower() in LISTING_TYPES:
                    return "listing"
    if og == "article":
        return "article"
    if og in {"website", "profile"}:
        return "listing"
    return None


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _objects(data["@graph"])


def looks_like_article(response: Any) -> bool:
    """Structured data decides; without it, the URL shape does."""
    kind = page_type(response)
    if kind is not None:
        return kind == "article"
    return bool(ARTICLE_URL.search(response.url)) and not NOT_ARTICLE_URL.search(response.url)
