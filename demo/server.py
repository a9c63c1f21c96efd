"""The demo news site's HTTP server: stdlib only, bound to 127.0.0.1, a random port by default.

It serves the static files of ``demo/site/`` (or another folder) with this contract:

- a path maps to a file; ``/`` and directories map to their ``index.html`` (a directory
  asked for without its trailing slash is 301-redirected to it, like real servers do);
- in ``.html``/``.xml``/``.txt`` files (and feeds: ``.rdf``/``.rss``/``.atom``) the
  placeholder ``{{BASE}}`` becomes the origin, ``http://127.0.0.1:PORT``;
- ``X.xml.gz``, when only ``X.xml`` exists, is the gzip of the templated ``X.xml``;
- ``routes.json``: ``{"redirects": {"/old": "/new"}, "slow": {"/path": seconds}}`` gives
  301 redirects and delayed answers;
- any other path is ``404.html`` with status 404;
- ``manifest.json`` (articles, non_articles, missing, redirects) is the tests' ground
  truth; it and ``routes.json`` are not served.

``scale=N`` adds N synthetic articles, ``/scaled/<i>.html`` (clones of the real articles
with distinct text), listed in ``/scaled-sitemap.xml`` and in robots.txt, for throughput
runs. Tests can add their own routes (callables taking the request handler).

Run it alone: ``python -m demo.server [--port 8000] [--scale 1000] [--root DIR]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import posixpath
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

DEMO_SITE = Path(__file__).resolve().parent / "site"
PLACEHOLDER = b"{{BASE}}"
TEMPLATED = frozenset({".html", ".htm", ".xml", ".txt", ".rdf", ".rss", ".atom"})
HIDDEN = frozenset({"/manifest.json", "/routes.json"})
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".rdf": "application/rdf+xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".json": "application/json",
    ".gz": "application/x-gzip",
    ".css": "text/css",
    ".js": "text/javascript",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}
SCALED_PAGE = re.compile(r"^/scaled/(\d+)\.html$")
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"

Route = Callable[[BaseHTTPRequestHandler], None]


@dataclass(frozen=True)
class Reply:
    """What the server answers for one path."""

    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None
    delay: float = 0.0


class DemoSite:
    """The files of a demo site folder, resolved to replies for one origin."""

    def __init__(self, root: Path, origin: str, scale: int = 0) -> None:
        self.root = root.resolve()
        self.origin = origin
        self.scale = scale
        routes = self._json("routes.json")
        self.redirects: dict[str, str] = dict(routes.get("redirects", {}))
        self.slow: dict[str, float] = {path: float(delay) for path, delay in routes.get("slow", {}).items()}
        self.manifest: dict[str, Any] = self._json("manifest.json")

    def _json(self, name: str) -> dict[str, Any]:
        path = self.root / name
        return json.loads(path.read_text("utf-8")) if path.is_file() else {}

    def reply(self, path: str) -> Reply:
        """The reply for a URL path (query string already removed)."""
        delay = self.slow.get(path, 0.0)
        if path in self.redirects:
            return Reply(301, location=self.origin + self.redirects[path], delay=delay)
        reply = self._scaled(path) if self.scale else None
        reply = reply or self._file(path)
        if delay:
            reply = Reply(reply.status, reply.body, reply.content_type, reply.location, delay)
        return reply

    def _file(self, path: str) -> Reply:
        file = self._locate(path)
        if file is not None and file.is_dir():
            return Reply(301, location=self.origin + path + "/")
        if file is not None and file.is_file():
            body = self._read(file)
            if path == "/robots.txt" and self.scale:
                body += f"\nSitemap: {self.origin}/scaled-sitemap.xml\n".encode()
            return Reply(200, body, content_type_of(path))
        if path.endswith(".xml.gz"):
            plain = self._locate(path[:-3])
            if plain is not None and plain.is_file():
                return Reply(200, gzip.compress(self._read(plain), mtime=0), CONTENT_TYPES[".gz"])
        return self.not_found()

    def not_found(self) -> Reply:
        """The site's 404 page (or a bare one), status 404."""
        page = self.root / "404.html"
        body = (
            self._read(page)
            if page.is_file()
            else b"<!DOCTYPE html><html><body><h1>Not found</h1></body></html>"
        )
        return Reply(404, body)

    def _locate(self, path: str) -> Path | None:
        """The file or folder a URL path names, never outside the root."""
        clean = posixpath.normpath(unquote(path))
        if path in HIDDEN or clean in HIDDEN or "\x00" in clean:
            return None
        target = (self.root / clean.lstrip("/")).resolve()
        if target != self.root and self.root not in target.parents:
            return None
        if target.is_dir() and path.endswith("/"):
            target = target / "index.html"
        return target if target.exists() else None

    def _read(self, file: Path) -> bytes:
        body = file.read_bytes()
        if file.suffix.lower() in TEMPLATED:
            body = body.replace(PLACEHOLDER, self.origin.encode())
        return body

    def _scaled(self, path: str) -> Reply | None:
        if path == "/scaled-sitemap.xml":
            locs = "".join(
                f"<url><loc>{self.origin}/scaled/{number}.html</loc></url>" for number in range(self.scale)
            )
            body = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{SITEMAP_NS}">{locs}</urlset>'
            return Reply(200, body.encode(), CONTENT_TYPES[".xml"])
        match = SCALED_PAGE.match(path)
        articles = self.manifest.get("articles", [])
        if not match or not articles or int(match.group(1)) >= self.scale:
            return None
        number = int(match.group(1))
        source = self._locate(articles[number % len(articles)])
        if source is None or not source.is_file():
            return None
        original = articles[number % len(articles)]
        return Reply(200, clone_article(self._read(source), number).replace(original.encode(), path.encode()))


