"""Presenting an :class:`~newsclean.evaluation.runner.EvalResult`: table, JSON, worse-page diffs.

- :func:`format_table`: engines side by side (rows = metrics, columns = engines), ROUGE and
  metadata rates in percent with 1 decimal, snippet scores with 3 decimals.
- :func:`write_json`: every figure plus the per-page scores.
- :func:`worse_pages`: pages of every part where newsclean's F1 trails trafilatura's by
  more than a margin (10 points), with the gold text newsclean missed, the extra text it
  kept, and what it removed by which rule.
- :func:`main`: ``python -m newsclean.evaluation DIR --compare trafilatura --json OUT --worse``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from newsclean.evaluation.corpus import Page, load_part
from newsclean.evaluation.metrics import MetricSpec, metric_specs
from newsclean.evaluation.rouge import tokenize
from newsclean.evaluation.runner import PRIMARY_ENGINE, EvalResult, PageResult, PartResult, run_eval

COMPARED_ENGINE = "trafilatura"
DEFAULT_MARGIN = 10.0
SNIPPET_LENGTH = 100
MAX_DIFF_LINES = 8
LABEL_WIDTH = 34
COLUMN_WIDTH = 16
DECIMALS = {"percent": 1, "fraction": 3, "ms": 1, "count": 0}


def format_table(result: EvalResult) -> str:
    """A plain-text table per corpus part: one row per metric, one column per engine."""
    blocks = [_part_table(part) for part in result.parts.values()]
    legend = "(n) = pages the figure applies to; captions: pages where a gold caption leaked into the body"
    return "\n\n".join([*blocks, legend]) + "\n"


def _part_table(part: PartResult) -> str:
    """The table of one corpus part."""
    header = f"{part.kind}: {part.page_count} pages ({part.path})"
    lines = [header, _row("metric", part.engines), "-" * (LABEL_WIDTH + COLUMN_WIDTH * len(part.engines))]
    for spec in metric_specs(part.kind):
        cells = [_cell(spec, part.metrics[engine]) for engine in part.engines]
        lines.append(_row(spec.label, cells))
    return "\n".join(lines)


def _row(label: str, cells: Sequence[str]) -> str:
    """One aligned table row."""
    return label.ljust(LABEL_WIDTH) + "".join(cell.rjust(COLUMN_WIDTH) for cell in cells)


def _cell(spec: MetricSpec, metrics: dict[str, Any]) -> str:
    """A formatted figure, with its denominator when the metric has one."""
    text = format_value(spec, metrics.get(spec.key))
    if spec.count_key and spec.count_key in metrics:
        text += f" ({metrics[spec.count_key]})"
    return text


def format_value(spec: MetricSpec, value: float | int | None) -> str:
    """A figure with the number of decimals its unit calls for."""
    if value is None:
        return "-"
    decimals = DECIMALS[spec.unit]
    return f"{value:.{decimals}f}" if decimals else str(int(value))


def result_to_dict(result: EvalResult) -> dict[str, Any]:
    """Every figure and the per-page scores as a JSON-ready dict."""
    return {
        "engines": list(result.engines),
        "parts": {kind: _part_dict(part) for kind, part in result.parts.items()},
    }


def _part_dict(part: PartResult) -> dict[str, Any]:
    """JSON-ready dict of one corpus part."""
    return {
        "path": str(part.path),
        "pages": part.page_count,
        "metrics": part.metrics,
        "per_page": {engine: [page.to_dict() for page in pages] for engine, pages in part.pages.items()},
    }


def write_json(result: EvalResult, path: Path) -> None:
    """Write :func:`result_to_dict` to ``path`` as indented UTF-8 JSON."""
    text = json.dumps(result_to_dict(result), ensure_ascii=False, indent=2, sort_keys=True)
    Path(path).write_text(text + "\n", encoding="utf-8")


def worse_pages(result: EvalResult, margin: float = DEFAULT_MARGIN) -> str:
    """Pages where newsclean's F1 is more than ``margin`` points below trafilatura's, every part.

    F1 is the page's body ROUGE-LSum (news), shingle F1 (web) or snippet F1 (snippets).
    Each page shows the gold text newsclean missed, the text it kept that gold does not
    have, and what newsclean removed, by rule (a second, explaining run of that page).
    """
    sections = []
    for part in result.parts.values():
        if COMPARED_ENGINE not in part.engines:
            sections.append(f"worse pages on {part.kind}: needs --compare {COMPARED_ENGINE}")
            continue
        pairs = zip(part.pages[PRIMARY_ENGINE], part.pages[COMPARED_ENGINE], strict=True)
        worse = [(ours, theirs) for ours, theirs in pairs if page_gap(part.kind, ours, theirs) > margin]
        worse.sort(key=lambda pair: (-page_gap(part.kind, *pair), pair[0].page_id))
        share = 100.0 * len(worse) / part.page_count if part.page_count else 0.0
        lines = [f"{len(worse)} {part.kind} pages ({share:.1f} %) where newsclean's F1 trails {COMPARED_ENGINE} "
                 f"by more than {margin:g} points"]
        for ours, theirs in worse:
            lines.extend(_page_diff(part, ours, theirs))
        sections.append("\n".join(lines))
    return "\n\n".join(sections) + "\n"


def page_f1(kind: str, page: PageResult) -> float:
    """A page's F1 in 0..1: body ROUGE-LSum (news), shingle F1 (web), snippet F1 (snippets)."""
    if kind == "news":
        return float(page.scores["body_f1"])
    if kind == "web":
        return float(page.scores["f1"])
    tp, fp, fn = (page.scores.get(key, 0) for key in ("tp", "fp", "fn"))
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def page_gap(kind: str, ours: PageResult, theirs: PageResult) -> float:
    """How many F1 points (0..100) newsclean trails the compared engine on a page."""
    return 100.0 * (page_f1(kind, theirs) - page_f1(kind, ours))


