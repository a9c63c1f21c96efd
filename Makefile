# The two commands a fresh machine needs (see README.md). Everything else is newsclean's CLI.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test install lint bench eval

$(BIN)/newsclean: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/newsclean

## Serve the built-in demo news site on 127.0.0.1, crawl it with Scrapy, write articles.jsonl.
demo: install
	$(BIN)/python -m spiders.demo

## Lint, then every test: library, fixtures, rules, CLI, crawls, properties, corpus quality gate.
test: install
	$(BIN)/ruff check newsclean spiders tests
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/newsclean bench ../shared/corpus/news

eval: install
	$(BIN)/newsclean eval ../shared/corpus/news --compare trafilatura
	$(BIN)/newsclean eval ../shared/corpus/snippets --compare trafilatura