@lru_cache(maxsize=64)
def content_type_of(path: str) -> str:
    """The Content-Type for a served path, by its extension (none: HTML)."""
    suffix = posixpath.splitext(path)[1].lower() or ".html"
    return CONTENT_TYPES.get(suffix, "application/octet-stream")


def clone_article(page: bytes, number: int) -> bytes:
    """A copy of an article page whose headline and paragraphs are marked with ``number``.

    The marks make every clone a story of its own to the pipeline: besides a mark at the
    end of the headline and of each paragraph, a numbered word after every fourth word
    leaves few word 3-grams in common with the original or another clone, so neither the
    exact fingerprint nor the near-duplicate filter (``newsclean.dedup``) drops them.
    (The server also points the clone's canonical URL at the clone's own path.)
    """
    mark = f" (Copy {number}.)".encode()
    page = re.sub(
        rb"(<h1\b[^>]*>)(.*?)(</h1>)",
        lambda m: m.group(1) + m.group(2) + mark + m.group(3),
        page,
        count=1,
        flags=re.S,
    )
    word = f"c{number}x".encode()

    def interleave(text: re.Match[bytes]) -> bytes:
        return _interleave(text.group(0).split(b" "), word)

    def paragraph(m: re.Match[bytes]) -> bytes:
        inner = re.sub(rb"(?<=>)[^<]+|^[^<]+", interleave, m.group(2))
        return m.group(1) + inner + mark + m.group(3)

    return re.sub(rb"(<p\b[^>]*>)(.*?)(</p>)", paragraph, page, flags=re.S)


def _interleave(words: list[bytes], word: bytes) -> bytes:
    """The words, with ``word`` after every fourth one."""
    out: list[bytes] = []
    for index, item in enumerate(words):
        out.append(item)
        if index % 4 == 3 and item:
            out.append(word)
    return b" ".join(out)


class DemoServer:
    """``with DemoServer() as server: server.origin`` -> ``http://127.0.0.1:PORT``.

    ``server.manifest`` is the site's ground truth, ``server.requests`` every path asked
    for, and ``server.routes`` extra handlers by path (they win over the files).
    """

    def __init__(
        self, root: Path = DEMO_SITE, *, port: int = 0, scale: int = 0, routes: dict[str, Route] | None = None
    ) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[str] = []
        self._httpd = _QuietServer(("127.0.0.1", port), _handler(self))
        self.origin = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self.site = DemoSite(Path(root), self.origin, scale=scale)
        self.manifest = self.site.manifest
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="demo-server", daemon=True)

    def __enter__(self) -> DemoServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._httpd.shutdown()
        self._httpd.server_close()

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted."""
        try:
            self._httpd.serve_forever()
        finally:
            self._httpd.server_close()


class _QuietServer(ThreadingHTTPServer):
    """Threads die with the process, and clients that hang up are not an error worth a traceback."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


def _handler(server: DemoServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "newsclean-demo/1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            path = urlsplit(self.path).path or "/"
            server.requests.append(path)
            if path in server.routes:
                server.routes[path](self)
                return
            reply = server.site.reply(path)
            if reply.delay:
                time.sleep(reply.delay)
            self.send_response(reply.status)
            if reply.location:
                self.send_header("Location", reply.location)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if send_body:
                self.wfile.write(reply.body)

    return Handler


def main(argv: list[str] | None = None) -> None:
    """Serve the demo site until Ctrl-C."""
    parser = argparse.ArgumentParser(
        prog="python -m demo.server", description="Serve the demo news site on 127.0.0.1."
    )
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument("--scale", type=int, default=0, help="also serve N synthetic articles under /scaled/")
    parser.add_argument(
        "--root", type=Path, default=DEMO_SITE, help="the site folder (default: demo/site)"
    )
    args = parser.parse_args(argv)
    server = DemoServer(args.root, port=args.port, scale=args.scale)
    print(f"serving {args.root} at {server.origin} (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
