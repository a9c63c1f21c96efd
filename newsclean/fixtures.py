"""Fixture cases: a page plus its expected canonical JSON, for regression tests.

A case is a folder holding ``page.html`` (or ``page.txt`` for a text dump), ``case.toml``
(url, HTTP headers, what the case is about, human-written ``[check]`` assertions) and
``expected.json`` (the canonical output, produced by the code and reviewed by a person).
The same functions serve the project's ``fixtures/`` and a user's own folder.
"""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from newsclean.canonical import dumps
from newsclean.config import Config
from newsclean.errors import ExtractionError
from newsclean.pipeline import extract
from newsclean.text import clean_text

INPUT_NAMES = ("page.html", "page.txt")


@dataclass
class Case:
    """One fixture folder."""

    path: Path
    input: Path
    url: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    about: str = ""
    check: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def expected_path(self) -> Path:
        return self.path / "expected.json"

    @property
    def is_text(self) -> bool:
        return self.input.suffix == ".txt"


def load_case(path: Path) -> Case:
    """Read one case folder."""
    source = next((path / n for n in INPUT_NAMES if (path / n).exists()), None)
    if source is None:
        raise FileNotFoundError(f"{path}: no page.html or page.txt")
    meta: dict[str, Any] = {}
    for name in ("case.toml", "case.json"):
        if (path / name).exists():
            raw = (path / name).read_bytes()
            meta = tomllib.loads(raw.decode("utf-8")) if name.endswith(".toml") else json.loads(raw)
            break
    return Case(
        path=path,
        input=source,
        url=meta.get("url"),
        headers={str(k): str(v) for k, v in (meta.get("headers") or {}).items()},
        about=meta.get("about", ""),
        check=meta.get("check", {}) | ({"error": meta["error"]} if "error" in meta else {}),
    )


def load_cases(root: Path, names: Iterable[str] = ()) -> list[Case]:
    """All cases under ``root`` (sorted), or only the named ones."""
    wanted = set(names)
    cases = [load_case(p) for p in sorted(root.iterdir()) if p.is_dir() and any((p / n).exists() for n in INPUT_NAMES)]
    if wanted:
        missing = wanted - {c.name for c in cases}
        if missing:
            raise FileNotFoundError(f"no such case: {', '.join(sorted(missing))}")
        cases = [c for c in cases if c.name in wanted]
    return cases


def run(case: Case, config: Config | None = None) -> dict[str, Any]:
    """The canonical output of a case: the article dict, or ``{"error": ..., "reason": ...}``."""
    data = case.input.read_bytes()
    try:
        if case.is_text:
            article = clean_text(data, url=case.url, config=config)
        else:
            article = extract(data, url=case.url, headers=case.headers or None, config=config)
    except ExtractionError as error:
        return {"error": type(error).__name__, "reason": error.reason}
    return article.to_dict()


def render(output: dict[str, Any]) -> bytes:
    """The bytes stored in ``expected.json``."""
    return dumps(output, indent=True)


def diff(expected: bytes, actual: bytes, name: str = "expected.json") -> str:
    """A readable diff: one section per changed field, long texts split one block per line."""
    try:
        old, new = json.loads(expected), json.loads(actual)
    except ValueError:
        old, new = {}, {}
    if not isinstance(old, dict) or not isinstance(new, dict):
        return _unified(expected.decode(errors="replace"), actual.decode(errors="replace"), name)
    parts: list[str] = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) == new.get(key) or key == "articleBody":
            continue
        parts.append(f"--- field {key!r} ---")
        parts.append(_unified(_field_lines(old.get(key)), _field_lines(new.get(key)), key))
    return "\n".join(parts) if parts else ""


def _field_lines(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(json.dumps(item, ensure_ascii=False, sort_keys=True) for item in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _unified(old: str, new: str, label: str) -> str:
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), f"expected {label}", f"actual {label}", lineterm="", n=1)
    return "\n".join(lines)


