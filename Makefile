# The two commands a fresh machine needs (see README.md). Everything else is newsclean's CLI.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test install lint bench eval redis

$(BIN)/newsclean: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,all]"
	touch $@

install: $(BIN)/newsclean

## Serve the built-in demo news site (demo/site, not part of the wheel) on 127.0.0.1, crawl it with Scrapy, write articles.jsonl.
demo: install
	$(BIN)/python -m demo

## The distributed-crawl tests start a real redis-server: install Debian's package when it is
## missing and we may (root with apt-get); otherwise those tests skip with a message.
redis:
	@command -v redis-server >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  apt-get update -qq && apt-get install -y -qq redis-server; } || echo "redis-server not installed: distributed tests will skip"

## Lint and type-check, then every test: library, fixtures, rules, CLI, crawls, properties, corpus quality gate.
test: install redis
	$(BIN)/ruff check newsclean demo tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/newsclean bench ../shared/corpus/news

eval: install
	$(BIN)/newsclean eval ../shared/corpus --compare trafilatura
