"""newsclean's ``scrapy`` commands (settings ``COMMANDS_MODULE``): ``crawl``, checked before it starts."""
