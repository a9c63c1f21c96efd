"""Running real `scrapy crawl` subprocesses against a server on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO", "-s", "TELNETCONSOLE_ENABLED=False"]


def crawl(spider: str, out: Path, *args: str, timeout: int = 180) -> tuple[list[dict], str]:
    """Run `scrapy crawl SPIDER ARGS -O out`; return the JSON Lines and the log."""
    command = [sys.executable, "-m", "scrapy", "crawl", spider, *FAST, *args, "-O", str(out)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr[-4000:]
    items = [json.loads(line) for line in out.read_text("utf-8").splitlines()] if out.exists() else []
    return items, result.stderr


def paths(items: list[dict], origin: str) -> list[str]:
    """The URL paths of the extracted articles, in output order."""
    return [item["url"].removeprefix(origin) for item in items]
