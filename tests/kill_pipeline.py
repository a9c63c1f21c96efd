"""A test pipeline that SIGKILLs its own crawl process when the Nth article reaches it.

It runs after the dedup pipeline (priority 500): the article has been checked against the
dedup state, and the feed exporter has not written it yet. That is the window in which a
crash lost articles for good (the URL was remembered as written); a crawl that is really
crash-safe writes this article after a resume, or in the process that takes over.

``-s NEWSCLEAN_TEST_KILL_AT=N`` (1-based); unset, the pipeline does nothing.
"""

from __future__ import annotations

import os
import signal
from typing import Any

PIPELINES = (
    '{"newsclean.scrapy.NewscleanPipeline": 300, "newsclean.scrapy.DedupPipeline": 400, '
    '"tests.kill_pipeline.KillBeforeTheFeed": 500}'
)


def kill_at(n: int) -> list[str]:
    """The ``-s`` options that kill the crawl process when its Nth article reaches the end of the pipelines."""
    return ["-s", f"ITEM_PIPELINES={PIPELINES}", "-s", f"NEWSCLEAN_TEST_KILL_AT={n}"]


class KillBeforeTheFeed:
    def __init__(self, at: int) -> None:
        self.at = at
        self.seen = 0

    @classmethod
    def from_crawler(cls, crawler: Any) -> KillBeforeTheFeed:
        return cls(crawler.settings.getint("NEWSCLEAN_TEST_KILL_AT", 0))

    def process_item(self, item: Any, spider: Any = None) -> Any:
        self.seen += 1
        if self.seen == self.at:
            os.kill(os.getpid(), signal.SIGKILL)
        return item