def check(case: Case, output: dict[str, Any]) -> list[str]:
    """The case's human-written ``[check]`` assertions that the output breaks.

    Each problem starts with the name of the check key it comes from (``headline: ...``).
    """
    return [f"{key}: {message}" for key, message in check_by_key(case, output)]


def known_failures(case: Case) -> set[str]:
    """Check keys listed in ``[check] known_failures``: limits we know of, kept visible."""
    return set(case.check.get("known_failures", []))


def check_by_key(case: Case, output: dict[str, Any]) -> list[tuple[str, str]]:
    """The broken assertions as ``(check key, message)`` pairs."""
    want = case.check
    problems: list[tuple[str, str]] = []
    if "error" in want:
        if output.get("error") != want["error"]:
            problems.append(("error", f"expected error {want['error']}, got {output.get('error') or 'an article'}"))
        return problems
    if "error" in output:
        return [("error", f"expected an article, got {output['error']}")]
    body = output["articleBody"]
    for key in ("headline", "alternativeHeadline", "inLanguage"):
        if key in want and output.get(key) != want[key]:
            problems.append((key, f"expected {want[key]!r}, got {output.get(key)!r}"))
    names = [person["name"] for person in output["authors"]]  # schema 1.1: Person objects
    if "authors" in want and names != list(want["authors"]):
        problems.append(("authors", f"expected {want['authors']!r}, got {names!r}"))
    if "datePublished" in want and not (output.get("datePublished") or "").startswith(want["datePublished"]):
        problems.append(("datePublished", f"expected {want['datePublished']!r}..., got {output.get('datePublished')!r}"))
    if "body_starts_with" in want and not body.startswith(want["body_starts_with"]):
        problems.append(("body_starts_with", f"body should start with {want['body_starts_with']!r}, starts {body[:80]!r}"))
    if "body_ends_with" in want and not body.endswith(want["body_ends_with"]):
        problems.append(("body_ends_with", f"body should end with {want['body_ends_with']!r}, ends {body[-80:]!r}"))
    problems += [("body_contains", f"body lacks {s!r}") for s in want.get("body_contains", []) if s not in body]
    everything = json.dumps({k: v for k, v in output.items() if k not in ("images", "removed", "description")}, ensure_ascii=False)
    problems += [("body_lacks", f"boilerplate leaked: {s!r}") for s in want.get("body_lacks", []) if s in body or s in everything.replace("\\n", " ")]
    captions = [image.get("caption") for image in output["images"]]
    for caption in want.get("captions", []):
        if captions.count(caption) != 1:
            problems.append(("captions", f"caption {caption!r} should be in images exactly once, found {captions.count(caption)} times"))
        if caption in body:
            problems.append(("captions", f"caption {caption!r} leaked into the body"))
    credits = [image.get("credit") for image in output["images"]]
    problems += [("credits", f"credit {c!r} missing from images") for c in want.get("credits", []) if c not in credits]
    return problems


def outcomes(cases: Iterable[Case], config: Config | None = None) -> Iterator[tuple[Case, bytes, bytes | None]]:
    """Each case with its actual bytes and its stored expected bytes (None if missing)."""
    for case in cases:
        actual = render(run(case, config))
        expected = case.expected_path.read_bytes() if case.expected_path.exists() else None
        yield case, actual, expected


def new_case(root: Path, name: str, source: Path, url: str | None = None, about: str = "") -> Case:
    """Create a case folder from a page file and write its expected output."""
    folder = root / name
    if folder.exists():
        raise FileExistsError(f"{folder} already exists")
    folder.mkdir(parents=True)
    target = folder / ("page.txt" if source.suffix == ".txt" else "page.html")
    target.write_bytes(source.read_bytes())
    lines = [f"about = {json.dumps(about or 'describe what this case is about')}"]
    if url:
        lines.append(f"url = {json.dumps(url)}")
    (folder / "case.toml").write_text("\n".join(lines) + "\n\n[check]\n", encoding="utf-8")
    case = load_case(folder)
    case.expected_path.write_bytes(render(run(case)))
    return case
