"""Per-page scoring rules and the table of corpus-level metrics.

Web pages are scored like the Zyte article-extraction benchmark: 4-gram shingles of
``\\w+`` tokens, per-page precision and recall, their means over the pages, F1 of the means.
News pages are scored on the body (ROUGE-LSum against the gold paragraphs), the title,
the author set, the publication date and leaked image captions; snippet pages on which
``with``/``without`` snippets occur in the body. :data:`METRICS` lists every aggregate
figure with its unit and direction, for the report table and the quality gate.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from newsclean.evaluation.corpus import gold_strings, news_gold_captions, news_gold_paragraphs, web_gold_paragraphs
from newsclean.evaluation.engines import Extraction
from newsclean.evaluation.rouge import rouge_lsum, tokenize

Unit = Literal["percent", "fraction", "count", "ms"]

_DATE_PART = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
_UTC_SUFFIX = re.compile(r"[Zz]$")


@dataclass(frozen=True, slots=True)
class MetricSpec:
    """A corpus-level figure: where it belongs, how to show it, and whether the gate watches it.

    ``higher_is_better`` is None for figures with no quality direction (timings, counts of
    errors). ``count_key`` names the per-part denominator shown next to the value.
    """

    part: str
    key: str
    label: str
    unit: Unit
    higher_is_better: bool | None = True
    gated: bool = True
    count_key: str | None = None


def _body(part: str, measure: str) -> tuple[MetricSpec, ...]:
    """Precision, recall and F1 of the body against the gold body."""
    return tuple(MetricSpec(part, f"body_{key}", f"body {measure} {key.replace('f1', 'F1')} (%)", "percent")
                 for key in ("precision", "recall", "f1"))


def _fields(part: str) -> tuple[MetricSpec, ...]:
    """The metadata matches a part's gold has: title, authors, day of publication."""
    return (
        MetricSpec(part, "title", "title exact match (%)", "percent", count_key="title_n"),
        MetricSpec(part, "authors", "author set match (%)", "percent", count_key="authors_n"),
        MetricSpec(part, "date_day", "date same day (%)", "percent", count_key="date_day_n"),
    )


def _run(part: str) -> tuple[MetricSpec, ...]:
    """Not quality: pages that gave no output and the time they took (never gated)."""
    return (
        MetricSpec(part, "errors", "pages with no output", "count", None, gated=False),
        MetricSpec(part, "ms_per_page", "ms/page (median CPU)", "ms", None, gated=False),
    )


METRICS: tuple[MetricSpec, ...] = (
    *_body("news", "ROUGE-LSum"),
    *_fields("news"),
    MetricSpec("news", "date_instant", "date same instant (%)", "percent", count_key="date_instant_n"),
    MetricSpec("news", "captions_in_body", "pages with a caption in body", "count", False, count_key="captions_n"),
    MetricSpec("news", "image_captions", "gold captions an image gives (%)", "percent", count_key="image_captions_n"),
    MetricSpec("news", "image_credits", "gold credits an image gives (%)", "percent", count_key="image_credits_n"),
    *_run("news"),
    MetricSpec("news", "refused", "pages refused (NoArticleError)", "count", False, gated=False),
    *_body("dumps", "ROUGE-LSum"),
    *_fields("dumps"),
    MetricSpec("dumps", "half_lost", "pages losing > half the gold body", "count", False),
    *_run("dumps"),
    *(MetricSpec("snippets", key, f"snippet {key.replace('f1', 'F1')}", "fraction") for key in ("precision", "recall", "f1", "accuracy")),
    *_fields("snippets"),
    *_run("snippets"),
    MetricSpec("web", "precision", "body shingle precision (mean)", "fraction"),
    MetricSpec("web", "recall", "body shingle recall (mean)", "fraction"),
    MetricSpec("web", "f1", "body shingle F1 (of the means)", "fraction"),
    MetricSpec("web", "refused_or_empty", "pages refused or empty", "count", False),
    MetricSpec("web", "refused", "pages refused (NoArticleError)", "count", None, gated=False),
    *_run("web"),
)


def metric_specs(part: str) -> list[MetricSpec]:
    """The metric specs of one corpus part, in display order."""
    return [spec for spec in METRICS if spec.part == part]


