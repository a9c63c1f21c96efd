"""Running engines over corpus parts and aggregating the per-page scores.

:func:`run_eval` is the entry point: it loads the corpus part(s) at a path, runs
``newsclean`` and any compared engines on every page (timing each call in CPU time),
scores the pages and aggregates them into an :class:`EvalResult`. An engine that raises
on a page produces an empty extraction for that page; the run always completes.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsclean.evaluation.corpus import CorpusPart, Page, load_corpus, news_gold_paragraphs, web_gold_paragraphs
from newsclean.evaluation.engines import DUMP_SOURCE_ENGINES, ENGINES, Extraction, engine_for, engines_for
from newsclean.evaluation.metrics import (
    score_news_page,
    score_snippet_metadata,
    score_snippet_page,
    score_web_page,
    snippet_totals,
)

PRIMARY_ENGINE = "newsclean"
NEWS_PERCENT_SCORES: tuple[str, ...] = ("body_precision", "body_recall", "body_f1")
NEWS_MATCH_SCORES: tuple[str, ...] = ("title", "authors", "date_day", "date_instant")
NEWS_IMAGE_SCORES: tuple[str, ...] = ("image_captions", "image_credits")
SNIPPET_MATCH_SCORES: tuple[str, ...] = ("title", "authors", "date_day")

#: A dump "loses" its article when less than this share of the gold body is recalled.
HALF = 0.5

Progress = Callable[[str, str, int, int], None]


@dataclass(slots=True)
class PageResult:
    """The scores of one engine on one page, its CPU time and error (if it raised)."""

    page_id: str
    engine: str
    ms: float
    scores: dict[str, Any]
    error: str | None = None
    paragraphs: tuple[str, ...] = ()
    refused: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready per-page record (without the extracted text)."""
        return {"id": self.page_id, "ms": round(self.ms, 3), "error": self.error, "scores": self.scores}


@dataclass(slots=True)
class PartResult:
    """All engines' results on one corpus part, with the aggregated metrics per engine."""

    kind: str
    path: Path
    engines: tuple[str, ...]
    pages: dict[str, list[PageResult]]
    metrics: dict[str, dict[str, Any]]
    urls: dict[str, str | None] = field(default_factory=dict)
    gold_paragraphs: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def page_count(self) -> int:
        """Number of pages evaluated."""
        return len(self.urls)


@dataclass(slots=True)
class EvalResult:
    """The result of :func:`run_eval`: one :class:`PartResult` per corpus part, keyed by kind."""

    engines: tuple[str, ...]
    parts: dict[str, PartResult]


def run_eval(
    path: Path,
    compare: Sequence[str] = (),
    limit: int | None = None,
    *,
    progress: Progress | None = None,
) -> EvalResult:
    """Evaluate newsclean (and the ``compare`` engines) on the corpus part(s) at ``path``.

    ``path`` is a corpus part (a folder with ``gold.json``) or a corpus root holding
    ``news/`` and/or ``snippets/``. ``limit`` caps the pages per part (first ids in order).
    ``progress(kind, engine, done, total)`` is called after every page if given.
    """
    engines = _engine_names(compare)
    parts: dict[str, PartResult] = {}
    for part in load_corpus(Path(path), limit):
        parts[part.kind] = evaluate_part(part, engines, progress=progress)
    return EvalResult(engines=engines, parts=parts)


def _engine_names(compare: Sequence[str]) -> tuple[str, ...]:
    """``newsclean`` followed by the distinct compared engines; unknown names are an error."""
    names = [PRIMARY_ENGINE]
    known = {**ENGINES, **engines_for("dumps")}
    for name in compare:
        if name not in known:
            raise ValueError(f"unknown engine {name!r}; known: {', '.join(sorted(known))}")
        if name not in names:
            names.append(name)
    return tuple(names)


def evaluate_part(
    part: CorpusPart, engines: Sequence[str], *, progress: Progress | None = None
) -> PartResult:
    """Run every engine over every page of ``part`` and aggregate the scores.

    Engines that cannot run on this kind of part (``raw`` on HTML pages) are left out.
    """
    engines = [engine for engine in engines if engine in engines_for(part.kind)]
    pages: dict[str, list[PageResult]] = {engine: [] for engine in engines}
    for index, page in enumerate(part.pages, start=1):
        html = page.html_bytes()
        for engine in engines:
            source = page.source_bytes() if engine in DUMP_SOURCE_ENGINES and part.kind == "dumps" else None
            pages[engine].append(_evaluate_page(part.kind, page, html if source is None else source, engine))
            if progress:
                progress(part.kind, engine, index, len(part.pages))
    aggregate = {"news": aggregate_news, "web": aggregate_web, "dumps": aggregate_dumps}.get(part.kind, aggregate_snippets)
    result = PartResult(
        kind=part.kind,
        path=part.path,
        engines=tuple(engines),
        pages=pages,
        metrics={engine: aggregate(results) for engine, results in pages.items()},
        urls={page.id: page.url for page in part.pages},
    )
    if part.kind in ("news", "web", "dumps"):
        gold_of = web_gold_paragraphs if part.kind == "web" else news_gold_paragraphs
        result.gold_paragraphs = {page.id: tuple(gold_of(page.gold)) for page in part.pages}
    return result


