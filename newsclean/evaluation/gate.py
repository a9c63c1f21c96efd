"""The quality gate: floors per corpus part and metric, kept in ``quality/floors.toml``.

A floor is the lowest value a figure may reach (news ROUGE and metadata rates in percent,
snippet scores as fractions); a key starting with ``max_`` is a ceiling instead (a count,
such as pages leaking a caption into the body, that must not grow). Floors only move up
on their own (:func:`raise_floors`); moving one down (:func:`lower_floor`) needs an
explicit ``--allow-lower`` on the command line and leaves a line in ``CHANGELOG.md``.

    python -m newsclean.evaluation.gate check [--corpus DIR]
    python -m newsclean.evaluation.gate raise [--corpus DIR]
    python -m newsclean.evaluation.gate lower PART METRIC VALUE --allow-lower --reason TEXT
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from newsclean.evaluation.corpus import REPO_ROOT, default_corpus_path
from newsclean.evaluation.metrics import METRICS, MetricSpec, find_spec
from newsclean.evaluation.runner import EvalResult, metrics_of, run_eval

Floors = dict[str, dict[str, float | int]]

DEFAULT_FLOORS = REPO_ROOT / "quality" / "floors.toml"
CEILING_PREFIX = "max_"
UNRELEASED = "## Unreleased"
CHANGELOG_TITLE = "# Changelog"
EPSILON = 1e-9
DECIMALS = {"percent": 1, "fraction": 3, "count": 0, "ms": 1}
HEADER = """\
# Quality floors of newsclean on the development corpus (../shared/corpus).
# tests/test_quality_gate.py fails when a figure measured on the corpus falls below its floor.
# Units: [news] body_* and metadata rates are percents (0-100, 1 decimal); [snippets] and [web] scores
# are fractions (0-1, 3 decimals). Keys starting with "max_" are ceilings (page counts).
# Raise to the measured values:  python -m newsclean.evaluation.gate raise
# Lower one (logged in CHANGELOG.md):
#   python -m newsclean.evaluation.gate lower PART METRIC VALUE --allow-lower --reason TEXT
"""


def load_floors(path: Path = DEFAULT_FLOORS) -> Floors:
    """Read the floors file; a missing file means no floors."""
    path = Path(path)
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {part: dict(values) for part, values in data.items() if isinstance(values, dict)}


def gate_key(spec: MetricSpec) -> str:
    """The floors-file key of a metric: its name, prefixed with ``max_`` for ceilings."""
    return spec.key if spec.higher_is_better else CEILING_PREFIX + spec.key


def spec_for_key(part: str, key: str) -> MetricSpec | None:
    """The gated metric that a floors-file key names, or None."""
    spec = find_spec(part, key.removeprefix(CEILING_PREFIX))
    if spec is None or not spec.gated or gate_key(spec) != key:
        return None
    return spec


def check(result: EvalResult, floors: Mapping[str, Mapping[str, float | int]]) -> list[str]:
    """The floors that newsclean's figures in ``result`` break, one message each.

    Parts of the floors file that ``result`` did not evaluate are not checked.
    """
    failures: list[str] = []
    for part, limits in floors.items():
        measured = metrics_of(result, part)
        if measured is None:
            continue
        for key, limit in limits.items():
            failure = _check_one(part, key, limit, measured)
            if failure:
                failures.append(failure)
    return failures


def _check_one(part: str, key: str, limit: float | int, measured: Mapping[str, Any]) -> str | None:
    """The failure message of one floor, or None when it holds."""
    spec = spec_for_key(part, key)
    if spec is None:
        return f"{part}.{key}: unknown metric in the floors file"
    value = measured.get(spec.key)
    if value is None:
        return f"{part}.{key}: not measured (floor {limit})"
    if spec.higher_is_better and value + EPSILON < limit:
        return f"{part}.{key} = {_show(spec, value)} is below its floor {limit}"
    if not spec.higher_is_better and value - EPSILON > limit:
        return f"{part}.{key} = {_show(spec, value)} is above its ceiling {limit}"
    return None


def _show(spec: MetricSpec, value: float) -> str:
    """A measured value with two more decimals than the floor (counts: as is), to show near misses."""
    return str(int(value)) if spec.unit == "count" else f"{value:.{DECIMALS[spec.unit] + 2}f}"


def pinned_value(spec: MetricSpec, value: float) -> float | int:
    """A measured value as a floor: rounded down (floors) or up (ceilings) to the unit's precision."""
    decimals = DECIMALS[spec.unit]
    scale = 10**decimals
    if spec.higher_is_better:
        pinned = math.floor(value * scale + EPSILON) / scale
    else:
        pinned = math.ceil(value * scale - EPSILON) / scale
    return int(pinned) if decimals == 0 else round(pinned, decimals)


def raise_floors(result: EvalResult, path: Path = DEFAULT_FLOORS) -> Floors:
    """Move every floor up to what ``result`` measured (never down) and rewrite the file.

    Ceilings move down the same way. Returns the floors written.
    """
    floors = load_floors(path)
    for spec in METRICS:
        measured = metrics_of(result, spec.part)
        if not spec.gated or measured is None or measured.get(spec.key) is None:
            continue
        key = gate_key(spec)
        new = pinned_value(spec, measured[spec.key])
        old = floors.setdefault(spec.part, {}).get(key)
        if old is None:
            floors[spec.part][key] = new
        else:
            floors[spec.part][key] = max(old, new) if spec.higher_is_better else min(old, new)
    write_floors(floors, path)
    return floors


