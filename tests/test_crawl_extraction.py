"""Where a crawl extracts its pages: never in the reactor thread, and a heavy or deadly page costs only itself.

Real ``scrapy crawl`` processes against the demo site on 127.0.0.1, plus one heavy page
served by a route of this test: 30,000 (thread test) or 20,000 (pool test) paragraphs, an
article that takes seconds to extract (well under ``Config.max_elements``).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

import pytest

from demo.server import DemoServer
from tests.crawl_helpers import ROOT, canonical_paths, children, crawl, read_jsonl, scrapy_command, stats

HEAVY = "/news/2026/11/30/council-budget-line-by-line.html"


def heavy_page(paragraphs: int) -> bytes:
    """A long but ordinary article: one headline, ``paragraphs`` distinct paragraphs."""
    body = "".join(
        f"<p>Line {i} of the budget: the council set aside {i * 7 % 1000} thousand for item {i}, a councillor said.</p>"
        for i in range(paragraphs)
    )
    return (
        "<html><head><title>The council budget, line by line</title></head><body><article>"
        f"<h1>The council budget, line by line</h1>{body}</article></body></html>"
    ).encode()


def serve(body: bytes, delay: float = 0.0, sent: list[float] | None = None) -> Callable[[BaseHTTPRequestHandler], None]:
    """A route answering ``body`` as HTML, after ``delay`` seconds; appends the time it finished to ``sent``."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(delay)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
        if sent is not None:
            sent.append(time.monotonic())

    return route


def complete_lines(path) -> list[bytes]:
    """The complete lines of a JSON Lines file being written (the one being written does not parse yet)."""
    lines = path.read_bytes().splitlines() if path.exists() else []
    complete = []
    for line in lines:
        try:
            json.loads(line)
        except ValueError:
            break
        complete.append(line)
    return complete


def wait_for(condition: Callable[[], object], timeout: float = 60) -> object:
    """Poll ``condition`` until it is true; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"waited {timeout} s in vain")


def test_a_heavy_page_runs_over_the_time_limit_and_the_crawl_goes_on(tmp_path):
    """Default settings (no worker processes): the heavy page is dropped as ``timeout`` after 3 s
    although its extraction takes longer: the reactor kept running during it (a timer fired), and
    every other article is written."""
    with DemoServer(routes={HEAVY: serve(heavy_page(30_000))}) as server:
        articles = server.manifest["articles"]
        urls = ",".join(server.origin + path for path in [HEAVY, *articles])
        started = time.monotonic()
        items, log = crawl("urls", tmp_path / "out.jsonl", "-a", f"urls={urls}", "-s", "NEWSCLEAN_EXTRACT_TIMEOUT=3")
        took = time.monotonic() - started
    counters = stats(log)
    assert counters.get("newsclean/dropped/timeout") == 1, log[-3000:]
    assert "dropped (timeout): " + server.origin + HEAVY in log
    assert sorted(canonical_paths(items, server)) == sorted(articles)
    assert counters["finish_reason"] == "finished"
    print(f"crawl with a timed-out heavy page: {took:.1f} s")


def test_a_page_that_kills_its_worker_twice_is_dropped_and_counted(tmp_path):
    """NEWSCLEAN_WORKERS=1: the test kills the worker process (SIGKILL, by PID) while it extracts
    the heavy page, then kills the worker that replaced it while it tries the page again. The page
    is dropped as ``worker-died``; the articles fetched before are all written; the crawl finishes."""
    # The heavy page answers 3 s late, so the other pages are extracted before it and it is alone in the pool.
    sent: list[float] = []
    with DemoServer(routes={HEAVY: serve(heavy_page(20_000), delay=3.0, sent=sent)}) as server:
        articles = server.manifest["articles"][:5]
        out = tmp_path / "out.jsonl"
        urls = ",".join(server.origin + path for path in [*articles, HEAVY])
        command = scrapy_command("urls", "-a", f"urls={urls}", "-s", "NEWSCLEAN_WORKERS=1")
        with open(tmp_path / "log", "w") as log_file:
            process = subprocess.Popen([*command, "-O", str(out)], cwd=ROOT, stderr=log_file)
            try:
                wait_for(lambda: sent)
                assert len(complete_lines(out)) == len(articles), "the other pages were not done first"
                time.sleep(1.0)  # the heavy page was sent a second ago: in the worker now
                first = wait_for(lambda: children(process.pid))
                assert len(first) == 1
                os.kill(first[0], signal.SIGKILL)
                second = wait_for(lambda: [pid for pid in children(process.pid) if pid != first[0]])
                time.sleep(1.0)  # the replacement is extracting the page (about 6 s of work)
                assert process.poll() is None
                os.kill(second[0], signal.SIGKILL)
                process.wait(120)
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()
    log = (tmp_path / "log").read_text("utf-8")
    assert process.returncode == 0, log[-3000:]
    counters = stats(log)
    assert counters["newsclean/workers/restarted"] == 2
    assert counters["newsclean/dropped/worker-died"] == 1
    assert "dropped (worker-died): " + server.origin + HEAVY in log
    assert "trying it once more" in log
    assert sorted(canonical_paths(read_jsonl(out), server)) == sorted(articles)
    assert counters["finish_reason"] == "finished"
    assert not children(process.pid)


def test_the_extraction_thread_under_a_reactor_without_asyncio(tmp_path):
    """NEWSCLEAN_WORKERS=0 with the epoll reactor: the thread answers through Twisted, every article written."""
    with DemoServer() as server:
        articles = server.manifest["articles"]
        urls = ",".join(server.origin + path for path in articles)
        items, log = crawl(
            "urls", tmp_path / "out.jsonl", "-a", f"urls={urls}", "-s", "TWISTED_REACTOR=twisted.internet.epollreactor.EPollReactor"
        )
    assert "EPollReactor" in log
    assert sorted(canonical_paths(items, server)) == sorted(articles)
    assert "log_count/ERROR" not in stats(log)
