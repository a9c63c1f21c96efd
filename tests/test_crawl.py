"""Each spider, as a real `scrapy crawl` subprocess, against the demo site on 127.0.0.1."""

from __future__ import annotations

import pytest

from spiders.demo.server import DemoServer
from tests.crawl_helpers import crawl, paths


@pytest.fixture(scope="module")
def server():
    with DemoServer() as running:
        yield running


def assert_every_article_once(items, server, expected=None):
    manifest = server.site.manifest
    got = paths(items, server.origin)
    expected = sorted(expected if expected is not None else manifest["articles"])
    assert sorted(got) == expected, f"missing {set(expected) - set(got)}, extra {set(got) - set(expected)}"
    assert len(got) == len(set(got)), "an article was written twice"
    for item in items:
        assert item["headline"] and item["blocks"] and item["datePublished"]
        assert item["url"].startswith(server.origin)
        assert "Sign up for our daily newsletter" not in item["articleBody"]
        assert "Register for free" not in item["articleBody"]
        assert [image["caption"] for image in item["images"]].count(None) == 0


def test_sitemap_spider_finds_every_article_once(server, tmp_path):
    items, log = crawl("sitemap", tmp_path / "out.jsonl", "-a", f"site={server.origin}")
    assert_every_article_once(items, server)
    assert "'newsclean/dropped/no-article': 8" in log  # home, 5 section fronts, 2 tag pages
    assert "/private/" not in " ".join(server.requests)


def test_sitemap_since_skips_older_entries(server, tmp_path):
    items, log = crawl("sitemap", tmp_path / "out.jsonl", "-a", f"url={server.origin}/sitemap.xml", "-a", "since=2026-11-01")
    november = [p for p, d in server.site.manifest["dates"].items() if d >= "2026-11-01"]
    assert_every_article_once(items, server, november)
    assert "sitemap/skipped/older-than-since" in log


def test_feed_spider_reads_rss_atom_and_rdf(server, tmp_path):
    feeds = ",".join(f"{server.origin}/feeds/{name}" for name in ("rss.xml", "atom.xml", "science.rdf"))
    items, _ = crawl("feed", tmp_path / "out.jsonl", "-a", f"url={feeds}")
    assert_every_article_once(items, server)


def test_feed_spider_rdf_alone(server, tmp_path):
    items, _ = crawl("feed", tmp_path / "out.jsonl", "-a", f"url={server.origin}/feeds/science.rdf")
    science = [p for p in server.site.manifest["articles"] if p.startswith("/news/science/")]
    assert_every_article_once(items, server, science)


def test_site_spider_keeps_articles_and_obeys_robots(server, tmp_path):
    items, log = crawl("site", tmp_path / "out.jsonl", "-a", f"url={server.origin}/", "-a", "depth=3")
    assert_every_article_once(items, server)
    assert "'robotstxt/forbidden': 1" in log
    assert "/private/secret.html" not in server.requests
    assert "Ignoring response <404" in log  # the deleted story


def test_urls_spider_reads_a_file(server, tmp_path):
    wanted = server.site.manifest["articles"][:5]
    listing = tmp_path / "urls.txt"
    listing.write_text("# five stories and a dead link\n" + "\n".join(server.origin + p for p in wanted) + f"\n\n{server.origin}/news/world/deleted-story.html\n")
    items, log = crawl("urls", tmp_path / "out.jsonl", "-a", f"file={listing}")
    assert_every_article_once(items, server, wanted)
    assert "Ignoring response <404" in log


def test_pipeline_in_a_process_pool_gives_the_same_articles(server, tmp_path):
    wanted = server.site.manifest["articles"]
    urls = ",".join(server.origin + p for p in [*wanted, "/news/world/"])
    items, log = crawl("urls", tmp_path / "out.jsonl", "-a", f"urls={urls}", "-s", "NEWSCLEAN_WORKERS=2")
    assert_every_article_once(items, server, wanted)
    assert "'newsclean/dropped/no-article': 1" in log
