"""The command line, run as a user runs it: a real subprocess."""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

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
    names = sorted(p.name for p in tmp_path.iterdir())
    assert [Path(d["source"]).name for d in lines] == names  # one line per input, in input order
    assert [d["headline"] for d in lines if "error" not in d] == [f"Harbour {i} bridge reopens" for i in range(5)]
    failed = {Path(d["source"]).name: d["error"] for d in lines if "error" in d}
    assert failed["2-bad.html"]["reason"] == "not-html" and failed["4-empty.html"]["reason"] == "empty"
    assert all(e["message"] for e in failed.values())
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


def jsonl(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.splitlines()]


def test_a_directory_of_one_file_gives_json_lines_with_source(tmp_path):
    (tmp_path / "a.html").write_text(page(), "utf-8")
    result = run("extract", str(tmp_path))
    assert result.returncode == 0, result.stderr
    [line] = jsonl(result.stdout)
    assert line["source"] == str(tmp_path / "a.html") and line["headline"] == "Harbour bridge reopens"


@pytest.mark.parametrize(
    ("args", "words"),
    [(["-j", "0"], "at least 1"), (["-j", "-3"], "at least 1"), (["-j", "x"], "whole number"), (["SECOND", "--url", "https://e.com/a"], "--url applies to one"),
     (["DIR", "--url", "https://e.com/a"], "--url applies to one"), (["--url", "e.com/a"], "http(s) URL"), (["--timeout", "0"], "more than 0"),
     (["--format", "xml"], "invalid choice"), (["--lang", "english!"], "language codes"), (["--dask", "nowhere"], "scheduler address")],
)
def test_usage_errors_exit_2(tmp_path, args, words):
    (tmp_path / "a.html").write_text(page(), "utf-8")
    args = [str(tmp_path) if a == "DIR" else str(tmp_path / "a.html") if a == "SECOND" else a for a in args]
    result = run("extract", str(tmp_path / "a.html"), *args)
    assert result.returncode == 2 and words in result.stderr.decode(), result.stderr


def test_every_option_of_every_command_has_help():
    from newsclean.cli import _parser

    def walk(parser: argparse.ArgumentParser, path: str) -> Iterator[tuple[str, argparse.Action]]:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    yield from walk(child, f"{path} {name}")
            else:
                yield path, action

    missing = [f"{path}: {action.dest}" for path, action in walk(_parser(), "newsclean") if not action.help]
    assert not missing
    result = run("extract", "--help")
    assert result.returncode == 0 and b"exit status: 0 all inputs ok, 1 some inputs failed, 2 usage error" in result.stdout


def test_output_file_and_formats(tmp_path):
    html = page("<h2>Traffic</h2><ul><li>Buses return on Monday.</li><li>Trams return on Tuesday.</li></ul><blockquote>We are glad, the mayor said.</blockquote>"
                "<figure><img src='/bridge.jpg' alt='The bridge'><figcaption>The bridge at dawn. Photo: Jane Roe</figcaption></figure>")
    (tmp_path / "a.html").write_text(html, "utf-8")
    out = tmp_path / "out.md"
    result = run("extract", str(tmp_path / "a.html"), "--url", "https://example.com/a", "--format", "markdown", "-o", str(out))
    assert result.returncode == 0 and result.stdout == b"", result.stderr
    text = out.read_text("utf-8")
    assert text.startswith("# Harbour bridge reopens\n")
    assert "\n## Traffic\n" in text and "\n- Buses return on Monday.\n- Trams return on Tuesday.\n" in text
    assert "\n> We are glad, the mayor said.\n" in text
    assert "![The bridge](https://example.com/bridge.jpg)\n*The bridge at dawn. (Jane Roe)*" in text
    plain = run("extract", str(tmp_path / "a.html"), "--format", "text").stdout.decode()
    assert plain.startswith("Harbour bridge reopens\n\nThe city council voted") and "<" not in plain and "#" not in plain


def test_language_filter_keeps_only_the_wanted_languages(tmp_path):
    (tmp_path / "en.html").write_text(page(), "utf-8")
    # A German page in German words: the declared language counts only when the text agrees.
    german = (
        "<html lang='de'><head><title>Hafenbrücke wieder offen</title></head><body><article><h1>Hafenbrücke wieder offen</h1>"
        + "<p>Die Brücke über den Hafen ist nach zwei Jahren Bauzeit wieder für den Verkehr freigegeben worden, "
        "teilte die Stadt am Montag mit, und die ersten Busse fuhren schon am Morgen darüber.</p>" * 3
        + "</article></body></html>"
    )
    (tmp_path / "de.html").write_text(german, "utf-8")
    result = run("extract", str(tmp_path), "--lang", "de")
    assert result.returncode == 0, result.stderr
    assert [Path(d["source"]).name for d in jsonl(result.stdout)] == ["de.html"]
    assert "1 filtered by language" in result.stderr.decode()
    env_run = subprocess.run([sys.executable, "-m", "newsclean.cli", "extract", str(tmp_path)], capture_output=True, cwd=ROOT, timeout=60,
                             env={**os.environ, "NEWSCLEAN_LANGUAGES": "en,fr"})
    assert [Path(d["source"]).name for d in jsonl(env_run.stdout)] == ["en.html"]


