"""A small HTTP server for the demo site (and for tests): 127.0.0.1 only, stdlib only.

Serves :func:`spiders.demo.site.build` pages, 301s the redirect routes, delays the slow
page, answers unknown paths with the 404 page. Extra routes (for hostile-input tests)
can be added as callables.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from spiders.demo.site import Site, build

Route = Callable[[BaseHTTPRequestHandler], None]


class DemoServer:
    """``with DemoServer() as server: server.origin`` -> ``http://127.0.0.1:PORT``."""

    def __init__(self, port: int = 0, scale: int = 0, routes: dict[str, Route] | None = None) -> None:
        self.routes = dict(routes or {})
        self.requests: list[str] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self.site: Site = build(self.origin, scale=scale)
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="demo-server", daemon=True)

    def __enter__(self) -> DemoServer:
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                server.requests.append(path)
                if path in server.routes:
                    server.routes[path](self)
                    return
                manifest = server.site.manifest
                if path in manifest["redirects"]:
                    self.send_response(301)
                    self.send_header("Location", server.origin + manifest["redirects"][path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if path in manifest["slow"]:
                    time.sleep(manifest["slow"][path])
                page = server.site.pages.get(path) or server.site.pages["/404.html"]
                status = page.status if path in server.site.pages else 404
                self.send_response(status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(page.body)))
                self.end_headers()
                self.wfile.write(page.body)

        return Handler