def lower_floor(
    path: Path,
    part: str,
    metric: str,
    value: float,
    reason: str,
    *,
    changelog: Path | None = None,
) -> float | int:
    """Loosen one floor (or ceiling) to ``value`` and log it in the changelog; returns the old value.

    The changelog defaults to ``CHANGELOG.md`` in the folder above the floors file's folder
    (the repository root for ``quality/floors.toml``).
    """
    if not reason.strip():
        raise ValueError("a reason is required to lower a quality floor")
    spec = spec_for_key(part, metric)
    if spec is None:
        raise ValueError(f"{part}.{metric} is not a gated metric")
    floors = load_floors(path)
    old = floors.get(part, {}).get(metric)
    if old is None:
        raise ValueError(f"{part}.{metric} has no floor in {path}")
    new = int(value) if spec.unit == "count" else value
    if (spec.higher_is_better and new >= old) or (not spec.higher_is_better and new <= old):
        raise ValueError(f"{new} does not loosen {part}.{metric} (now {old}); use 'raise' to tighten")
    floors[part][metric] = new
    write_floors(floors, path)
    log = changelog if changelog is not None else Path(path).resolve().parent.parent / "CHANGELOG.md"
    append_changelog(log, f"- Quality floor lowered: {part}.{metric} {old} -> {new}: {reason.strip()}")
    return old


def write_floors(floors: Mapping[str, Mapping[str, float | int]], path: Path) -> None:
    """Write the floors file: known metrics in registry order, then any other keys as found."""
    lines = [HEADER.rstrip("\n")]
    known_parts = list(dict.fromkeys(spec.part for spec in METRICS))
    for part in [*known_parts, *(name for name in floors if name not in known_parts)]:
        values = floors.get(part)
        if not values:
            continue
        lines.extend(["", f"[{part}]"])
        lines.extend(f"{key} = {_toml_number(values[key])}" for key in _ordered_keys(part, values))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _ordered_keys(part: str, values: Mapping[str, Any]) -> list[str]:
    """The keys of one part: registry order first, then the rest in file order."""
    registry = [gate_key(spec) for spec in METRICS if spec.part == part and spec.gated]
    return [key for key in registry if key in values] + [key for key in values if key not in registry]


def _toml_number(value: float | int) -> str:
    """A number in TOML syntax (floats always carry a decimal point)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"floor values must be numbers, not {value!r}")
    return str(value) if isinstance(value, int) else repr(float(value))


def append_changelog(path: Path, entry: str) -> None:
    """Add ``entry`` at the end of the "## Unreleased" section, creating file or section if needed."""
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else [CHANGELOG_TITLE, ""]
    _ensure_unreleased(lines)
    start = next(i for i, line in enumerate(lines) if line.strip() == UNRELEASED) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    while end > start and not lines[end - 1].strip():
        end -= 1
    block = [entry]
    if end == start:
        block.insert(0, "")
    if end < len(lines) and lines[end].strip():
        block.append("")
    lines[end:end] = block
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def _ensure_unreleased(lines: list[str]) -> None:
    """Insert an empty "## Unreleased" section before the first release heading if there is none."""
    if UNRELEASED in (line.strip() for line in lines):
        return
    at = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
    block = [UNRELEASED, ""]
    if at > 0 and lines[at - 1].strip():
        block.insert(0, "")
    lines[at:at] = block


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser of ``python -m newsclean.evaluation.gate``."""
    parser = argparse.ArgumentParser(prog="python -m newsclean.evaluation.gate",
                                     description="Check, raise or lower newsclean's quality floors.")
    parser.add_argument("--floors", type=Path, default=DEFAULT_FLOORS, help="floors file (TOML)")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (("check", "measure newsclean and compare with the floors"),
                       ("raise", "measure newsclean and raise the floors to the measured values")):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("--corpus", type=Path, default=None, help="corpus root (default ../shared/corpus)")
    lower = commands.add_parser("lower", help="lower one floor (needs --allow-lower and --reason)")
    lower.add_argument("part")
    lower.add_argument("metric")
    lower.add_argument("value", type=float)
    lower.add_argument("--allow-lower", action="store_true", help="confirm that the floor may go down")
    lower.add_argument("--reason", required=True, help="why; recorded in CHANGELOG.md")
    lower.add_argument("--changelog", type=Path, default=None, help="changelog file (default: repo's)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the gate command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "lower":
        return _cmd_lower(args)
    corpus = args.corpus or default_corpus_path()
    if not corpus.is_dir():
        print(f"error: corpus not found at {corpus} (set NEWSCLEAN_CORPUS)", file=sys.stderr)
        return 2
    result = run_eval(corpus)
    if args.command == "raise":
        raise_floors(result, args.floors)
        print(f"floors written to {args.floors}")
        return 0
    failures = check(result, load_floors(args.floors))
    for failure in failures:
        print(failure)
    print("quality gate: " + ("FAILED" if failures else "passed"))
    return 1 if failures else 0


def _cmd_lower(args: argparse.Namespace) -> int:
    """The ``lower`` command: refuses unless ``--allow-lower`` is given."""
    if not args.allow_lower:
        print("error: lowering a quality floor needs --allow-lower (and is logged in CHANGELOG.md)",
              file=sys.stderr)
        return 2
    try:
        old = lower_floor(args.floors, args.part, args.metric, args.value, args.reason,
                          changelog=args.changelog)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{args.part}.{args.metric}: {old} -> {args.value:g} (logged in the changelog)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
