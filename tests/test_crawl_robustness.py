"""Crawls that are interrupted, or that meet hostile input, still deliver every good article exactly once.

The hostile pages are served by routes defined here (never part of the demo site), next
to the demo site's real articles, all listed in one sitemap index.
"""

from __future__ import annotations

import signal
import subprocess
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from demo.server import DemoServer
from tests.crawl_helpers import ROOT, canonical_paths, crawl, paths, read_jsonl, scrapy_command, stats
from tests.kill_pipeline import kill_at

Route = Callable[[BaseHTTPRequestHandler], None]

# --- resuming ------------------------------------------------------------------------

SLOW_CRAWL = "-s DOWNLOAD_DELAY=0.3 -s RANDOMIZE_DOWNLOAD_DELAY=False -s CONCURRENT_REQUESTS=1".split()


def wait_for_lines(path, count: int, process: subprocess.Popen, timeout: float = 60) -> None:
    """Poll the output file until it has ``count`` lines (or the crawl ends, or time runs out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if path.exists() and len(path.read_bytes().splitlines()) >= count:
            return
        time.sleep(0.05)


def test_interrupted_crawl_resumes_with_jobdir(tmp_path):
    """SIGINT halfway, then the same command with the same JOBDIR: the union is every article once.

    Each run writes its own file: JOBDIR keeps the request queue and the seen-request
    fingerprints, not the pipeline's duplicate filter, so neither run can rely on the
    other's output.
    """
    with DemoServer() as server:
        articles = server.manifest["articles"]
        first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
        command = scrapy_command(
            "sitemap", "-a", f"site={server.origin}", "-s", f"JOBDIR={tmp_path / 'job'}", *SLOW_CRAWL
        )
        with open(tmp_path / "first.log", "w") as log_file:  # a file, not a pipe that could fill up
            process = subprocess.Popen([*command, "-o", str(first)], cwd=ROOT, stderr=log_file)
            wait_for_lines(first, 5, process)
            process.send_signal(signal.SIGINT)
            process.wait(timeout=60)
        log = (tmp_path / "first.log").read_text("utf-8")
        assert "shutting down gracefully" in log.lower(), log[-3000:]
        done_first = paths(read_jsonl(first), server.origin)
        assert 5 <= len(done_first) < len(articles), "the first run was not stopped halfway"

        items, log = crawl(
            "sitemap", second, "-a", f"site={server.origin}", "-s", f"JOBDIR={tmp_path / 'job'}", *SLOW_CRAWL
        )
        done_second = paths(items, server.origin)
        assert "Resuming crawl" in log
        union = done_first + done_second
        assert len(union) == len(set(union)), (
            f"written by both runs: {sorted(set(done_first) & set(done_second))}"
        )
        assert sorted(union) == sorted(articles)


# --- hostile input -------------------------------------------------------------------


def entity_bomb(levels: int = 9) -> bytes:
    """Billion laughs: ten to the ``levels`` "lol"s, if anyone expanded the entities."""
    declarations = ['<!ENTITY lol0 "lol">']
    declarations += [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels + 1)]
    doctype = "<!DOCTYPE urlset [\n" + "\n".join(declarations) + "\n]>"
    urls = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://127.0.0.1/&lol{levels};</loc></url></urlset>'
    return f'<?xml version="1.0"?>\n{doctype}\n{urls}'.encode()


JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + bytes(range(256)) * 400
    + b"\xff\xd9"
)
PDF = (
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n"
    + bytes(range(256)) * 100
    + b"\nendstream"
)
HUGE_PAGE_MB = 50
GZIP_BOMB_GB = 1


def gzip_bomb(gigabytes: int) -> bytes:
    """``gigabytes`` GB of zeros, gzip-compressed: about 1 MB on the wire."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\0" * (1 << 22)
    return b"".join(packer.compress(chunk) for _ in range(gigabytes << 8)) + packer.flush()


def send(body: bytes, content_type: str = "text/html; charset=utf-8") -> Route:
    """A route answering 200 with ``body``."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


def stream_huge(megabytes: int) -> Route:
    """A page of ``megabytes`` MB, streamed without a Content-Length: its size is known only by reading."""
    paragraph = (
        b"<p>Filler text of a page that goes on and on and never ends its endless story.</p>\n" * 12800
    )

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.close_connection = True
        handler.wfile.write(b"<html><body>")
        for _ in range(megabytes * (1 << 20) // len(paragraph) + 1):
            handler.wfile.write(paragraph)

    return route


def never_finishes(stop: threading.Event) -> Route:
    """Headers and a trickle of bytes, then silence until the test ends."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        for piece in (b"<html><head><title>Loading", b"...</title></head><body><p>Still loading"):
            handler.wfile.write(piece)
            handler.wfile.flush()
            if stop.wait(0.5):
                return
        stop.wait(60)

    return route


