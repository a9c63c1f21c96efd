"""Distributed crawls: real ``scrapy crawl`` processes sharing a real ``redis-server`` (``-s REDIS_URL``).

Each test starts Redis on a free port of 127.0.0.1 and the demo site, runs two spider
processes with the same arguments, and checks the union of their outputs against the
site's manifest: every article exactly once (a syndicated copy counts as its original),
no page fetched twice, the start requests queued once.
"""

from __future__ import annotations

import re
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from demo.server import DemoServer
from tests.crawl_helpers import ROOT, RedisServer, canonical_paths, free_port, read_jsonl, scrapy_command, stats
from tests.kill_pipeline import kill_at

# Slow enough that both processes get work, fast enough for a test of a few seconds.
SHARED = "-s DOWNLOAD_DELAY=0.1 -s RANDOMIZE_DOWNLOAD_DELAY=False -s CONCURRENT_REQUESTS=2 -s NEWSCLEAN_LEASE_SECONDS=2".split()


@pytest.fixture
def redis_server():
    with RedisServer() as server:
        yield server


SPAWNED: list[subprocess.Popen] = []


@pytest.fixture(autouse=True)
def no_leftover_processes():
    """Whatever happens in a test, none of its spider processes outlives it."""
    yield
    while SPAWNED:
        process = SPAWNED.pop()
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture
def demo():
    with DemoServer() as server:
        yield server


def arguments(spider: str, server: DemoServer) -> list[str]:
    """The ``-a`` arguments pointing each spider at the demo site."""
    if spider == "sitemap":
        return ["-a", f"site={server.origin}"]
    if spider == "feed":
        return ["-a", "url=" + ",".join(server.origin + path for path in server.manifest["feeds"].values())]
    if spider == "site":
        return ["-a", f"url={server.origin}/"]
    pages = [*server.manifest["articles"], *server.manifest["syndicated"]]
    return ["-a", "urls=" + ",".join(server.origin + path for path in pages)]


def start(spider: str, server: DemoServer, redis_url: str, out: Path, *extra: str) -> subprocess.Popen:
    """One spider process of the shared crawl, its log in ``out.log``."""
    command = scrapy_command(spider, *arguments(spider, server), "-s", f"REDIS_URL={redis_url}", *SHARED, *extra)
    log = open(out.with_suffix(".log"), "w")  # a file, not a pipe that could fill up
    process = subprocess.Popen([*command, "-o", str(out)], cwd=ROOT, stderr=log)
    SPAWNED.append(process)
    return process


def finish(process: subprocess.Popen, out: Path, timeout: float = 120) -> dict[str, object]:
    """Wait for a process; its stats (it must have exited 0). One that hangs is killed, and the test fails."""
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail(f"the crawl did not finish in {timeout} s: {out.with_suffix('.log').read_text('utf-8')[-3000:]}")
    log = out.with_suffix(".log").read_text("utf-8")
    assert process.returncode == 0, log[-4000:]
    return stats(log)


def article_fetches(server: DemoServer) -> Counter[str]:
    """How often each article page (originals and copies) was fetched."""
    pages = set(server.manifest["articles"]) | set(server.manifest["syndicated"])
    return Counter(path for path in server.requests if path in pages)


