"""The page item: what a spider hands to :class:`~newsclean.scrapy.NewscleanPipeline`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# What the pipeline returns for an article: the canonical JSON object (``Article.to_dict()``).
# A plain dict, so every item exporter and ``itemadapter`` handle it as is.
ArticleItem = dict[str, Any]


@dataclass
class PageItem:
    """A fetched page, before extraction: URL, raw body, response headers, status.

    A dataclass, so Scrapy's item adapters accept it. Its ``repr`` leaves the body out, so
    that log lines about a dropped page stay one line long.
    """

    url: str
    body: bytes = field(repr=False)
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    status: int = 200
    meta: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_response(cls, response: Any, **meta: Any) -> PageItem:
        """Build the item from a Scrapy response (header names and values decoded; first value wins)."""
        headers: dict[str, str] = {}
        for key, values in response.headers.items():
            name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
            value = values[0] if isinstance(values, list) and values else values
            headers[name] = value.decode("latin-1") if isinstance(value, bytes) else str(value)
        return cls(
            url=response.url, body=response.body, headers=headers, status=response.status, meta=dict(meta)
        )
