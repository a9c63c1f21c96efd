"""Each spider as a real ``scrapy crawl`` subprocess against the demo site, served on 127.0.0.1.

Ground truth is ``demo/site/manifest.json``: every article exactly once, and no
section front, tag page, 404 or robots-disallowed page among the output.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import time
import urllib.request

import pytest

import newsclean
from demo.server import DemoServer
from tests.crawl_helpers import ROOT, canonical_paths, children, crawl, paths, scrapy_command, stats

SINCE = "2026-11-06"  # splits the demo site: November's news sitemap, November's and October's sitemaps


@pytest.fixture(scope="module")
def demo():
    with DemoServer() as running:
        yield running


@pytest.fixture
def server(demo):
    """The module's demo server, with an empty request log for each test."""
    demo.requests.clear()
    return demo


def assert_articles(items: list[dict], server: DemoServer, expected: list[str]) -> None:
    """Exactly the expected article pages, each once, with the fields the library gives.

    A syndicated copy stands for its original: whichever of the two came first is written.
    """
    manifest = server.manifest
    got = canonical_paths(items, server)
    assert len(got) == len(set(got)), f"written twice: {sorted(p for p in set(got) if got.count(p) > 1)}"
    assert sorted(got) == sorted(expected), (
        f"missing {sorted(set(expected) - set(got))}, extra {sorted(set(got) - set(expected))}"
    )
    never = (
        set(manifest["non_articles"])
        | set(manifest["missing"])
        | set(manifest.get("disallowed", []))
        | set(manifest["redirects"])
    )
    assert not never & set(got)
    for item in items:
        assert item["url"].startswith(server.origin + "/")
        assert isinstance(item["headline"], str) and item["headline"].strip()
        assert item["blocks"] and all(block["text"].strip() for block in item["blocks"])
        assert item["fingerprint"]


def published_since(server: DemoServer, since: str, prefix: str = "/") -> list[str]:
    """The articles published on or after ``since`` (the manifest's datePublished)."""
    details = server.manifest["article_details"]
    return [
        path
        for path in server.manifest["articles"]
        if path.startswith(prefix) and details[path]["datePublished"][:10] >= since
    ]


def test_sitemap_spider_from_robots_txt(server, tmp_path):
    items, log = crawl("sitemap", tmp_path / "out.jsonl", "-a", f"site={server.origin}")
    assert_articles(items, server, server.manifest["articles"])
    counters = stats(log)
    assert counters["newsclean/articles"] == len(server.manifest["articles"])
    # The syndicated copies on /wire/: each story once (whichever copy came first).
    assert counters["newsclean/dropped/near-duplicate"] == len(server.manifest["syndicated"])
    assert (
        counters.get("sitemap/skipped/not-article", 0) + counters.get("newsclean/dropped/no-article", 0) >= 1
    )
    assert (
        "/sitemaps/articles-2026-10.xml.gz" in server.requests
    )  # October's articles are only in the gzip sitemap
    assert not set(server.manifest["disallowed"]) & set(server.requests)


def test_items_are_what_the_library_extracts(server, tmp_path):
    wanted = server.manifest["articles"][::6]
    items, _ = crawl(
        "urls", tmp_path / "out.jsonl", "-a", "urls=" + ",".join(server.origin + p for p in wanted)
    )
    assert_articles(items, server, wanted)
    for item in items:
        with urllib.request.urlopen(item["url"]) as response:
            direct = newsclean.extract(
                response.read(), url=item["url"], headers=dict(response.headers)
            ).to_dict()
        assert item == json.loads(json.dumps(direct))


def test_sitemap_since_skips_older_entries(server, tmp_path):
    items, log = crawl(
        "sitemap", tmp_path / "out.jsonl", "-a", f"url={server.origin}/sitemap.xml", "-a", f"since={SINCE}"
    )
    assert_articles(items, server, published_since(server, SINCE))
    assert stats(log)["sitemap/skipped/older-than-since"] >= 1
    # The index says October's sitemap was last changed before SINCE: it is not even fetched.
    assert "/sitemaps/articles-2026-10.xml.gz" not in server.requests


def test_feed_spider_reads_rss_atom_and_rdf(server, tmp_path):
    feeds = ",".join(server.origin + path for path in server.manifest["feeds"].values())
    items, _ = crawl("feed", tmp_path / "out.jsonl", "-a", f"url={feeds}")
    assert_articles(items, server, server.manifest["articles"])


