"""Property tests: arbitrary and mutated input never breaks the contract.

For any input, extract() and clean_text() either raise an ExtractionError subclass that
is not an InternalError (a page error with a documented reason, never our own bug) or
return an Article whose JSON validates against the schema, and the same input always
gives the same bytes. Seeded from the fixture pages; a fixed number of examples in CI.
``test_the_checker_sees_crashes`` proves that a bug inside the pipeline fails them.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import fixtures
from tests.conftest import FIXTURES

CASES = fixtures.load_cases(FIXTURES) if FIXTURES.exists() else []
HTML_SEEDS = [c.input.read_bytes() for c in CASES if not c.is_text][:12] or [b"<html><body><p>seed</p></body></html>"]
TEXT_SEEDS = [c.input.read_text("utf-8", errors="replace") for c in CASES if c.is_text][:6] or ["seed text"]

PROFILE = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TAGS = st.sampled_from(["<p>", "</p>", "<div class='newsletter'>", "</div>", "<figure><figcaption>", "</figcaption></figure>",
                        "<h1>", "</h1>", "<script>", "</script>", "<![CDATA[", "<!--", "-->", "&amp;", "&#0;", "\x00", "\ufeff"])


@st.composite
def mutated_html(draw) -> bytes:
    """A fixture page with slices cut, duplicated or replaced by random bytes and tags."""
    page = bytearray(draw(st.sampled_from(HTML_SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        if not page:
            break
        start = draw(st.integers(0, len(page) - 1))
        end = min(len(page), start + draw(st.integers(0, 400)))
        action = draw(st.sampled_from(["cut", "dup", "bytes", "tag"]))
        if action == "cut":
            del page[start:end]
        elif action == "dup":
            page[start:start] = page[start:end]
        elif action == "bytes":
            page[start:end] = draw(st.binary(max_size=64))
        else:
            page[start:start] = draw(TAGS).encode()
    return bytes(page)


def _contract(run, validate) -> None:
    try:
        first = run()
    except newsclean.InternalError as error:  # a bug, whatever the input: fail, with its cause
        raise AssertionError(f"internal error: {error.__cause__!r}") from error
    except newsclean.ExtractionError as error:
        assert error.reason and error.reason != "internal-error"
        return
    validate(first.to_dict())
    assert run().to_json() == first.to_json()


@PROFILE
@given(data=mutated_html())
def test_mutated_html_keeps_the_contract(data, validate):
    _contract(lambda: newsclean.extract(data, url="https://example.com/x"), validate)


@PROFILE
@given(data=st.binary(max_size=3000))
def test_random_bytes_keep_the_contract(data, validate):
    _contract(lambda: newsclean.extract(data), validate)


@PROFILE
@given(text=st.text(max_size=3000))
def test_random_html_text_keeps_the_contract(text, validate):
    _contract(lambda: newsclean.extract("<html><body><article><h1>T</h1><p>" + text + "</p></article></body></html>"), validate)


@PROFILE
@given(seed=st.sampled_from(TEXT_SEEDS), cuts=st.lists(st.tuples(st.integers(0, 4000), st.integers(0, 300)), max_size=5),
       noise=st.text(max_size=200))
def test_mutated_text_keeps_the_contract(seed, cuts, noise, validate):
    text = seed
    for start, length in cuts:
        text = text[:start] + noise + text[start + length:]
    _contract(lambda: newsclean.clean_text(text), validate)


def test_the_checker_sees_crashes(validate, monkeypatch):
    """Fault injection: with a bug in an internal function every property test must fail."""

    def broken(*args, **kwargs):
        raise TypeError("injected bug")

    # pipeline.py and text.py import clean_blocks by name, so patch it where it is used.
    monkeypatch.setattr("newsclean.pipeline.clean_blocks", broken)
    monkeypatch.setattr("newsclean.text.clean_blocks", broken)
    seed = HTML_SEEDS[0]
    with pytest.raises(AssertionError, match="injected bug"):
        _contract(lambda: newsclean.extract(seed, url="https://example.com/x"), validate)
    with pytest.raises(TypeError, match="injected bug"):  # clean_text has no wrapper: the bug surfaces as itself
        _contract(lambda: newsclean.clean_text(TEXT_SEEDS[0]), validate)
    quick = settings(PROFILE, max_examples=5, phases=[Phase.explicit, Phase.generate])  # no shrinking: seconds, not minutes
    runs = (
        (test_mutated_html_keeps_the_contract, {"data": mutated_html()}),
        (test_random_html_text_keeps_the_contract, {"text": st.text(min_size=200, max_size=3000)}),
        (test_mutated_text_keeps_the_contract, {"seed": st.sampled_from(TEXT_SEEDS), "cuts": st.just([]), "noise": st.just("")}),
    )
    for test, strategies in runs:
        with pytest.raises((AssertionError, TypeError), match="injected bug"):
            quick(given(**strategies)(test.hypothesis.inner_test))(validate=validate)
    monkeypatch.undo()
    _contract(lambda: newsclean.extract(seed, url="https://example.com/x"), validate)  # and passes again without the patch