def _evaluate_page(kind: str, page: Page, html: bytes, engine: str) -> PageResult:
    """Run one engine on one page and score its output."""
    extraction, ms = _timed_extract(engine, kind, html, page.url)
    paragraphs = extraction.paragraphs
    if kind in ("news", "dumps"):
        scores = score_news_page(page.gold, extraction)
    elif kind == "web":
        scores = score_web_page(page.gold, extraction)
    else:
        scores = {**score_snippet_page(page.gold, extraction), **score_snippet_metadata(page.gold, extraction)}
    return PageResult(page.id, engine, ms, scores, extraction.error, paragraphs, extraction.refused)


def _timed_extract(engine: str, kind: str, html: bytes, url: str | None) -> tuple[Extraction, float]:
    """Run ``engine`` and measure its CPU time in ms; an exception yields an empty extraction."""
    started = time.process_time()
    try:
        extraction = engine_for(engine, kind)(html, url)
    except Exception as error:  # any engine failure counts as empty output
        extraction = Extraction(error=type(error).__name__)
    return extraction, (time.process_time() - started) * 1000.0


def aggregate_news(results: Sequence[PageResult]) -> dict[str, Any]:
    """Corpus-level news figures: mean ROUGE (percent), match rates (percent) with counts."""
    metrics: dict[str, Any] = {}
    for key in NEWS_PERCENT_SCORES:
        metrics[key] = 100.0 * _mean(page.scores[key] for page in results)
    for key in NEWS_MATCH_SCORES:
        metrics[key], metrics[f"{key}_n"] = _match_rate(results, key)
    leaks = [page.scores["caption_in_body"] for page in results if page.scores["caption_in_body"] is not None]
    metrics["captions_in_body"] = sum(leaks)
    metrics["captions_n"] = len(leaks)
    for key in NEWS_IMAGE_SCORES:  # mean share per page with such gold (percent)
        metrics[key], metrics[f"{key}_n"] = _match_rate(results, key)
    metrics.update(_common(results))
    return metrics


def aggregate_web(results: Sequence[PageResult]) -> dict[str, Any]:
    """Corpus-level web figures: mean shingle precision and recall, F1 of the means, losses."""
    precision = _mean(page.scores["precision"] for page in results)
    recall = _mean(page.scores["recall"] for page in results)
    metrics: dict[str, Any] = {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "refused_or_empty": sum(1 for page in results if page.refused or not page.paragraphs),
    }
    metrics.update(_common(results))
    return metrics


def aggregate_dumps(results: Sequence[PageResult]) -> dict[str, Any]:
    """The news figures, plus the pages that lost more than half of their gold body."""
    metrics = aggregate_news(results)
    metrics["half_lost"] = sum(1 for page in results if page.scores["body_recall"] < HALF)
    return metrics


def aggregate_snippets(results: Sequence[PageResult]) -> dict[str, Any]:
    """Corpus-level snippet figures: micro-averaged precision/recall/F1/accuracy and counts."""
    metrics: dict[str, Any] = dict(snippet_totals(page.scores for page in results))
    for key in SNIPPET_MATCH_SCORES:
        metrics[key], metrics[f"{key}_n"] = _match_rate(results, key)
    metrics.update(_common(results))
    return metrics


def _common(results: Sequence[PageResult]) -> dict[str, Any]:
    """Figures shared by both parts: pages, pages with no output, median CPU ms per page."""
    return {
        "pages": len(results),
        "errors": sum(1 for page in results if page.error),
        "refused": sum(1 for page in results if page.refused),
        "ms_per_page": statistics.median(page.ms for page in results) if results else 0.0,
    }


def _match_rate(results: Sequence[PageResult], key: str) -> tuple[float | None, int]:
    """Percentage of pages with a True score among pages where the score applies, and their
    count; for a per-page share (0..1), its mean as a percentage."""
    applicable = [page.scores[key] for page in results if page.scores.get(key) is not None]
    return (100.0 * sum(applicable) / len(applicable) if applicable else None), len(applicable)


def _mean(values: Any) -> float:
    """Mean of an iterable of numbers, 0 when empty."""
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def metrics_of(result: EvalResult, part: str, engine: str = PRIMARY_ENGINE) -> Mapping[str, Any] | None:
    """The aggregated metrics of ``engine`` on ``part``, or None when that part was not run."""
    part_result = result.parts.get(part)
    return part_result.metrics.get(engine) if part_result else None