def test_corrupt_and_truncated_gzip_are_error_lines_and_a_gzip_bomb_is_not_inflated(tmp_path):
    good = gzip.compress(page().encode())
    (tmp_path / "1-truncated.html.gz").write_bytes(good[: len(good) // 2])
    corrupt = bytearray(good)
    corrupt[20:40] = b"\xff" * 20
    (tmp_path / "2-corrupt.html.gz").write_bytes(bytes(corrupt))
    with gzip.open(tmp_path / "3-bomb.html.gz", "wb", compresslevel=9) as bomb:  # 400 MB of spaces in ~400 KB
        chunk = b" " * (1 << 20)
        bomb.write(b"<html><body><p>")
        for _ in range(400):
            bomb.write(chunk)
    (tmp_path / "4-good.html.gz").write_bytes(good)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = run("extract", str(tmp_path), "-j", "1")
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    assert result.returncode == 1
    lines = {Path(d["source"]).name: d for d in jsonl(result.stdout)}
    assert lines["1-truncated.html.gz"]["error"]["reason"] == "corrupt-archive"
    assert lines["2-corrupt.html.gz"]["error"]["reason"] == "corrupt-archive"
    assert lines["3-bomb.html.gz"]["error"]["reason"] == "too-large"
    assert lines["4-good.html.gz"]["headline"] == "Harbour bridge reopens"
    assert peak_mb < 300, f"peak RSS {peak_mb:.0f} MB: the bomb was inflated"
    assert b"Traceback" not in result.stderr
    assert "1 of 4 pages extracted, 3 failed" in result.stderr.decode()


def test_unreadable_directories_and_dangling_links_are_error_lines(tmp_path):
    # Root ignores permission bits (os.access says yes), so the batch also treats a
    # directory with no read bit at all as unreadable; the dangling symlink fails for everyone.
    (tmp_path / "a.html").write_text(page(), "utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.html").write_text(page(), "utf-8")
    (tmp_path / "z-link.html").symlink_to(tmp_path / "missing.html")
    locked.chmod(0)
    try:
        result = run("extract", str(tmp_path))
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1
    lines = {Path(d["source"]).name: d for d in jsonl(result.stdout)}
    assert lines["a.html"]["headline"] == "Harbour bridge reopens"
    assert lines["locked"]["error"]["reason"] == "unreadable"
    assert lines["z-link.html"]["error"]["reason"] == "unreadable"
    assert "hidden.html" not in lines
    assert "1 of 3 pages extracted, 2 failed" in result.stderr.decode()


def test_fixtures_new_inflates_a_gzipped_page(tmp_path):
    source = tmp_path / "story.html.gz"
    source.write_bytes(gzip.compress(page().encode()))
    result = run("fixtures", "new", "story", str(source), "--url", "https://example.com/a", "--dir", str(tmp_path / "fx"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "fx" / "story" / "page.html").read_text("utf-8") == page()
    assert json.loads((tmp_path / "fx" / "story" / "expected.json").read_bytes())["headline"] == "Harbour bridge reopens"


def _killing_process(marker: Path):
    from newsclean import batch

    original = batch.process

    def process(task, options):
        if "poison" in task.source:
            os.kill(os.getpid(), signal.SIGKILL)  # dies on every attempt
        if "once" in task.source:
            try:
                os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
                os.kill(os.getpid(), signal.SIGKILL)  # dies on the first attempt only
            except FileExistsError:
                pass
        return original(task, options)

    return process


def test_a_killed_worker_is_replaced_its_input_retried_once_then_reported(tmp_path, monkeypatch, capsys):
    from newsclean import batch, cli

    pages = tmp_path / "pages"
    pages.mkdir()
    names = [f"{i:03d}.html" for i in range(40)]
    names[7], names[23] = "007-once.html", "023-poison.html"
    for name in names:
        (pages / name).write_text(page().replace("Harbour", f"Harbour {name}"), "utf-8")
    # Worker processes are forked from this one, so they run the patched function: a
    # real SIGKILL of a real worker, in the middle of the batch.
    monkeypatch.setattr(batch, "process", _killing_process(tmp_path / "killed-once"))
    out = tmp_path / "out.jsonl"
    status = cli.main(["extract", str(pages), "-j", "2", "-o", str(out)])
    stderr = capsys.readouterr().err
    assert status == 1
    lines = jsonl(out.read_bytes())
    assert [Path(d["source"]).name for d in lines] == names  # nothing lost, nothing twice, in order
    assert (tmp_path / "killed-once").exists()
    by_name = {Path(d["source"]).name: d for d in lines}
    assert by_name["007-once.html"]["headline"] == "Harbour 007-once.html bridge reopens"
    assert by_name["023-poison.html"]["error"]["reason"] == "worker-died"
    assert "signal 9" in by_name["023-poison.html"]["error"]["message"]
    assert "Traceback" not in stderr and "39 of 40 pages extracted, 1 failed" in stderr


def test_progress_bar_on_request_and_json_array_for_several_inputs(tmp_path):
    for index in range(3):
        (tmp_path / f"{index}.html").write_text(page(), "utf-8")
    (tmp_path / "bad.html").write_bytes(b"")
    quiet = run("extract", str(tmp_path), "--format", "json")
    assert b"page/s" not in quiet.stderr  # stderr is not a terminal: no bar unless asked
    records = json.loads(quiet.stdout)
    assert [Path(r["source"]).name for r in records] == ["0.html", "1.html", "2.html", "bad.html"]
    assert records[-1]["error"]["reason"] == "empty" and quiet.returncode == 1
    shown = run("extract", str(tmp_path), "--progress")
    assert b"4/4" in shown.stderr and b"page/s" in shown.stderr
    assert shown.stderr.decode().rstrip().splitlines()[-1] == "newsclean: 3 of 4 pages extracted, 1 failed"