def find_spec(part: str, key: str) -> MetricSpec | None:
    """The spec of ``part.key``, or None."""
    return next((spec for spec in METRICS if spec.part == part and spec.key == key), None)


def normalize_ws(text: str | None) -> str:
    """NFC-normalise, collapse all whitespace runs to single spaces and strip."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def parse_date(value: str | None) -> tuple[str | None, datetime | None]:
    """The ``YYYY-MM-DD`` date part of an ISO-like string and, if it has an offset, the instant."""
    if not value:
        return None, None
    match = _DATE_PART.match(value)
    day = match.group(1) if match else None
    try:
        moment = datetime.fromisoformat(_UTC_SUFFIX.sub("+00:00", value.strip()))
    except ValueError:
        return day, None
    return day, (moment if moment.tzinfo is not None else None)


def score_news_page(gold: Mapping[str, Any], extraction: Extraction) -> dict[str, Any]:
    """All per-page news scores; metadata entries are None when the gold has no value."""
    rouge = rouge_lsum(news_gold_paragraphs(gold), extraction.paragraphs)
    scores: dict[str, Any] = {
        "body_precision": rouge.precision,
        "body_recall": rouge.recall,
        "body_f1": rouge.f1,
        "title": _title_match(gold.get("title"), extraction.title),
        "authors": _authors_match(gold.get("authors"), extraction.authors),
    }
    scores.update(_date_scores(gold.get("published"), extraction.date))
    scores["caption_in_body"] = _caption_in_body(news_gold_captions(gold), extraction.body)
    scores.update(_image_scores(gold, extraction.images))
    return scores


def _image_scores(gold: Mapping[str, Any], images: Sequence[tuple[str | None, str | None]] | None) -> dict[str, float | None]:
    """Share of the page's gold captions that an image's caption gives, and of its gold
    credits that the credit of that image gives (None: no such gold, or an engine that
    reports no images).

    A caption is found when the extracted one holds it (a credit may follow) or is most of
    it; a credit when every name the gold lists for it is in the extracted credit.
    """
    pictures = [image for image in gold.get("images") or () if isinstance(image, Mapping)]
    if images is None:
        return {"image_captions": None, "image_credits": None}
    extracted = [(_folded(caption), _folded(credit)) for caption, credit in images]
    captions = [_folded(text) for text in news_gold_captions(gold)]
    found = [any(_same_caption(text, caption) for caption, _ in extracted) for text in captions]
    credits: list[bool] = []
    for picture in pictures:
        names = [_folded(name) for name in gold_strings(picture.get("authors")) if _folded(name)]
        if not names:
            continue
        caption = _folded(picture.get("caption") if isinstance(picture.get("caption"), str) else None)
        own = [credit for text, credit in extracted if caption and _same_caption(caption, text)]
        candidates = own or [credit for _, credit in extracted]
        credits.append(any(all(name in credit for name in names) for credit in candidates if credit))
    return {
        "image_captions": sum(found) / len(found) if found else None,
        "image_credits": sum(credits) / len(credits) if credits else None,
    }


def _folded(text: str | None) -> str:
    """Lower case, words only, single spaces: how captions and credits are compared."""
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFC", text or "").casefold()))


def _same_caption(gold: str, extracted: str) -> bool:
    return bool(gold and extracted) and (gold in extracted or (extracted in gold and len(extracted) >= 0.8 * len(gold)))


def _title_match(gold: str | None, extracted: str | None) -> bool | None:
    """Exact title match after whitespace normalisation (None: no gold title)."""
    if not normalize_ws(gold):
        return None
    return normalize_ws(gold) == normalize_ws(extracted)


def _authors_match(gold: Sequence[str] | None, extracted: Iterable[str]) -> bool | None:
    """Author set equality after whitespace normalisation (None: no gold authors)."""
    gold_set = {normalize_ws(name) for name in gold or () if normalize_ws(name)}
    if not gold_set:
        return None
    return gold_set == {normalize_ws(name) for name in extracted if normalize_ws(name)}


def _date_scores(gold: str | None, extracted: str | None) -> dict[str, bool | None]:
    """Same calendar day (None: no gold date) and same instant (None: an offset is missing)."""
    gold_day, gold_moment = parse_date(gold)
    got_day, got_moment = parse_date(extracted)
    same_day = None if gold_day is None else gold_day == got_day
    same_instant = None if gold_moment is None or got_moment is None else gold_moment == got_moment
    return {"date_day": same_day, "date_instant": same_instant}


def _caption_in_body(captions: Sequence[str], body: str) -> bool | None:
    """Whether any gold caption appears in the body (None: the page has no long caption)."""
    if not captions:
        return None
    text = normalize_ws(body)
    return any(normalize_ws(caption) in text for caption in captions)


SHINGLE_SIZE = 4


def shingles(paragraphs: Sequence[str], size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of ``size``-token shingles of the paragraphs' joined text (lower-cased ``\\w+``)."""
    tokens = tokenize(" ".join(paragraphs))
    if 0 < len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def score_web_page(gold: Mapping[str, Any], extraction: Extraction) -> dict[str, float]:
    """Shingle precision and recall of one web page (and their F1, for per-page comparisons).

    Both sides empty scores 1 and 1; an empty extraction of a page with gold text scores 0
    and 0 (a refused or lost article is the worst outcome, not a precise one).
    """
    truth = shingles(web_gold_paragraphs(gold))
    found = shingles(extraction.paragraphs)
    if not truth and not found:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    common = sum((truth & found).values())
    precision = _ratio(common, sum(found.values()))
    recall = _ratio(common, sum(truth.values()))
    return {"precision": precision, "recall": recall, "f1": _ratio(2 * precision * recall, precision + recall)}