@pytest.mark.parametrize("spider", ["sitemap", "feed", "site", "urls"])
def test_two_processes_share_one_crawl(spider, demo, redis_server, tmp_path):
    outs = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    processes = [start(spider, demo, redis_server.url, out) for out in outs]
    counters = [finish(process, out) for process, out in zip(processes, outs, strict=True)]
    written = [canonical_paths(read_jsonl(out), demo) for out in outs]
    union = written[0] + written[1]
    assert len(union) == len(set(union)), f"written twice: {sorted(p for p, n in Counter(union).items() if n > 1)}"
    assert sorted(union) == sorted(demo.manifest["articles"])
    assert all(written), f"one process did all the work: {[len(w) for w in written]}"
    # One queue: no article page fetched twice, by either process.
    fetches = article_fetches(demo)
    assert max(fetches.values()) == 1, {path: n for path, n in fetches.items() if n > 1}
    assert set(fetches) == set(demo.manifest["articles"]) | set(demo.manifest["syndicated"])
    # The start requests were queued by one process only.
    first_page = {"sitemap": "/sitemap.xml", "site": "/", "feed": demo.manifest["feeds"]["rss"], "urls": None}[spider]
    if first_page:
        assert demo.requests.count(first_page) == 1
    logs = [out.with_suffix(".log").read_text("utf-8") for out in outs]
    assert sum("start requests for crawl" in log for log in logs) == 1, "both processes queued the start requests"
    if spider == "sitemap":
        # robots.txt: the start request (dont_filter, so only seeding once keeps it once), plus
        # one fetch per process by Scrapy's RobotsTxtMiddleware.
        assert demo.requests.count("/robots.txt") == 1 + len(processes)
    assert sum(c.get("scheduler/dequeued/redis", 0) for c in counters) >= len(fetches)
    # Each syndicated copy met its original in the shared dedup state, in whichever process.
    assert sum(c.get("newsclean/dropped/near-duplicate", 0) for c in counters) == len(demo.manifest["syndicated"])


def test_a_killed_process_loses_nothing(demo, redis_server, tmp_path):
    """SIGKILL one of two processes mid-crawl: the other re-queues its leases and finishes the crawl."""
    victim_out, survivor_out = tmp_path / "victim.jsonl", tmp_path / "survivor.jsonl"
    slow = ["-s", "DOWNLOAD_DELAY=0.25"]
    victim = start("sitemap", demo, redis_server.url, victim_out, *slow)
    survivor = start("sitemap", demo, redis_server.url, survivor_out, *slow)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(read_lines(victim_out)) < 3:
        time.sleep(0.05)
    assert victim.poll() is None, "the victim finished before it could be killed"
    victim.send_signal(signal.SIGKILL)
    victim.wait(10)
    counters = finish(survivor, survivor_out)
    union = canonical_paths(read_jsonl(victim_out), demo) + canonical_paths(read_jsonl(survivor_out), demo)
    assert 3 <= len(read_jsonl(victim_out)) < len(demo.manifest["articles"])
    assert sorted(set(union)) == sorted(demo.manifest["articles"]), "lost with the killed process"
    # The one window left (README): killed after its file has an article, before the state says
    # so, the victim's last article is written again by the survivor. Nothing else is.
    twice = {path for path, n in Counter(union).items() if n > 1}
    assert twice <= set(canonical_paths(read_jsonl(victim_out), demo)[-1:]), f"written again: {sorted(twice)}"
    # The victim had requests in flight: they went back to the queue.
    assert counters.get("newsclean/leases/requeued", 0) >= 1
    assert counters["finish_reason"] == "finished"


def test_killed_between_dedup_and_feed_the_survivor_writes_it(demo, redis_server, tmp_path):
    """The victim dies after the shared dedup state has seen its 3rd article, before its feed wrote it:
    the survivor fetches that page again (the lease came back) and writes it."""
    victim_out, survivor_out = tmp_path / "victim.jsonl", tmp_path / "survivor.jsonl"
    victim = start("sitemap", demo, redis_server.url, victim_out, *kill_at(3))
    survivor = start("sitemap", demo, redis_server.url, survivor_out, "-s", "DOWNLOAD_DELAY=0.25")
    victim.wait(60)
    assert victim.returncode == -signal.SIGKILL
    counters = finish(survivor, survivor_out)
    assert len(read_jsonl(victim_out)) == 2
    union = canonical_paths(read_jsonl(victim_out), demo) + canonical_paths(read_jsonl(survivor_out), demo)
    assert sorted(set(union)) == sorted(demo.manifest["articles"]), "lost with the killed process"
    assert len(union) == len(set(union)), "an article the victim wrote was written again"
    assert counters.get("newsclean/dedup/taken-over", 0) >= 1


def read_lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines() if path.exists() else []


