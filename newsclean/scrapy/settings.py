"""Settings of the newsclean Scrapy project (``scrapy.cfg``: ``default = newsclean.scrapy.settings``): the defaults of a careful crawler.

Everything here can be overridden per run with ``-s NAME=VALUE``. The newsclean pipeline
reads its own ``NEWSCLEAN_*`` settings (see :mod:`newsclean.scrapy`).

Opt-ins, per run:
  -s HTTPCACHE_ENABLED=True   keep every response in .scrapy/httpcache and re-run without refetching
  -s JOBDIR=crawls/run1       resumable crawl: stop it any way (Ctrl-C, kill -9), run the
                              same command again to go on where it stopped
  -s REDIS_URL=redis://h:6379 distributed crawl: every process started with the same spider and
                              arguments shares one queue (see newsclean/scrapy/README.md)
"""

import newsclean

BOT_NAME = "newsclean"
SPIDER_MODULES = ["newsclean.scrapy.spiders"]
NEWSPIDER_MODULE = "newsclean.scrapy.spiders"

# Say who we are, and obey the site's rules.
USER_AGENT = f"newsclean/{newsclean.__version__} (+https://github.com/newsclean/newsclean)"
ROBOTSTXT_OBEY = True

# Be gentle: AutoThrottle adapts the delay to the server's latency, and few requests go to
# one site at a time.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4

# Survive a flaky network, but never hang on a slow server or swallow a huge file.
RETRY_ENABLED = True
RETRY_TIMES = 2
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
REDIRECT_MAX_TIMES = 5

# HTTP cache: off unless asked for (-s HTTPCACHE_ENABLED=True).
HTTPCACHE_ENABLED = False
HTTPCACHE_DIR = "httpcache"

# No remote shells into a running crawl (Scrapy's telnet console and remote-control server).
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# Every page a spider yields becomes a canonical article, or is dropped with a reason; then
# one copy of each story is kept (same URL, same text, or the same story edited).
ITEM_PIPELINES = {"newsclean.scrapy.NewscleanPipeline": 300, "newsclean.scrapy.DedupPipeline": 400}
NEWSCLEAN_DROP_DUPLICATES = True
NEWSCLEAN_NEAR_DUPLICATES = "drop"  # or "flag": keep the copy, with duplicateOf = the first copy's URL

# Only http(s), only the sites the spider was pointed at: before robots.txt and every other middleware.
DOWNLOADER_MIDDLEWARES = {"newsclean.scrapy.middlewares.SafeRequestsMiddleware": 50}

# Items are in the output file as soon as they are counted, so a killed crawl loses none it wrote.
FEED_STORAGES = {
    "": "newsclean.scrapy.feeds.WriteThroughFileFeedStorage",
    "file": "newsclean.scrapy.feeds.WriteThroughFileFeedStorage",
}

# Distributed crawls (-s REDIS_URL=redis://host:port) and resumable ones (-s JOBDIR=DIR) use
# newsclean's leasing schedulers (newsclean.scrapy.frontier). A Redis that cannot be reached
# fails the start within seconds, not after the client's 30 s default.
REDIS_PARAMS = {"socket_connect_timeout": 5, "socket_timeout": 30, "retry_on_timeout": True}
NEWSCLEAN_LEASE_SECONDS = 60

# `scrapy crawl` checks the spider's -a arguments (and Redis) before anything starts.
COMMANDS_MODULE = "newsclean.scrapy.commands"

FEED_EXPORT_ENCODING = "utf-8"
# Scrapy >= 2.13's default, spelled out for older versions (NEWSCLEAN_WORKERS works under any reactor).
# REQUEST_FINGERPRINTER_IMPLEMENTATION is not set: Scrapy >= 2.12 has only the current one.
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
