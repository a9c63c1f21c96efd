"""WARC input: a WARC the test writes itself from the demo site's pages, with the records
that real archives hold (request, revisit, non-HTML, warcinfo) and the damage they suffer
(a corrupt gzip member in the middle, a truncated last record)."""

from __future__ import annotations

import gzip
import json
import shutil
import uuid
from pathlib import Path

import newsclean
from tests.conftest import ROOT
from tests.test_cli import jsonl, run

DEMO = ROOT / "demo" / "site" / "news"
DATE = "2026-03-14T08:15:00Z"


def warc_record(kind: str, uri: str, block: bytes, record_id: str, *, length: int | None = None, extra: str = "") -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {record_id}\r\nWARC-Date: {DATE}\r\nWARC-Target-URI: {uri}\r\n{extra}"
            f"Content-Type: application/http; msgtype={'request' if kind == 'request' else 'response'}\r\n"
            f"Content-Length: {len(block) if length is None else length}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def http_response(body: bytes, ctype: str = "text/html; charset=utf-8") -> bytes:
    return f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body


def demo_pages(limit: int | None = None) -> list[tuple[str, bytes]]:
    paths = sorted(p for p in DEMO.glob("*/*.html") if p.name != "index.html")[:limit]
    return [(f"https://demo.example/news/{p.parent.name}/{p.name}", p.read_bytes()) for p in paths]


def rid(n: int) -> str:
    return f"<urn:uuid:{uuid.UUID(int=n)}>"


def write_warc(path: Path, pages: list[tuple[str, bytes]], *, damaged: bool = True) -> list[tuple[str, str]]:
    """A .warc.gz of one gzip member per record; returns the (url, record id) of the pages expected out."""
    members: list[bytes] = [gzip.compress(warc_record("warcinfo", "", b"software: newsclean tests\r\n", rid(0)))]
    expected: list[tuple[str, str]] = []
    for n, (url, body) in enumerate(pages, start=1):
        members.append(gzip.compress(warc_record("request", url, f"GET {url} HTTP/1.1\r\n\r\n".encode(), rid(10_000 + n))))
        members.append(gzip.compress(warc_record("response", url, http_response(body), rid(n))))
        expected.append((url, rid(n)))
        if n == 2:
            members.append(gzip.compress(warc_record("response", "https://demo.example/logo.png", http_response(b"\x89PNG\r\n\x1a\n" + b"0" * 64, "image/png"), rid(20_001))))
            members.append(gzip.compress(warc_record("revisit", url, b"HTTP/1.1 200 OK\r\n\r\n", rid(20_002),
                                                     extra="WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n")))
        if damaged and n == 3:
            broken = bytearray(gzip.compress(warc_record("response", "https://demo.example/broken", http_response(pages[0][1]), rid(20_003))))
            broken[40:90] = b"\x00" * 50  # a corrupt gzip member between good ones
            members.append(bytes(broken))
    if damaged:
        block = http_response(pages[0][1])
        members.append(gzip.compress(warc_record("response", "https://demo.example/truncated", block, rid(20_004), length=len(block) + 500)))
    path.write_bytes(b"".join(members))
    return expected


def test_read_warc_yields_the_html_responses_with_their_headers(tmp_path):
    pages = demo_pages(4)
    write_warc(tmp_path / "demo.warc.gz", pages)
    problems: list[newsclean.ExtractionError] = []
    got = list(newsclean.read_warc(tmp_path / "demo.warc.gz", on_error=problems.append))
    assert [(url, body) for url, _headers, body in got] == pages
    assert all(headers["Content-Type"] == "text/html; charset=utf-8" for _url, headers, _body in got)
    assert sorted(p.reason for p in problems) == ["corrupt-archive", "corrupt-archive"]
    article = newsclean.extract(got[0][2], url=got[0][0], headers=got[0][1])
    assert article.headline and article.url == pages[0][0]


def test_cli_writes_one_line_per_record_and_reports_the_damage(tmp_path):
    pages = demo_pages(6)
    expected = write_warc(tmp_path / "demo.warc.gz", pages)
    (tmp_path / "after.html").write_bytes(pages[0][1])  # a later input is still processed
    result = run("extract", str(tmp_path / "demo.warc.gz"), str(tmp_path / "after.html"))
    assert result.returncode == 1
    lines = jsonl(result.stdout)
    articles = [line for line in lines if "error" not in line]
    assert [(a["url"], a["warcRecordId"]) for a in articles[:-1]] == expected
    assert all(a["source"] == str(tmp_path / "demo.warc.gz") and a["warcDate"] == DATE and a["headline"] for a in articles[:-1])
    assert articles[-1]["source"] == str(tmp_path / "after.html")
    errors = [line for line in lines if "error" in line]
    assert [e["error"]["reason"] for e in errors] == ["corrupt-archive", "corrupt-archive"]
    assert "truncated" in errors[1]["error"]["message"] and errors[1]["warcTargetUri"] == "https://demo.example/truncated"
    assert lines.index(errors[0]) == 3  # in file order: after the third page
    stderr = result.stderr.decode()
    assert f"{len(pages) + 1} of {len(pages) + 3} pages extracted, 2 failed" in stderr
    assert "WARC records skipped: 1 non-html, 1 other, 6 request, 1 revisit" in stderr


def test_a_warc_is_detected_by_content_too(tmp_path):
    pages = demo_pages(2)
    write_warc(tmp_path / "demo.warc.gz", pages, damaged=False)
    shutil.copy(tmp_path / "demo.warc.gz", tmp_path / "crawl.dat")
    result = run("extract", str(tmp_path / "crawl.dat"))
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["url"] for line in result.stdout.splitlines()] == [url for url, _ in pages]
