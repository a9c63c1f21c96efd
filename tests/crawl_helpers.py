"""Running real ``scrapy crawl`` subprocesses against servers on 127.0.0.1, and reading what they wrote."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Test runs: no AutoThrottle start delay, no retries of deliberately broken pages.
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO", "-s", "RETRY_TIMES=1"]
STATS_DUMP = re.compile(r"Dumping Scrapy stats:\n(\{.*?\})\n", re.S)


def scrapy_command(spider: str, *args: str) -> list[str]:
    """``python -m scrapy crawl SPIDER`` with the test defaults; later ``-s`` options win."""
    return [sys.executable, "-m", "scrapy", "crawl", spider, *FAST, *args]


def crawl(spider: str, out: Path, *args: str, timeout: int = 120) -> tuple[list[dict], str]:
    """Run ``scrapy crawl SPIDER ARGS -O out`` from the repository root; the JSON Lines and the log."""
    result = subprocess.run(
        [*scrapy_command(spider, *args), "-O", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return read_jsonl(out), result.stderr


def read_jsonl(path: Path) -> list[dict]:
    """The items of a JSON Lines file (none if it does not exist)."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()] if path.exists() else []


def stats(log: str) -> dict[str, object]:
    """The stats Scrapy dumped at the end of the crawl (numbers and strings; dates dropped)."""
    match = STATS_DUMP.search(log)
    assert match, "no stats dump in the log"
    text = re.sub(r"datetime\.datetime\([^)]*\)", "None", match.group(1))
    return ast.literal_eval(text)


def paths(items: list[dict], origin: str) -> list[str]:
    """The URL paths of the extracted articles, in output order."""
    return [item["url"].removeprefix(origin) for item in items]