def redirect(target: str, status: int = 302) -> Route:
    """A route that redirects to ``target``."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Location", target)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def endless_redirects(server: DemoServer, count: int) -> dict[str, Route]:
    """/chain/0.html -> /chain/1.html -> ... : every URL new, so only REDIRECT_MAX_TIMES ends it."""
    return {f"/chain/{n}.html": redirect(f"{server.origin}/chain/{n + 1}.html") for n in range(count)}


def urlset(origin: str, locs: list[str]) -> bytes:
    entries = "".join(f"<url><loc>{origin}{path}</loc></url>" for path in locs)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()


def sitemap_index(origin: str, locs: list[str]) -> bytes:
    entries = "".join(f"<sitemap><loc>{origin}{path}</loc></sitemap>" for path in locs)
    return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'.encode()


COPY = "/syndicated/copy.html"
HOSTILE_PAGES = [
    "/huge.html",
    "/hang.html",
    "/binary.html",
    "/document.html",
    "/loop/a.html",
    "/chain/0.html",
    COPY,
]


@pytest.fixture
def hostile_server() -> Iterator[DemoServer]:
    stop = threading.Event()
    with DemoServer() as server:
        articles = server.manifest["articles"]
        with open(ROOT / "demo" / "site" / articles[0].lstrip("/"), "rb") as page:
            copy = page.read().replace(b"{{BASE}}", server.origin.encode())
        server.routes.update(
            {
                "/bomb-entities.xml": send(entity_bomb(), "application/xml"),
                "/bomb.xml.gz": send(gzip_bomb(GZIP_BOMB_GB), "application/x-gzip"),
                "/huge.html": stream_huge(HUGE_PAGE_MB),
                "/hang.html": never_finishes(stop),
                "/binary.html": send(JPEG, "text/html"),
                "/document.html": send(PDF, "text/html; charset=utf-8"),
                "/loop/a.html": redirect(f"{server.origin}/loop/b.html"),
                "/loop/b.html": redirect(f"{server.origin}/loop/a.html"),
                COPY: send(copy),  # the same story under another URL
                "/mixed.xml": send(urlset(server.origin, HOSTILE_PAGES + articles), "application/xml"),
                "/index.xml": send(
                    sitemap_index(server.origin, ["/bomb-entities.xml", "/bomb.xml.gz", "/mixed.xml"]),
                    "application/xml",
                ),
                **endless_redirects(server, 20),
            }
        )
        yield server
        stop.set()


def test_hostile_input_is_dropped_with_a_reason_and_every_article_still_extracted(hostile_server, tmp_path):
    server = hostile_server
    items, log = crawl(
        "sitemap",
        tmp_path / "out.jsonl",
        "-a",
        f"url={server.origin}/index.xml",
        "-s",
        "DOWNLOAD_TIMEOUT=3",
        "-s",
        "RETRY_TIMES=0",
        "-s",
        "CONCURRENT_REQUESTS=8",
    )
    # The copy and its original race; whichever is written first stands for the story.
    original = server.manifest["articles"][0]
    got = [original if path == COPY else path for path in paths(items, server.origin)]
    assert sorted(got) == sorted(server.manifest["articles"])
    counters = stats(log)

    # Billion laughs: refused before parsing; no entity was ever expanded into a URL.
    assert counters["sitemap/dropped/xml-entities"] == 1
    assert "sitemap dropped (xml-entities)" in log
    assert not any("lol" in path for path in server.requests)
    # 1 GB of zeros in 1 MB of gzip: unpacking stops at DOWNLOAD_MAXSIZE.
    assert counters["sitemap/dropped/too-large"] == 1
    assert "sitemap dropped (too-large)" in log
    # 50 MB page, no Content-Length: the download is cut at DOWNLOAD_MAXSIZE.
    assert counters["sitemap/failed/cancelled"] == 1
    assert "larger than download max size" in log and "fetch failed (cancelled)" in log
    # A page that never finishes: DOWNLOAD_TIMEOUT.
    assert counters["sitemap/failed/timeout"] == 1
    assert "fetch failed (timeout)" in log and "/hang.html" in log
    # JPEG and PDF bytes served as text/html: the pipeline says not-html (logged once at INFO).
    assert counters["newsclean/dropped/not-html"] == 2
    assert log.count("dropped (not-html)") == 1
    # A syndicated copy of an article: the pipeline's fingerprint filter.
    assert counters["newsclean/dropped/duplicate"] == 1
    assert "dropped (duplicate)" in log
    # a -> b -> a: the duplicate filter ends it; an endless chain of new URLs: REDIRECT_MAX_TIMES.
    assert counters["dupefilter/filtered"] >= 1
    assert counters["sitemap/failed/too-many-redirects"] == 1
    assert "fetch failed (too-many-redirects)" in log
    assert "/chain/6.html" not in server.requests  # 5 redirects at most
    assert counters["newsclean/articles"] == len(server.manifest["articles"])
    assert counters["finish_reason"] == "finished"


# --- resuming after SIGKILL --------------------------------------------------------


def demo_arguments(spider: str, server: DemoServer) -> list[str]:
    """The ``-a`` arguments pointing each spider at the demo site."""
    if spider == "sitemap":
        return ["-a", f"site={server.origin}"]
    if spider == "feed":
        return ["-a", "url=" + ",".join(server.origin + path for path in server.manifest["feeds"].values())]
    if spider == "site":
        return ["-a", f"url={server.origin}/"]
    return ["-a", "urls=" + ",".join(server.origin + path for path in server.manifest["articles"])]


@pytest.mark.parametrize("spider", ["sitemap", "feed", "site", "urls"])
def test_killed_crawl_resumes_with_jobdir(spider, tmp_path):
    """SIGKILL (no graceful shutdown) halfway, then the same command: every article exactly once across the two runs."""
    with DemoServer() as server:
        first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
        command = scrapy_command(
            spider, *demo_arguments(spider, server), "-s", f"JOBDIR={tmp_path / 'job'}", *SLOW_CRAWL[:2], "-s", "DOWNLOAD_DELAY=0.15"
        )
        with open(tmp_path / "first.log", "w") as log_file:
            process = subprocess.Popen([*command, "-o", str(first)], cwd=ROOT, stderr=log_file)
            wait_for_lines(first, 5, process)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        done_first = canonical_paths(read_jsonl(first), server)
        assert 5 <= len(done_first) < len(server.manifest["articles"]), "the first run was not stopped halfway"

        result = subprocess.run([*command, "-o", str(second)], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-3000:]
        done_second = canonical_paths(read_jsonl(second), server)
        union = done_first + done_second
        # The one window left (README): killed after the file has an article, before the dedup
        # state says so, the first run's last article is written again. Nothing else is.
        assert set(done_first) & set(done_second) <= set(done_first[-1:]), f"written by both runs: {sorted(set(done_first) & set(done_second))}"
        assert sorted(set(union)) == sorted(server.manifest["articles"])


def test_killed_between_dedup_and_feed_resumes_with_jobdir(tmp_path):
    """SIGKILL after the dedup pipeline has checked the 3rd article and before the feed wrote it:
    the resumed run fetches that page again and must write it (not drop it as "already written")."""
    with DemoServer() as server:
        first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
        command = scrapy_command("sitemap", *demo_arguments("sitemap", server), "-s", f"JOBDIR={tmp_path / 'job'}", *SLOW_CRAWL[2:])
        killed = subprocess.run([*command, *kill_at(3), "-o", str(first)], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert killed.returncode == -signal.SIGKILL, killed.stderr[-3000:]
        done_first = canonical_paths(read_jsonl(first), server)
        assert len(done_first) == 2
        result = subprocess.run([*command, "-o", str(second)], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-3000:]
        union = done_first + canonical_paths(read_jsonl(second), server)
        assert len(union) == len(set(union)), "written by both runs"
        assert sorted(union) == sorted(server.manifest["articles"]), "lost with the killed run"
        assert stats(result.stderr)["newsclean/dedup/taken-over"] >= 1


# --- requests that must never leave a spider -----------------------------------------


@pytest.fixture
def elsewhere() -> Iterator[DemoServer]:
    """Another site on the same host, another port: every request it gets is a leak."""
    with DemoServer() as server:
        yield server


def test_sitemap_refuses_local_files_data_uris_and_other_sites(elsewhere, tmp_path):
    with DemoServer() as server:
        port = server.origin.rsplit(":", 1)[1]
        locs = [
            "file:///etc/passwd",
            "data:text/html,<html><body><article><h1>Injected</h1><p>" + "Planted text. " * 40 + "</p></article></body></html>",
            elsewhere.origin + elsewhere.manifest["articles"][0],  # same host, another port
            f"http://localhost:{port}" + server.manifest["articles"][1],  # another name for this host
            f"{server.origin}/go.html",  # a redirect to the other port
        ]
        server.routes["/go.html"] = redirect(elsewhere.origin + elsewhere.manifest["articles"][2])
        entries = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
        entries += "".join(f"<url><loc>{server.origin}{path}</loc></url>" for path in server.manifest["articles"][:3])
        server.routes["/leaky.xml"] = send(
            f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode(),
            "application/xml",
        )
        items, log = crawl(
            "sitemap", tmp_path / "out.jsonl", "-a", f"url={server.origin}/leaky.xml", "-s", "NEWSCLEAN_REQUIRE_ARTICLE=False"
        )
    assert sorted(paths(items, server.origin)) == sorted(server.manifest["articles"][:3])
    assert not any("root:" in block["text"] or "Planted" in block["text"] for item in items for block in item["blocks"])
    counters = stats(log)
    assert counters["sitemap/refused/scheme-file"] == 1
    assert counters["sitemap/refused/scheme-data"] == 1
    assert counters["sitemap/refused/off-site"] == 3
    assert "sitemap/failed/ignored" not in counters  # counted once, by its reason
    assert not elsewhere.requests


def test_site_and_feed_spiders_stay_on_their_port(elsewhere, tmp_path):
    with DemoServer() as server:
        other = elsewhere.origin + elsewhere.manifest["articles"][0]
        page = (
            '<html><head><meta property="og:type" content="website"></head><body>'
            f'<a href="{other}">elsewhere</a> <a href="{server.origin}{server.manifest["articles"][0]}">here</a>'
            "</body></html>"
        ).encode()
        server.routes["/start.html"] = send(page)
        feed = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            f"<item><title>a</title><link>{other}</link></item>"
            f"<item><title>b</title><link>{server.origin}{server.manifest['articles'][1]}</link></item>"
            "</channel></rss>"
        ).encode()
        server.routes["/leaky.rss"] = send(feed, "application/rss+xml")
        site_items, _ = crawl("site", tmp_path / "site.jsonl", "-a", f"url={server.origin}/start.html", "-a", "depth=1")
        feed_items, feed_log = crawl("feed", tmp_path / "feed.jsonl", "-a", f"url={server.origin}/leaky.rss")
    assert paths(site_items, server.origin) == [server.manifest["articles"][0]]
    assert paths(feed_items, server.origin) == [server.manifest["articles"][1]]
    assert stats(feed_log)["feed/refused/off-site"] == 1
    assert not elsewhere.requests


# --- bounded sitemaps, JSON in a sitemap ----------------------------------------------


def test_sitemap_index_chain_is_bounded(tmp_path):
    """An index that points to the next index, forever: followed to NEWSCLEAN_SITEMAP_MAX_DEPTH, no further."""
    with DemoServer() as server:

        def chain(handler: BaseHTTPRequestHandler) -> None:
            number = int(handler.path.rsplit("=", 1)[1])
            send(sitemap_index(server.origin, [f"/chain.xml?x={number + 1}"]), "application/xml")(handler)

        server.routes["/chain.xml"] = chain
        _, log = crawl("sitemap", tmp_path / "out.jsonl", "-a", f"url={server.origin}/chain.xml?x=0")
        fetched = server.requests.count("/chain.xml")
        server.requests.clear()
        # The demo index lists four sitemaps: with a bound of 2, the index and one of them are read.
        items, bounded = crawl(
            "sitemap", tmp_path / "out2.jsonl", "-a", f"url={server.origin}/sitemap.xml", "-s", "NEWSCLEAN_SITEMAP_MAX_SITEMAPS=2"
        )
        sitemaps_read = [path for path in server.requests if "sitemap" in path]
    counters = stats(log)
    assert fetched == 4  # depth 0..3
    assert counters["sitemap/skipped/too-deep"] == 1
    assert len(sitemaps_read) == 2, sitemaps_read
    assert stats(bounded)["sitemap/skipped/too-many-sitemaps"] == len(server.manifest["sitemaps"]) - 2
    assert 0 < len(items) < len(server.manifest["articles"])


def test_json_listed_in_a_sitemap_is_skipped_not_an_error(tmp_path):
    with DemoServer() as server:
        server.routes["/data.json"] = send(b'{"headline": "not a page", "items": [1, 2, 3]}', "application/json")
        server.routes["/with-json.xml"] = send(urlset(server.origin, ["/data.json", server.manifest["articles"][0]]), "application/xml")
        items, log = crawl("sitemap", tmp_path / "out.jsonl", "-a", f"url={server.origin}/with-json.xml")
    assert paths(items, server.origin) == [server.manifest["articles"][0]]
    counters = stats(log)
    assert counters["sitemap/skipped/not-html"] == 1
    assert "log_count/ERROR" not in counters, log[-3000:]
