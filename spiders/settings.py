"""Settings of the newsclean Scrapy project: the defaults of a careful crawler.

Everything here can be overridden per run with ``-s NAME=VALUE``; these are the single
configuration surface. The newsclean pipeline reads its own ``NEWSCLEAN_*`` settings.
"""

import newsclean

BOT_NAME = "newsclean"
SPIDER_MODULES = ["spiders.crawlers"]
NEWSPIDER_MODULE = "spiders.crawlers"

# Say who we are, and obey the site's rules.
USER_AGENT = f"newsclean/{newsclean.__version__} (+https://github.com/newsclean/newsclean)"
ROBOTSTXT_OBEY = True

# Be gentle: AutoThrottle adapts the delay to the server's latency.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4

# Survive a flaky network, but never hang or swallow a huge file.
RETRY_ENABLED = True
RETRY_TIMES = 2
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
REDIRECT_MAX_TIMES = 5

# HTTP cache: off by default; `-s HTTPCACHE_ENABLED=True` to re-run without refetching.
HTTPCACHE_ENABLED = False
HTTPCACHE_DIR = "httpcache"

# Resumable crawls: `-s JOBDIR=crawls/run1`, stop with one Ctrl-C, run the same command again.

ITEM_PIPELINES = {"newsclean.scrapy.NewscleanPipeline": 300}
NEWSCLEAN_DROP_DUPLICATES = True

FEED_EXPORT_ENCODING = "utf-8"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
