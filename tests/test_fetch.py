"""URLs on the command line, against a real HTTP server on 127.0.0.1 that the test starts."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.test_cli import jsonl, run
from tests.test_library import page

SEEN: list[tuple[str, str]] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", headers.pop("length", str(len(body))))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        SEEN.append((self.path, self.headers.get("User-Agent", "")))
        path = self.path
        if path == "/robots.txt":
            self.send(200, b"User-agent: *\nDisallow: /private\n", "text/plain")
        elif path in ("/story", "/private/story"):
            self.send(200, page().encode("cp1252").replace(b"Harbour bridge reopens</h1>", "Café bridge reopens</h1>".encode("cp1252")),
                      "text/html; charset=windows-1252")
        elif path == "/redirect":
            self.send(302, Location="/hop")
        elif path == "/hop":
            self.send(301, Location=f"http://127.0.0.1:{self.server.server_port}/story")
        elif path == "/to-file":
            self.send(302, Location="file:///etc/passwd")
        elif path in ("/loop-a", "/loop-b"):
            self.send(302, Location="/loop-b" if path == "/loop-a" else "/loop-a")
        elif path == "/image.png":
            self.send(200, b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png")
        elif path == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><p>first bytes")
            self.wfile.flush()
            time.sleep(4)
        elif path == "/huge":  # no Content-Length: the limit must apply while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/declared-huge":
            self.send(200, b"", length=str(10**9))
        else:
            self.send(404, b"<html><body><h1>Not found</h1></body></html>")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_one_url_is_fetched_with_its_headers_and_a_clear_user_agent(server):
    SEEN.clear()
    result = run("extract", f"{server}/story")
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)  # one input: pretty JSON
    assert article["headline"] == "Café bridge reopens"  # the charset came from the HTTP header
    assert article["url"] == f"{server}/story"
    assert ("/robots.txt", SEEN[0][1]) == SEEN[0] and SEEN[0][1].startswith("newsclean/")
    assert all(agent.startswith("newsclean/") for _path, agent in SEEN)


def test_every_failure_is_an_error_line_and_the_rest_is_fetched(server):
    SEEN.clear()
    names = ["redirect", "loop-a", "missing", "stall", "huge", "declared-huge", "image.png", "private/story", "to-file"]
    started = time.monotonic()
    result = run("extract", *[f"{server}/{n}" for n in names], "--timeout", "1", "--max-bytes", "2000000", "-j", "1")
    elapsed = time.monotonic() - started
    assert result.returncode == 1
    lines = jsonl(result.stdout)
    assert [line["source"] for line in lines] == [f"{server}/{n}" for n in names]
    by = {n: line for n, line in zip(names, lines, strict=True)}
    assert by["redirect"]["headline"] == "Café bridge reopens" and by["redirect"]["url"] == f"{server}/story"
    reasons = {n: by[n]["error"]["reason"] for n in names[1:]}
    assert reasons == {"loop-a": "too-many-redirects", "missing": "http-status", "stall": "timeout", "huge": "too-large",
                       "declared-huge": "too-large", "image.png": "not-html", "private/story": "robots-denied",
                       "to-file": "fetch-failed"}
    assert "redirect loop" in by["loop-a"]["error"]["message"] and "404" in by["missing"]["error"]["message"]
    assert "only http and https" in by["to-file"]["error"]["message"] and "root:" not in result.stdout.decode()
    assert [p for p, _ in SEEN].count("/robots.txt") == 1  # once per site and run
    assert elapsed < 20
    assert "1 of 9 pages extracted, 8 failed" in result.stderr.decode()


def test_no_robots_fetches_what_robots_txt_forbids(server):
    SEEN.clear()
    result = run("extract", f"{server}/private/story", "--no-robots")
    assert result.returncode == 0, result.stderr
    assert [p for p, _ in SEEN] == ["/private/story"]


def test_too_many_redirects_is_bounded(server):
    result = run("extract", f"{server}/redirect", "--max-redirects", "1")
    assert result.returncode == 1
    assert json.loads(result.stdout)["error"]["reason"] == "too-many-redirects"
