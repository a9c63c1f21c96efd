"""``scrapy crawl``, checked before anything starts: wrong ``-a`` arguments or an unreachable
Redis are one line on stderr and exit status 2 (usage) or 1, not a page of log and a traceback."""

from __future__ import annotations

import sys
from typing import Any

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.spiderloader import get_spider_loader

from newsclean.extras import MissingExtraError, require
from newsclean.scrapy.spiders.base import ArgumentError


class Command(ScrapyCrawl):
    """Scrapy's ``crawl``, plus the checks."""

    def process_options(self, args: list[str], opts: Any) -> None:
        """Scrapy's option handling, then: do the spider's arguments make sense, and is Redis there?"""
        super().process_options(args, opts)
        if len(args) != 1 or self.settings is None:
            return  # Scrapy's own usage error follows
        try:
            spidercls = get_spider_loader(self.settings).load(args[0])
        except KeyError:
            return  # Scrapy says "Spider not found"
        try:
            spidercls(**opts.spargs)
        except ArgumentError as error:
            fail(f"scrapy crawl {args[0]}: {error}", 2)
        if self.settings.get("REDIS_URL"):
            try:
                check_redis(self.settings)
            except MissingExtraError as error:
                fail(f"scrapy crawl: {error}", 2)


def check_redis(settings: Any) -> None:
    """Exit with one line if the Redis of ``REDIS_URL`` does not answer."""
    connection = require("scrapy_redis.connection", "scrapy", "a REDIS_URL crawl")
    from redis.exceptions import RedisError

    try:
        connection.from_settings(settings).ping()
    except (RedisError, OSError, ValueError) as error:
        fail(f"scrapy crawl: cannot use REDIS_URL={settings.get('REDIS_URL')}: {error}", 1)


def fail(message: str, status: int) -> None:
    """One line on stderr, and exit."""
    print(message, file=sys.stderr)
    raise SystemExit(status)
