"""The spiders: ``sitemap``, ``feed``, ``site`` and ``urls``. See spiders/README.md."""
