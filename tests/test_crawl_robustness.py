"""Crawls that are interrupted, or meet hostile input, still deliver every good article exactly once."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
import zlib

import pytest

from spiders.demo.server import DemoServer
from tests.conftest import ROOT
from tests.crawl_helpers import FAST, crawl, paths


def test_interrupted_crawl_resumes_with_jobdir(tmp_path):
    with DemoServer() as server:
        jobdir = tmp_path / "job"
        first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
        slow = ["-s", f"JOBDIR={jobdir}", "-s", "DOWNLOAD_DELAY=0.4", "-s", "CONCURRENT_REQUESTS=1", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False"]
        command = [sys.executable, "-m", "scrapy", "crawl", "sitemap", *FAST, "-a", f"site={server.origin}", *slow]
        process = subprocess.Popen([*command, "-O", str(first)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if first.exists() and len(first.read_text("utf-8").splitlines()) >= 5:
                break
            time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        _, log = process.communicate(timeout=60)
        assert "shutting down gracefully" in log.lower() or "Received SIGINT" in log, log[-2000:]
        done_first = paths([json.loads(x) for x in first.read_text("utf-8").splitlines()], server.origin)
        assert 5 <= len(done_first) < len(server.site.manifest["articles"]), "the crawl was not interrupted halfway"

        items, _ = crawl("sitemap", second, "-a", f"site={server.origin}", *slow)
        done_second = paths(items, server.origin)
        union = done_first + done_second
        assert sorted(union) == sorted(server.site.manifest["articles"])
        assert len(union) == len(set(union)), "an article was written by both runs"


BOMB_SITEMAP = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://127.0.0.1/&lol9;</loc></url></urlset>"""


def _gzip_bomb(size: int) -> bytes:
    """``size`` bytes of zeros, gzip-compressed (a few hundred KB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1 << 20)
    parts = [compressor.compress(chunk) for _ in range(size >> 20)]
    return b"".join(parts) + compressor.flush()


def _send(body: bytes, content_type: str = "text/html; charset=utf-8"):
    def route(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


def _never_finishes(stop: threading.Event):
    def route(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        handler.wfile.write(b"<html><body><p>Loading")
        handler.wfile.flush()
        stop.wait(30)  # hang until the test ends (the client times out long before)

    return route


def _redirect(target: str):
    def route(handler):
        handler.send_response(302)
        handler.send_header("Location", target)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


@pytest.fixture
def hostile_server():
    stop = threading.Event()
    huge = b"<html><body>" + b"<p>filler text for a huge page</p>" * (50 * 1024 * 1024 // 34) + b"</body></html>"
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 200
    routes = {
        "/bomb-entities.xml": _send(BOMB_SITEMAP, "application/xml"),
        "/bomb.xml.gz": _send(_gzip_bomb(256 << 20), "application/x-gzip"),
        "/huge.html": _send(huge),
        "/hang.html": _never_finishes(stop),
        "/binary.html": _send(jpeg, "text/html"),
        "/loop/a.html": _redirect("/loop/b.html"),
        "/loop/b.html": _redirect("/loop/a.html"),
    }
    with DemoServer(routes=routes) as server:
        hostile = ["/huge.html", "/hang.html", "/binary.html", "/loop/a.html"]
        entries = "".join(f"<url><loc>{server.origin}{p}</loc></url>" for p in hostile + server.site.manifest["articles"])
        listing = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()
        index = "".join(f"<sitemap><loc>{server.origin}{p}</loc></sitemap>" for p in ("/bomb-entities.xml", "/bomb.xml.gz", "/mixed.xml"))
        server.routes["/mixed.xml"] = _send(listing, "application/xml")
        server.routes["/index.xml"] = _send(f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index}</sitemapindex>'.encode(), "application/xml")
        yield server
    stop.set()


def test_hostile_input_is_dropped_with_a_reason_and_the_rest_is_crawled(hostile_server, tmp_path):
    server = hostile_server
    items, log = crawl(
        "sitemap", tmp_path / "out.jsonl", "-a", f"url={server.origin}/index.xml",
        "-s", "DOWNLOAD_TIMEOUT=3", "-s", "RETRY_TIMES=0", "-s", "LOG_LEVEL=DEBUG",
    )
    assert sorted(paths(items, server.origin)) == sorted(server.site.manifest["articles"])
    assert "sitemap dropped (xml-entities)" in log
    assert "sitemap dropped (gzip)" in log
    assert "larger than download max size" in log  # the 50 MB page
    assert "/hang.html" in log and "TimeoutError" in log
    assert "'newsclean/dropped/not-html': 1" in log  # the JPEG served as text/html
    # The loop a -> b -> a ends at the duplicate filter (or, for longer loops, REDIRECT_MAX_TIMES).
    assert f"Redirecting (302) to <GET {server.origin}/loop/a.html>" in log
    assert "'dupefilter/filtered'" in log
    assert "lol" not in " ".join(server.requests)  # no entity was ever expanded into a URL
