"""Scrapy integration: the item a spider yields and the pipeline that turns it into an article.

In any Scrapy project::

    # settings.py
    ITEM_PIPELINES = {"newsclean.scrapy.NewscleanPipeline": 300}

    # a spider callback
    yield PageItem.from_response(response)

Settings (all optional): ``NEWSCLEAN_DROP_DUPLICATES`` (default True),
``NEWSCLEAN_EXPLAIN`` (False), ``NEWSCLEAN_MAX_BYTES`` (20 MB),
``NEWSCLEAN_REQUIRE_ARTICLE`` (True), ``NEWSCLEAN_WORKERS`` (0: extract in the
reactor thread; N: in a pool of N processes, for CPU-bound crawls).
"""

from newsclean.scrapy.items import PageItem
from newsclean.scrapy.pipeline import NewscleanPipeline

__all__ = ["NewscleanPipeline", "PageItem"]
