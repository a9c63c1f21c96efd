"""Shared test helpers: repository paths and the schema validator."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from newsclean.canonical import schema

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = ROOT.parent / "shared" / "seed" / "article-dump.txt"


@pytest.fixture(scope="session")
def validate():
    """Validate a canonical article dict against the shipped JSON Schema."""
    validator = jsonschema.Draft202012Validator(schema())

    def check(data: dict) -> None:
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])

    return check
