"""Each spider as a real ``scrapy crawl`` subprocess against the demo site, served on 127.0.0.1.

Ground truth is ``spiders/demo_site/manifest.json``: every article exactly once, and no
section front, tag page, 404 or robots-disallowed page among the output.
"""

from __future__ import annotations

import json
import re
import urllib.request

import pytest

import newsclean
from spiders.demo.server import DemoServer
from tests.crawl_helpers import canonical_paths, crawl, stats

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