def test_feed_spider_rdf_with_since(server, tmp_path):
    rdf = server.origin + server.manifest["feeds"]["rdf"]
    items, log = crawl("feed", tmp_path / "out.jsonl", "-a", f"url={rdf}", "-a", "since=2026-11-01")
    assert_articles(items, server, published_since(server, "2026-11-01", "/news/science/"))
    assert stats(log)["feed/skipped/older-than-since"] >= 1


def test_site_spider_keeps_articles_only_and_obeys_robots(server, tmp_path):
    items, log = crawl("site", tmp_path / "out.jsonl", "-a", f"url={server.origin}/")
    assert_articles(items, server, server.manifest["articles"])
    counters = stats(log)
    # Every front, tag and service page is recognised by the spider, before the pipeline.
    assert counters["site/skipped/not-article"] == len(server.manifest["non_articles"])
    assert "newsclean/dropped/no-article" not in counters
    assert counters["robotstxt/forbidden"] >= 1
    assert not set(server.manifest["disallowed"]) & set(server.requests)
    assert counters["site/failed/http-404"] == len(server.manifest["missing"])
    assert "fetch failed (http-404)" in log


def test_site_spider_depth(server, tmp_path):
    items, _ = crawl("site", tmp_path / "out.jsonl", "-a", f"url={server.origin}/", "-a", "depth=1")
    with urllib.request.urlopen(server.origin + "/") as response:
        links = set(
            re.findall(r'href="(?:' + re.escape(server.origin) + r')?(/[^"#?]*)"', response.read().decode())
        )
    linked = {server.manifest["redirects"].get(link, link) for link in links}
    expected = [path for path in server.manifest["articles"] if path in linked]
    assert 0 < len(expected) < len(server.manifest["articles"])
    assert_articles(items, server, expected)


def test_urls_spider_reads_a_file(server, tmp_path):
    wanted = server.manifest["articles"][:5]
    missing = server.manifest["missing"][0]
    listing = tmp_path / "urls.txt"
    lines = [
        "# five stories, one twice, and a dead link",
        *(server.origin + p for p in wanted),
        "",
        server.origin + wanted[0],
        server.origin + missing,
    ]
    listing.write_text("\n".join(lines) + "\n", "utf-8")
    items, log = crawl("urls", tmp_path / "out.jsonl", "-a", f"file={listing}")
    assert_articles(items, server, wanted)
    assert stats(log)["urls/failed/http-404"] == 1


def test_pipeline_in_a_process_pool_gives_the_same_articles(server, tmp_path):
    wanted = server.manifest["articles"]
    urls = ",".join(server.origin + p for p in [*wanted, *server.manifest["non_articles"]])
    items, log = crawl("urls", tmp_path / "out.jsonl", "-a", f"urls={urls}", "-s", "NEWSCLEAN_WORKERS=2")
    assert_articles(items, server, wanted)
    counters = stats(log)
    assert counters["newsclean/articles"] == len(wanted)
    assert counters.get("urls/skipped/not-article", 0) + counters.get(
        "newsclean/dropped/no-article", 0
    ) == len(server.manifest["non_articles"])


def test_near_duplicates_flagged_instead_of_dropped(server, tmp_path):
    """NEWSCLEAN_NEAR_DUPLICATES=flag: each syndicated copy is written, with duplicateOf = its original's URL."""
    copies = server.manifest["syndicated"]
    # One request at a time, originals first: the copies are the second of their story.
    urls = [*copies.values(), *copies]
    items, log = crawl(
        "urls",
        tmp_path / "out.jsonl",
        "-a",
        "urls=" + ",".join(server.origin + path for path in urls),
        "-s",
        "NEWSCLEAN_NEAR_DUPLICATES=flag",
        "-s",
        "CONCURRENT_REQUESTS=1",
    )
    by_path = {item["url"].removeprefix(server.origin): item for item in items}
    assert sorted(by_path) == sorted(urls)
    for copy, original in copies.items():
        assert by_path[copy]["duplicateOf"] == server.origin + original
        assert "duplicateOf" not in by_path[original]
        assert by_path[copy]["fingerprint"] != by_path[original]["fingerprint"]  # not an exact copy
    counters = stats(log)
    assert counters["newsclean/flagged/near-duplicate"] == len(copies)
    assert "newsclean/dropped/near-duplicate" not in counters


