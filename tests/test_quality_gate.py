"""Quality gate: newsclean's scores on the development corpus must not fall below the floors.

The corpus is read from ``$NEWSCLEAN_CORPUS`` or ``../shared/corpus`` (relative to the
repository root) and never copied into the repository; without it these tests skip.
Floors live in ``quality/floors.toml`` (see ``python -m newsclean.evaluation.gate``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsclean.evaluation import EvalResult, run_eval
from newsclean.evaluation.corpus import ENV_VAR, find_parts
from newsclean.evaluation.gate import check, load_floors

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get(ENV_VAR) or REPO_ROOT.parent / "shared" / "corpus")
FLOORS = REPO_ROOT / "quality" / "floors.toml"


@pytest.fixture(scope="module")
def result() -> EvalResult:
    """newsclean (only) evaluated once on every corpus part found."""
    if not CORPUS.is_dir() or not find_parts(CORPUS):
        pytest.skip(f"evaluation corpus not found at {CORPUS} (set {ENV_VAR} to its path)")
    return run_eval(CORPUS)


@pytest.mark.parametrize("part", ["news", "snippets", "web"])
def test_quality_floors(result: EvalResult, part: str) -> None:
    if part not in result.parts:
        pytest.skip(f"corpus part {part!r} not found under {CORPUS}")
    floors = load_floors(FLOORS)
    assert floors.get(part), f"no floors for [{part}] in {FLOORS}"
    failures = check(result, {part: floors[part]})
    assert not failures, "quality floors broken:\n" + "\n".join(failures)
