"""Scrapy integration, for any Scrapy project: the item a spider yields and the pipeline
that turns it into a canonical article.

::

    # settings.py
    ITEM_PIPELINES = {"newsclean.scrapy.NewscleanPipeline": 300, "newsclean.scrapy.DedupPipeline": 400}

    # a spider callback
    from newsclean.scrapy import PageItem
    yield PageItem.from_response(response)

The pipeline returns ``Article.to_dict()`` (a plain dict) for every article, and drops
(``DropItem``) every other page, counting ``newsclean/dropped/<reason>`` in the stats.

``DedupPipeline`` then drops articles already written (same URL, same text, the same story
edited), remembering them across a JOBDIR resume and across the processes of a Redis crawl.

Settings (all optional): ``NEWSCLEAN_DROP_DUPLICATES`` (True), ``NEWSCLEAN_NEAR_DUPLICATES``
(``drop``, ``flag`` or ``off``), ``NEWSCLEAN_EXPLAIN`` (False), ``NEWSCLEAN_MAX_BYTES``
(20 MB), ``NEWSCLEAN_REQUIRE_ARTICLE`` (True), ``NEWSCLEAN_WORKERS`` (0: extract in a thread,
never the reactor's; N: in a pool of N processes, any reactor), ``NEWSCLEAN_EXTRACT_TIMEOUT``
(60 s per page in the thread; over it the page is dropped as ``timeout``).
"""

from newsclean.extras import require

# Without the `scrapy` extra, importing this package is one clear error, not a traceback from deep inside.
require("scrapy", "scrapy", "newsclean.scrapy")

from newsclean.scrapy.dedup import DedupPipeline  # noqa: E402
from newsclean.scrapy.items import ArticleItem, PageItem  # noqa: E402
from newsclean.scrapy.pipeline import NewscleanPipeline  # noqa: E402

__all__ = ["ArticleItem", "DedupPipeline", "NewscleanPipeline", "PageItem"]