def score_snippet_page(gold: Mapping[str, Any], extraction: Extraction) -> dict[str, int]:
    """Confusion counts of one snippet page: ``with`` found = TP, ``without`` found = FP."""
    body = normalize_ws(extraction.body)
    counts = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
    for snippet in _snippets(gold.get("with")):
        counts["tp" if snippet in body else "fn"] += 1
    for snippet in _snippets(gold.get("without")):
        counts["fp" if snippet in body else "tn"] += 1
    return counts


#: How the snippets gold joins several names in its one ``author`` string.
_GOLD_AUTHOR_SEPARATORS = re.compile(r"\s*(?:[,;&]|\s(?:and|und)\s)\s*")


def score_snippet_metadata(gold: Mapping[str, Any], extraction: Extraction) -> dict[str, bool | None]:
    """Title, author set and day of a snippet page, where its gold has them.

    The gold keeps ``title``, ``author`` and ``date`` as strings; a key that is absent or
    null is not scored (None), an empty string means the annotator found none, so the
    page scores only when the engine returns none either (no site name taken for a byline).
    Several authors are one string ("A and B", "A, B"): split before comparing sets.
    """
    title = gold.get("title")
    author = gold.get("author")
    date = gold.get("date")
    scores: dict[str, bool | None] = {"title": None, "authors": None, "date_day": None}
    if isinstance(title, str):
        scores["title"] = normalize_ws(title) == normalize_ws(extraction.title)
    if isinstance(author, str):
        names = {normalize_ws(name) for name in _GOLD_AUTHOR_SEPARATORS.split(author) if normalize_ws(name)}
        scores["authors"] = names == {normalize_ws(name) for name in extraction.authors if normalize_ws(name)}
    if isinstance(date, str):
        gold_day, _ = parse_date(date)
        scores["date_day"] = gold_day == parse_date(extraction.date)[0] if gold_day else extraction.date is None
    return scores


def _snippets(values: Sequence[str] | None) -> list[str]:
    """Whitespace-normalised, non-empty snippets."""
    return [text for text in (normalize_ws(value) for value in values or ()) if text]


def snippet_totals(counts: Iterable[Mapping[str, int]]) -> dict[str, float | int]:
    """Micro-averaged precision, recall, F1 and accuracy over per-page confusion counts."""
    total = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
    for page in counts:
        for key in total:
            total[key] += page.get(key, 0)
    tp, fn, fp, tn = total["tp"], total["fn"], total["fp"], total["tn"]
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = _ratio(2 * precision * recall, precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1,
            "accuracy": _ratio(tp + tn, tp + tn + fp + fn), **total}


def _ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, 0 when the denominator is 0."""
    return numerator / denominator if denominator else 0.0