def _page_diff(part: PartResult, ours: PageResult, theirs: PageResult) -> list[str]:
    """The diff lines of one page: gold paragraphs missing from newsclean, extra paragraphs kept."""
    gold = part.gold_paragraphs.get(ours.page_id, ())
    url = unquote(part.urls.get(ours.page_id) or "")
    head = (f"\n== {ours.page_id}  newsclean F1 {100 * page_f1(part.kind, ours):.1f}  "
            f"{COMPARED_ENGINE} F1 {100 * page_f1(part.kind, theirs):.1f}  {url}")
    lines = [head.rstrip()]
    if ours.error:
        lines.append(f"   newsclean raised {ours.error}")
    if gold:
        lines.extend(_listing("missing (gold, not in newsclean)", _not_contained(gold, ours.paragraphs)))
        lines.extend(_listing("extra (newsclean, not in gold)", _not_contained(ours.paragraphs, gold)))
    else:
        lines.extend(_listing(f"in {COMPARED_ENGINE}, not in newsclean", _not_contained(theirs.paragraphs, ours.paragraphs)))
    lines.extend(_removed_by_rule(part, ours.page_id))
    return lines


def _removed_by_rule(part: PartResult, page_id: str) -> list[str]:
    """What newsclean removed from the page, grouped by rule (from an explaining run)."""
    import newsclean

    page = _pages_of(part.path).get(page_id)
    if page is None:
        return []
    config = newsclean.Config(require_article=part.kind != "snippets")
    try:
        removed = newsclean.extract(page.html_bytes(), url=page.url, explain=True, config=config).removed or ()
    except newsclean.ExtractionError as error:
        return [f"   explain: {type(error).__name__}: {error.message}"]
    by_rule: dict[str, list[str]] = {}
    for item in removed:
        by_rule.setdefault(item.rule, []).append(item.text)
    lines = []
    for rule, texts in sorted(by_rule.items(), key=lambda kv: -sum(len(t) for t in kv[1])):
        chars = sum(len(t) for t in texts)
        lines.append(f"   removed by {rule}: {len(texts)} ({chars} chars), e.g. {_shorten(texts[0])}")
    return lines[:MAX_DIFF_LINES]


@lru_cache(maxsize=4)
def _pages_of(path: Path) -> dict[str, Page]:
    """The pages of an evaluated part by id (re-read from its folder, for the explaining run)."""
    return {page.id: page for page in load_part(path).pages}


def _not_contained(paragraphs: Sequence[str], other: Sequence[str]) -> list[str]:
    """The paragraphs whose word sequence does not occur in the text of ``other``."""
    haystack = " " + " ".join(token for text in other for token in tokenize(text)) + " "
    missing = []
    for paragraph in paragraphs:
        needle = " ".join(tokenize(paragraph))
        if needle and f" {needle} " not in haystack:
            missing.append(paragraph)
    return missing


def _listing(title: str, paragraphs: Sequence[str]) -> list[str]:
    """A titled, shortened list of paragraphs (at most :data:`MAX_DIFF_LINES`)."""
    if not paragraphs:
        return []
    lines = [f"   {title}: {len(paragraphs)}"]
    lines.extend(f"     - {_shorten(text)}" for text in paragraphs[:MAX_DIFF_LINES])
    if len(paragraphs) > MAX_DIFF_LINES:
        lines.append(f"     ... and {len(paragraphs) - MAX_DIFF_LINES} more")
    return lines


def _shorten(text: str) -> str:
    """One line of at most :data:`SNIPPET_LENGTH` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET_LENGTH else flat[: SNIPPET_LENGTH - 1] + "…"


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser of ``python -m newsclean.evaluation``."""
    parser = argparse.ArgumentParser(prog="python -m newsclean.evaluation",
                                     description="Score newsclean (and other engines) on a gold corpus.")
    parser.add_argument("path", type=Path, help="corpus root (news/, snippets/, web/) or one corpus part")
    parser.add_argument("--compare", action="append", default=[], metavar="ENGINE",
                        help="also run this engine (repeatable or comma-separated), e.g. trafilatura")
    parser.add_argument("--limit", type=int, default=None, help="evaluate at most N pages per part")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT", help="write all figures to OUT")
    parser.add_argument("--worse", action="store_true",
                        help="list pages where newsclean trails trafilatura by more than --margin (always with --compare trafilatura)")
    parser.add_argument("--margin", type=float, default=DEFAULT_MARGIN, help="F1 points for --worse")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation from the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    compare = [name.strip() for item in args.compare for name in item.split(",") if name.strip()]
    if args.worse and COMPARED_ENGINE not in compare:
        compare.append(COMPARED_ENGINE)
    args.worse = args.worse or COMPARED_ENGINE in compare
    try:
        result = run_eval(args.path, compare=compare, limit=args.limit)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(format_table(result))
    if args.json:
        write_json(result, args.json)
    if args.worse:
        sys.stdout.write("\n" + worse_pages(result, args.margin))
    return 0
