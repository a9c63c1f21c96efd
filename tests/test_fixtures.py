"""Every fixture case, byte for byte against its reviewed expected.json, plus its human checks.

On a mismatch the failure shows a field-by-field diff. If the change is intended, review
it and accept it with `newsclean fixtures update CASE`.
"""

from __future__ import annotations

import pytest

from newsclean import fixtures
from newsclean.canonical import dumps
from tests.conftest import FIXTURES

CASES = fixtures.load_cases(FIXTURES) if FIXTURES.exists() else []


def test_there_are_enough_cases():
    html = [c for c in CASES if not c.is_text]
    text = [c for c in CASES if c.is_text]
    assert len(html) >= 40, f"only {len(html)} HTML cases"
    assert len(text) >= 11, f"only {len(text)} text cases"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case, validate):
    output = fixtures.run(case)
    if "error" not in output:
        validate(output)
    known = fixtures.known_failures(case)
    problems = fixtures.check_by_key(case, output)
    unexpected = [f"{key}: {message}" for key, message in problems if key not in known]
    assert not unexpected, f"{case.name} ({case.about}):\n  " + "\n  ".join(unexpected)
    fixed = known - {key for key, _ in problems}
    assert not fixed, f"{case.name}: known failure(s) {sorted(fixed)} now pass: remove them from [check] known_failures"
    actual = fixtures.render(output)
    assert case.expected_path.exists(), f"{case.name}: no expected.json; review and run `newsclean fixtures update {case.name}`"
    expected = case.expected_path.read_bytes()
    if actual != expected:
        pytest.fail(
            f"{case.name} output changed; review, then `newsclean fixtures update {case.name}`:\n"
            + fixtures.diff(expected, actual),
            pytrace=False,
        )


@pytest.mark.parametrize("case", CASES[::7], ids=[c.name for c in CASES[::7]])
def test_same_input_same_bytes(case):
    first = dumps(fixtures.run(case))
    second = dumps(fixtures.run(case))
    assert first == second


def test_diff_is_readable_field_by_field():
    old = dumps({"headline": "A", "blocks": [{"type": "paragraph", "text": "one"}, {"type": "paragraph", "text": "two"}]}, indent=True)
    new = dumps({"headline": "A", "blocks": [{"type": "paragraph", "text": "one"}, {"type": "paragraph", "text": "Sign up!"}]}, indent=True)
    text = fixtures.diff(old, new)
    assert "--- field 'blocks' ---" in text
    assert '-{"text": "two", "type": "paragraph"}' in text
    assert '+{"text": "Sign up!", "type": "paragraph"}' in text
    assert "headline" not in text
