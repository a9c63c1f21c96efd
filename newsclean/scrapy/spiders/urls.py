"""``scrapy crawl urls``: a given list of article URLs.

Arguments:
  -a file=PATH        one URL per line; blank lines and lines starting with # are ignored
  -a urls=U1,U2,...   a comma-separated list (both may be given)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import scrapy

from newsclean.scrapy.spiders.base import ArgumentError, PageSpider


class UrlsSpider(PageSpider):
    """Fetches each URL once and hands it to the pipeline."""

    name = "urls"

    def __init__(self, file: str | None = None, urls: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        listed = [u.strip() for u in (urls or "").split(",")]
        if file:
            try:
                listed += [line.strip() for line in Path(file).read_text("utf-8").splitlines()]
            except (OSError, UnicodeDecodeError) as error:
                raise ArgumentError(f"cannot read -a file={file}: {error}") from None
        self.page_urls = [u for u in listed if u and not u.startswith("#")]
        if not self.page_urls:
            raise ArgumentError("give -a file=urls.txt or -a urls=https://a,https://b")

    def start_requests(self) -> Iterator[scrapy.Request]:
        """One request per listed URL (the duplicate filter drops repeats)."""
        for url in self.page_urls:
            yield self.request(url, self.parse_page)
