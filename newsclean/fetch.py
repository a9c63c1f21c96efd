"""Fetch one page over HTTP(S) for the command line, politely and within bounds.

    page = fetch("https://example.com/story")      # -> Fetched(url, status, headers, body)
    newsclean.extract(page.body, url=page.url, headers=page.headers)

- a clear ``User-Agent`` naming newsclean and its version;
- a connect/read timeout per socket operation *and* a total deadline, so a server that
  trickles one byte a second cannot hold a batch forever;
- redirects followed by hand, at most ``max_redirects``, loops detected, only to
  ``http``/``https``; robots.txt checked again for every hop;
- the size limit applied while reading: the body is never read past ``max_bytes``;
- robots.txt honoured by default (a missing robots.txt allows everything, 401/403
  forbids everything, as RFC 9309 says).

Failures raise :class:`~newsclean.FetchError` (reasons in
:data:`~newsclean.errors.FETCH_REASONS`), :class:`~newsclean.DocumentTooLargeError`
for a body over the limit and :class:`~newsclean.NotHTMLError` for a response that is
not HTML or text. Standard library only (``urllib``).
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from newsclean.errors import DocumentTooLargeError, FetchError, NotHTMLError
from newsclean.stages.decode import MAX_BYTES
from newsclean.version import __version__

USER_AGENT = f"newsclean/{__version__} (+https://pypi.org/project/newsclean/; article extraction)"
ROBOTS_MAX_BYTES = 512 * 1024  # Google reads the first 500 KiB of a robots.txt
CHUNK = 64 * 1024
# Content types extract() can use; anything else is refused before the body is read.
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


@dataclass(frozen=True)
class FetchOptions:
    """How :func:`fetch` behaves; the CLI's ``--timeout``, ``--no-robots`` etc."""

    timeout: float = 10.0  # seconds per connect / read
    deadline: float = 30.0  # seconds for the whole page, redirects included
    max_redirects: int = 5
    max_bytes: int = MAX_BYTES
    robots: bool = True
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Fetched:
    """A fetched page: the final URL (after redirects), status, headers and body."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # we follow redirects ourselves, counted and robots-checked


_OPENER = urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))
_ROBOTS: dict[str, urllib.robotparser.RobotFileParser] = {}  # per process: one robots.txt fetch per site and run


def fetch(url: str, options: FetchOptions | None = None, *, robots_cache: dict[str, urllib.robotparser.RobotFileParser] | None = None) -> Fetched:
    """Fetch ``url`` (see the module docstring for the rules); raises on any failure."""
    options = options or FetchOptions()
    robots_cache = _ROBOTS if robots_cache is None else robots_cache
    start = time.monotonic()
    seen: list[str] = []
    current = url
    while True:
        _check_scheme(current)
        if current in seen:
            raise FetchError(f"redirect loop: {' -> '.join([*seen, current])}", url=url, reason="too-many-redirects")
        if len(seen) > options.max_redirects:
            raise FetchError(f"more than {options.max_redirects} redirects", url=url, reason="too-many-redirects")
        seen.append(current)
        if options.robots and not _allowed(current, options, robots_cache, start):
            raise FetchError(f"robots.txt forbids {current} (use --no-robots to fetch it anyway)", url=url, reason="robots-denied")
        status, headers, response = _open(current, options, start)
        try:
            if status in (301, 302, 303, 307, 308):
                location = headers.get("Location")
                if not location:
                    raise FetchError(f"HTTP {status} without Location", url=url, reason="http-status")
                current = urljoin(current, location)
                continue
            if status >= 400:
                raise FetchError(f"HTTP {status} for {current}", url=url, reason="http-status")
            kind = headers.get("Content-Type", "").split(";")[0].strip().lower()
            if kind and not kind.startswith(TEXT_TYPES):
                raise NotHTMLError(f"the server sent {kind}, not HTML", url=url)
            length = headers.get("Content-Length", "")
            if length.isdigit() and int(length) > options.max_bytes:
                raise DocumentTooLargeError(f"Content-Length {length} exceeds the limit of {options.max_bytes} bytes", url=url)
            body = _read(response, options.max_bytes, options, start, url)
            return Fetched(current, status, headers, body)
        finally:
            response.close()


def _check_scheme(url: str) -> None:
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {url!r}", url=url, reason="fetch-failed")


def _remaining(options: FetchOptions, start: float, url: str) -> float:
    left = options.deadline - (time.monotonic() - start)
    if left <= 0:
        raise FetchError(f"gave up after {options.deadline:g} s", url=url, reason="timeout")
    return min(options.timeout, left)


def _open(url: str, options: FetchOptions, start: float) -> tuple[int, dict[str, str], Any]:
    request = urllib.request.Request(url, headers={"User-Agent": options.user_agent, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                                                   "Accept-Encoding": "identity"})
    try:
        response = _OPENER.open(request, timeout=_remaining(options, start, url))
    except urllib.error.HTTPError as error:  # 3xx (not followed by urllib) and 4xx/5xx
        return error.code, dict(error.headers.items()), error
    except TimeoutError as error:
        raise FetchError(f"timed out connecting: {error}", url=url, reason="timeout") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"timed out connecting: {error.reason}", url=url, reason="timeout") from error
        raise FetchError(f"cannot fetch: {error.reason}", url=url, reason="fetch-failed") from error
    except (OSError, ValueError) as error:  # malformed URL, connection reset, bad status line
        raise FetchError(f"cannot fetch: {error}", url=url, reason="fetch-failed") from error
    return response.status, dict(response.headers.items()), response


def _read(response: Any, limit: int, options: FetchOptions, start: float, url: str) -> bytes:
    """The body, never more than ``limit`` bytes read, within the deadline."""
    parts: list[bytes] = []
    size = 0
    sock = _socket_of(response)
    while True:
        if sock is not None:
            sock.settimeout(_remaining(options, start, url))
        try:
            chunk = response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK)
        except TimeoutError as error:
            raise FetchError(f"the body stalled (no data for {options.timeout:g} s)", url=url, reason="timeout") from error
        except OSError as error:
            raise FetchError(f"reading the body failed: {error}", url=url, reason="fetch-failed") from error
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > limit:
            raise DocumentTooLargeError(f"body exceeds the limit of {limit} bytes", url=url)
        parts.append(chunk)
        _remaining(options, start, url)


def _socket_of(response: object) -> socket.socket | None:
    raw = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    return raw if isinstance(raw, socket.socket) else None


def _allowed(url: str, options: FetchOptions, cache: dict[str, urllib.robotparser.RobotFileParser], start: float) -> bool:
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    parser = cache.get(origin)
    if parser is None:
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        robots_options = FetchOptions(timeout=options.timeout, deadline=options.deadline, max_redirects=options.max_redirects,
                                      max_bytes=ROBOTS_MAX_BYTES, robots=False, user_agent=options.user_agent)
        try:
            status, _headers, response = _open(origin + "/robots.txt", robots_options, start)
            try:
                body = _read(response, ROBOTS_MAX_BYTES, robots_options, start, url) if status < 300 else b""
            finally:
                response.close()
        except DocumentTooLargeError:
            status, body = 200, b""
        except FetchError:
            status, body = 404, b""  # unreachable robots.txt: treated as absent
        if status in (401, 403):
            parser.disallow_all = True  # type: ignore[attr-defined]
        elif status >= 300:
            parser.allow_all = True  # type: ignore[attr-defined]
        else:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
        cache[origin] = parser
    return parser.can_fetch(options.user_agent, url)
