"""newsclean's Scrapy project: spiders that collect article pages, and a demo news site to crawl."""
