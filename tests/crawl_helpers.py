"""Running real ``scrapy crawl`` subprocesses against servers on 127.0.0.1, and reading what they wrote."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

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


def canonical_paths(items: list[dict], server: object) -> list[str]:
    """The article paths, a syndicated copy counted as its original (manifest ``syndicated``)."""
    copies = server.manifest.get("syndicated", {})  # type: ignore[attr-defined]
    return [copies.get(path, path) for path in paths(items, server.origin)]  # type: ignore[attr-defined]


def free_port() -> int:
    """A TCP port nobody listens on at the moment, on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A real ``redis-server`` on a free port of 127.0.0.1, no persistence; ``with RedisServer() as redis: redis.url``.

    Without the binary: the test fails when ``CI`` is set (CI must install it), else it is skipped with a message.
    """

    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            message = "redis-server is not installed (apt-get install redis-server; .ci/run does)"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}"
        self.command = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> RedisServer:
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return self
            except Exception:
                time.sleep(0.05)
        self.__exit__()
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_connect_timeout=1)

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found
