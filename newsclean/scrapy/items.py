"""The page item: what a spider hands to :class:`~newsclean.scrapy.NewscleanPipeline`."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

# What the pipeline returns for an article: the canonical JSON object (``Article.to_dict()``).
# A plain dict, so every item exporter and ``itemadapter`` handle it as is.
ArticleItem = dict[str, Any]


def export_body(body: bytes) -> str:
    """How a feed exporter writes the raw body: the text if it is UTF-8, else a base64 ``data:`` URI."""
    if isinstance(body, str):
        return body
    try:
        return bytes(body).decode("utf-8")
    except UnicodeDecodeError:
        return "data:application/octet-stream;base64," + base64.b64encode(body).decode("ascii")


@dataclass
class PageItem:
    """A fetched page, before extraction: URL, raw body, response headers, status, extra fields.

    A dataclass, so Scrapy's item adapters accept it. Its ``repr`` leaves the body out, so
    that log lines about a dropped page stay one line long. Exported as it is (no
    pipeline), the body is written as text when it is UTF-8, else as a base64 ``data:``
    URI (field metadata ``serializer``, which Scrapy's exporters honour). ``meta`` holds
    the extra fields given to :meth:`from_response`; the pipeline adds them to the article.
    """

    url: str
    body: bytes = field(repr=False, metadata={"serializer": export_body})
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    status: int = 200
    meta: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_response(cls, response: Any, **meta: Any) -> PageItem:
        """Build the item from a Scrapy response (header names and values decoded; first value wins).

        Keyword arguments are extra fields (``source="feed"``): they reach the article dict.
        """
        headers: dict[str, str] = {}
        for key, values in response.headers.items():
            name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
            value = values[0] if isinstance(values, list) and values else values
            headers[name] = value.decode("latin-1") if isinstance(value, bytes) else str(value)
        return cls(
            url=response.url, body=response.body, headers=headers, status=response.status, meta=dict(meta)
        )