def test_near_duplicates_dropped_by_default(server, tmp_path):
    copies = server.manifest["syndicated"]
    urls = [*copies.values(), *copies]
    items, log = crawl(
        "urls", tmp_path / "out.jsonl", "-a", "urls=" + ",".join(server.origin + p for p in urls), "-s", "CONCURRENT_REQUESTS=1"
    )
    assert sorted(paths(items, server.origin)) == sorted(copies.values())
    counters = stats(log)
    assert counters["newsclean/dropped/near-duplicate"] == len(copies)
    assert counters["newsclean/articles"] == len(copies)  # written, not extracted


def test_workers_under_another_reactor(server, tmp_path):
    """NEWSCLEAN_WORKERS with the epoll reactor (not asyncio): every article, no 'no running event loop'."""
    wanted = server.manifest["articles"]
    items, log = crawl(
        "urls",
        tmp_path / "out.jsonl",
        "-a",
        "urls=" + ",".join(server.origin + p for p in wanted),
        "-s",
        "NEWSCLEAN_WORKERS=2",
        "-s",
        "TWISTED_REACTOR=twisted.internet.epollreactor.EPollReactor",
    )
    assert_articles(items, server, wanted)
    assert "EPollReactor" in log
    assert "log_count/ERROR" not in stats(log)


def test_a_killed_worker_is_replaced_and_nothing_lost(server, tmp_path):
    wanted = server.manifest["articles"]
    out = tmp_path / "out.jsonl"
    command = scrapy_command(
        "urls",
        "-a",
        "urls=" + ",".join(server.origin + p for p in wanted),
        "-s",
        "NEWSCLEAN_WORKERS=2",
        "-s",
        "DOWNLOAD_DELAY=0.1",
        "-s",
        "CONCURRENT_REQUESTS=2",
    )
    with open(tmp_path / "log", "w") as log_file:
        process = subprocess.Popen([*command, "-O", str(out)], cwd=ROOT, stderr=log_file)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (len(read_jsonl_safe(out)) >= 3 and children(process.pid)):
            time.sleep(0.05)
        workers = children(process.pid)
        assert workers and process.poll() is None
        os.kill(workers[0], signal.SIGKILL)
        process.wait(120)
    log = (tmp_path / "log").read_text("utf-8")
    assert process.returncode == 0, log[-3000:]
    assert_articles(read_jsonl_safe(out), server, wanted)
    counters = stats(log)
    assert counters["newsclean/workers/restarted"] >= 1
    assert counters["finish_reason"] == "finished"
    assert not children(process.pid)


def read_jsonl_safe(path):
    """The complete lines of a JSON Lines file being written."""
    if not path.exists():
        return []
    items = []
    for line in path.read_bytes().splitlines():
        try:
            items.append(json.loads(line))
        except ValueError:  # the line being written (it can end with the "}" of an inner object)
            break
    return items


@pytest.mark.parametrize("spider", ["sitemap", "feed", "site", "urls"])
def test_missing_argument_is_one_line_and_exit_2(spider):
    result = subprocess.run(scrapy_command(spider), cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"scrapy crawl {spider}: give -a ")


def test_page_items_export_without_the_pipeline(server, tmp_path):
    """ITEM_PIPELINES off: the raw PageItems are exported (the body as text), not an error per item."""
    wanted = server.manifest["articles"][:3]
    items, log = crawl(
        "urls",
        tmp_path / "out.jsonl",
        "-a",
        "urls=" + ",".join(server.origin + p for p in wanted),
        "-s",
        "ITEM_PIPELINES={}",
    )
    assert sorted(item["url"].removeprefix(server.origin) for item in items) == sorted(wanted)
    for item in items:
        assert item["status"] == 200 and item["body"].startswith("<!DOCTYPE html>")
        assert item["headers"]["Content-Type"].startswith("text/html")
    assert "log_count/ERROR" not in stats(log)


def test_extra_page_item_fields_reach_the_article(server):
    """``PageItem.from_response(response, source=...)``: the field is in the pipeline's output."""
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    from newsclean.scrapy import NewscleanPipeline, PageItem
    from newsclean.scrapy.items import export_body

    url = server.origin + server.manifest["articles"][0]
    with urllib.request.urlopen(url) as page:
        response = HtmlResponse(url, body=page.read(), headers={"Content-Type": "text/html; charset=utf-8"})
    item = PageItem.from_response(response, source="wire-feed", crawl_id=7)
    crawler = get_crawler()
    article = asyncio.run(NewscleanPipeline.from_crawler(crawler).process_item(item))
    assert article["source"] == "wire-feed" and article["crawl_id"] == 7
    assert article["url"] == url and article["headline"]
    assert export_body(b"\xff\xfe binary") == "data:application/octet-stream;base64,//4gYmluYXJ5"