def test_unreachable_redis_is_one_clear_error(demo, tmp_path):
    url = f"redis://127.0.0.1:{free_port()}"
    started = time.monotonic()
    result = subprocess.run(
        [*scrapy_command("sitemap", "-a", f"site={demo.origin}", "-s", f"REDIS_URL={url}"), "-O", str(tmp_path / "out.jsonl")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert time.monotonic() - started < 30
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"cannot use REDIS_URL={url}" in lines[0]
    assert not demo.requests, "a crawl without its Redis must not fetch anything"


def test_what_redis_holds_after_a_crawl(demo, redis_server, tmp_path):
    """The crawl's keys are named after the spider and its arguments; no lease, no live worker left."""
    out = tmp_path / "a.jsonl"
    finish(start("sitemap", demo, redis_server.url, out), out)
    client = redis_server.client()
    keys = sorted(key.decode() for key in client.keys("*"))
    prefixes = {key.split(":")[2] for key in keys}
    assert len(prefixes) == 1 and all(key.startswith("newsclean:sitemap:") for key in keys), keys
    prefix = "newsclean:sitemap:" + prefixes.pop()
    assert client.zcard(f"{prefix}:requests") == 0
    assert not client.exists(f"{prefix}:leases")
    assert not [key for key in keys if ":alive:" in key]
    assert client.get(f"{prefix}:seeded") == b"done"
    assert client.hlen(f"{prefix}:dedup:urls") == len(demo.manifest["articles"]) + len(demo.manifest["syndicated"])
    assert client.scard(f"{prefix}:dupefilter") >= len(demo.manifest["articles"])


def xml_route(make: Callable[[], bytes], delay: float = 0.0) -> Callable[[BaseHTTPRequestHandler], None]:
    """A route answering ``make()`` as XML (or text for robots.txt), after ``delay`` seconds."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(delay)
        body = make()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain" if handler.path.endswith(".txt") else "application/xml")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


def test_the_sitemap_bound_is_per_crawl_not_per_process(demo, redis_server, tmp_path):
    """NEWSCLEAN_SITEMAP_MAX_SITEMAPS=10 with two processes on one Redis: 10 sitemaps read in all.

    robots.txt lists 4 sitemap indexes of 5 sitemaps each (24 sitemaps); the indexes are read
    by both processes (robots.txt answers late, so that both are waiting on the queue; the
    indexes answer slowly, so that neither takes them all), so a count per process would let
    each read up to 10.
    """
    namespace = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    demo.routes["/robots.txt"] = xml_route(lambda: "".join(f"Sitemap: {demo.origin}/idx/{i}.xml\n" for i in range(4)).encode(), 2.0)
    for i in range(4):
        children = "".join(f"<sitemap><loc>{demo.origin}/maps/{i}-{j}.xml</loc></sitemap>" for j in range(5))
        demo.routes[f"/idx/{i}.xml"] = xml_route(lambda children=children: f"<sitemapindex {namespace}>{children}</sitemapindex>".encode(), 1.0)
        for j in range(5):
            demo.routes[f"/maps/{i}-{j}.xml"] = xml_route(lambda: f"<urlset {namespace}></urlset>".encode())
    outs = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    bound = ["-s", "NEWSCLEAN_SITEMAP_MAX_SITEMAPS=10", "-s", "LOG_LEVEL=DEBUG"]
    processes = [start("sitemap", demo, redis_server.url, out, *bound) for out in outs]
    counters = [finish(process, out) for process, out in zip(processes, outs, strict=True)]
    sitemaps = [path for path in demo.requests if path.startswith(("/idx/", "/maps/"))]
    assert len(sitemaps) == 10 and len(set(sitemaps)) == 10, sorted(sitemaps)
    assert sum(int(c.get("sitemap/skipped/too-many-sitemaps", 0)) for c in counters) == 24 - 10
    logs = [out.with_suffix(".log").read_text("utf-8") for out in outs]
    assert all(re.search(r"Crawled \(200\) <GET \S+/idx/", log) for log in logs), "one process read every index"
    client = redis_server.client()
    [counter] = client.keys("newsclean:sitemap:*:count:sitemaps")
    assert int(client.get(counter)) == 24
