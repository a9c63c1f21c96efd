"""The command line, run as a user runs it: a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT
from tests.test_library import page


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsclean.cli", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=300)


def test_one_page_gives_pretty_json(tmp_path):
    (tmp_path / "a.html").write_text(page(), "utf-8")
    result = run("extract", str(tmp_path / "a.html"), "--url", "https://example.com/a")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["headline"] == "Harbour bridge reopens" and data["url"] == "https://example.com/a"
    assert result.stdout.startswith(b"{\n  ")


def test_batch_keeps_going_and_reports_each_failure(tmp_path):
    for index in range(5):
        (tmp_path / f"{index}-good.html").write_text(page().replace("Harbour", f"Harbour {index}"), "utf-8")
    (tmp_path / "2-bad.html").write_bytes(b"\xff\xd8\xff\xe0 not a page")
    (tmp_path / "4-empty.html").write_bytes(b"")
    result = run("extract", str(tmp_path), "-j", "2")
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["headline"] for d in lines] == [f"Harbour {i} bridge reopens" for i in range(5)]
    errors = result.stderr.decode().splitlines()
    assert any("2-bad.html: not-html" in line for line in errors)
    assert any("4-empty.html: empty" in line for line in errors)
    assert "5 of 7 pages extracted, 2 failed" in result.stderr.decode()


def test_text_is_detected_and_stdin_works():
    text = (
        "Storm closes the coastal road for two days\n\n"
        "Heavy rain and strong winds forced the authorities to close the coastal road on Sunday evening, police said.\n\n"
        "Repair crews expect to reopen one lane on Tuesday once the landslide near the lighthouse has been cleared."
    )
    result = run("extract", "-", stdin=text.encode())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["headline"] == "Storm closes the coastal road for two days"


def test_fixtures_check_passes_on_the_repository():
    result = run("fixtures", "check")
    assert result.returncode == 0, result.stdout.decode()[-3000:]
