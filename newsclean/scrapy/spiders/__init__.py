"""The spiders: ``sitemap``, ``feed``, ``site`` and ``urls``. See newsclean/scrapy/README.md."""
