"""The page item: what a spider hands to :class:`~newsclean.scrapy.NewscleanPipeline`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PageItem:
    """A fetched page, before extraction: URL, raw body, response headers, status.

    Scrapy's item adapters accept dataclass items, so this works with every exporter.
    """

    url: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_response(cls, response: Any, **meta: Any) -> PageItem:
        """Build the item from a Scrapy response (headers are decoded, first value wins)."""
        headers = {}
        for key, values in response.headers.items():
            name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
            value = values[0] if isinstance(values, list) and values else values
            headers[name] = value.decode("latin-1") if isinstance(value, bytes) else str(value)
        return cls(url=response.url, body=response.body, headers=headers, status=response.status, meta=dict(meta))
