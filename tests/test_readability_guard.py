"""The readability guard changes how fast trafilatura runs inside newsclean, never what it returns."""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura
import trafilatura.core

from newsclean.stages import body, readability_guard
from newsclean.stages.parse import parse

FIXTURES = sorted((Path(__file__).parent.parent / "fixtures").glob("html-*/page.html"))


def _blocks(html: bytes, guarded: bool) -> list[tuple[str, str]]:
    tree = parse(html.decode("utf-8", "replace"))
    if guarded:
        blocks = body.main_blocks(tree, None)
    else:  # the original comparison on every page: the guard never finds it cannot matter
        saved = readability_guard._cannot_change
        readability_guard._cannot_change = lambda *args: False  # type: ignore[assignment]
        try:
            blocks = body.main_blocks(tree, None)
        finally:
            readability_guard._cannot_change = saved  # type: ignore[assignment]
    return [(b.type, b.text) for b in blocks]


def test_guard_is_installed_on_the_pinned_version() -> None:
    assert trafilatura.__version__ == readability_guard.GUARDED_VERSION
    assert readability_guard.install()
    assert trafilatura.core.compare_extraction is readability_guard._compare_extraction


def test_same_blocks_with_and_without_the_guard_on_every_fixture() -> None:
    assert FIXTURES, "no fixture pages found"
    readability_guard.skipped.count = 0
    for path in FIXTURES:
        html = path.read_bytes()
        assert _blocks(html, True) == _blocks(html, False), path.parent.name
    # The guard did skip comparisons (else this test would prove nothing).
    assert readability_guard.skipped.count >= len(FIXTURES) // 4


def test_other_callers_of_trafilatura_get_the_original_comparison() -> None:
    calls = []
    saved = readability_guard._original
    assert saved is not None

    def counting(*args):  # type: ignore[no-untyped-def]
        calls.append(1)
        return saved(*args)

    readability_guard._original = counting
    try:
        paragraph = "<p>" + "A sentence of a story that runs on for a while, as stories do. " * 8 + "</p>"
        trafilatura.extract(f"<html><body><article>{paragraph * 3}</article></body></html>")
    finally:
        readability_guard._original = saved
    assert calls, "trafilatura.extract outside newsclean must run readability's comparison"


@pytest.mark.parametrize("focus", ["recall"])
def test_recall_focus_is_never_skipped(focus: str) -> None:
    class Options:
        min_extracted_size = 0

    options = Options()
    options.focus = focus  # type: ignore[attr-defined]
    assert not readability_guard._cannot_change(None, None, "x" * 1000, options)
