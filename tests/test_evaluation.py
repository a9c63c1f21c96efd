"""Unit tests of the corpus evaluation: sentence splitter, ROUGE-LSum, scoring, runner, report, gate.

Everything here runs on tiny invented data and fake engines; the real corpus is only used
by ``tests/test_quality_gate.py``.
"""

from __future__ import annotations

import gzip
import json
import random
from collections import Counter
from pathlib import Path

import pytest

from newsclean.evaluation import engines as engines_module
from newsclean.evaluation import format_table, gate, run_eval, worse_pages, write_json
from newsclean.evaluation.corpus import find_parts, load_part, news_gold_paragraphs, web_gold_paragraphs
from newsclean.evaluation.engines import Extraction
from newsclean.evaluation.metrics import parse_date, score_news_page, score_snippet_page, snippet_totals
from newsclean.evaluation.report import main as report_main
from newsclean.evaluation.rouge import lcs_indices, lcs_length, rouge_lsum, rouge_lsum_tokens, tokenize
from newsclean.evaluation.sentences import split_sentences

# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council met on Monday. It voted to close the bridge.",
         ["The council met on Monday.", "It voted to close the bridge."]),
        ("Dr. Alma Quist spoke first. Mr. Ferro replied.",
         ["Dr. Alma Quist spoke first.", "Mr. Ferro replied."]),
        ("Die Stadt plant z.B. neue Radwege. Der Rat stimmt zu.",
         ["Die Stadt plant z.B. neue Radwege.", "Der Rat stimmt zu."]),
        ("Am 14. März öffnet die Halle. Der Eintritt ist frei.",
         ["Am 14. März öffnet die Halle.", "Der Eintritt ist frei."]),
        ("J. Okafor paid 3.5 million. Was it worth it? Yes!",
         ["J. Okafor paid 3.5 million.", "Was it worth it?", "Yes!"]),
        ("Mme. Lavigne est arrivée. Elle a parlé longtemps.",
         ["Mme. Lavigne est arrivée.", "Elle a parlé longtemps."]),
        ('She said: "We stay." Then the room went quiet.',
         ['She said: "We stay."', "Then the room went quiet."]),
        ("Wait… the train left early. Nobody knew why…", ["Wait… the train left early.", "Nobody knew why…"]),
        ("港口今天重新开放。渔民很高兴！真的吗？", ["港口今天重新开放。", "渔民很高兴！", "真的吗？"]),
        ("The St. Aubin ferry runs daily", ["The St. Aubin ferry runs daily"]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


# --------------------------------------------------------------------------- ROUGE-LSum


def test_tokenize_is_unicode_aware_lowercase_and_nfc() -> None:
    assert tokenize("Über 3,5 Mio. Ärzte — straße!") == ["über", "3", "5", "mio", "ärzte", "straße"]
    assert tokenize("A\u0308rzte") == tokenize("Ärzte")


def test_rouge_identity_is_one() -> None:
    paragraphs = ["The harbour in Kelso Bay reopened on Tuesday.", "Fishing boats left at dawn."]
    score = rouge_lsum(paragraphs, paragraphs)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_rouge_disjoint_is_zero() -> None:
    score = rouge_lsum(["alpha beta gamma"], ["delta epsilon"])
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_rouge_empty_side_is_zero() -> None:
    assert rouge_lsum(["some words"], []).f1 == 0.0
    assert rouge_lsum([], ["some words"]).f1 == 0.0
    assert rouge_lsum(["..."], ["words"]).f1 == 0.0


def test_rouge_union_lcs_one_reference_two_candidates() -> None:
    # Lin (2004): r = w1..w5, c1 = w1 w2 w6 w7 w8, c2 = w1 w3 w8 w9 w5.
    # LCS(r, c1) = w1 w2, LCS(r, c2) = w1 w3 w5, union = w1 w2 w3 w5 -> 4 hits.
    score = rouge_lsum(["w1 w2 w3 w4 w5"], ["w1 w2 w6 w7 w8", "w1 w3 w8 w9 w5"])
    assert score.recall == pytest.approx(4 / 5)
    assert score.precision == pytest.approx(4 / 10)
    assert score.f1 == pytest.approx(2 * 0.8 * 0.4 / 1.2)


def test_rouge_union_lcs_two_references_worked_by_hand() -> None:
    # ref = ["a b c", "a d"] (5 tokens), cand = ["a b", "d a"] (4 tokens).
    # "a b c": LCS with "a b" -> {a, b}; with "d a" -> {a}; union a b -> 2 hits.
    # "a d": LCS with "a b" -> {a}; with "d a" the LCS has length 1 and the rouge-score
    #   backtracking (ties go up, i -= 1) picks "a", not "d"; union {a} -> 1 hit
    #   (a is still available: 2 in ref, 2 in cand). Total 3 hits: P = 3/4, R = 3/5.
    score = rouge_lsum(["a b c", "a d"], ["a b", "d a"])
    assert score.precision == pytest.approx(3 / 4)
    assert score.recall == pytest.approx(3 / 5)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert lcs_indices(["a", "d"], ["d", "a"]) == [0]


def test_rouge_sentence_level_option() -> None:
    # As one paragraph each, "b a" vs "a. b." shares an LCS of 1 token; split into the
    # sentences "a." and "b.", the union over both candidate sentences recovers both tokens.
    assert rouge_lsum(["b a"], ["a. B."]).recall == pytest.approx(0.5)
    assert rouge_lsum(["b a"], ["a. B."], sentences=True).recall == pytest.approx(1.0)


def test_rouge_hits_are_clipped_by_token_counts() -> None:
    # Both reference paragraphs match the single candidate; its two tokens count once.
    score = rouge_lsum(["a b", "a b"], ["a b"])
    assert score.precision == pytest.approx(1.0)
    assert score.recall == pytest.approx(0.5)


def _dp_table(ref: list[str], cand: list[str]) -> list[list[int]]:
    """Plain LCS dynamic programme, as in rouge-score."""
    table = [[0] * (len(cand) + 1) for _ in range(len(ref) + 1)]
    for i in range(1, len(ref) + 1):
        for j in range(1, len(cand) + 1):
            if ref[i - 1] == cand[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    return table


def _dp_indices(ref: list[str], cand: list[str]) -> list[int]:
    """rouge-score's ``_backtrack_norec``."""
    table = _dp_table(ref, cand)
    i, j, out = len(ref), len(cand), []
    while i > 0 and j > 0:
        if ref[i - 1] == cand[j - 1]:
            out.insert(0, i - 1)
            i, j = i - 1, j - 1
        elif table[i][j - 1] > table[i - 1][j]:
            j -= 1
        else:
            i -= 1
    return out


def _reference_lsum(refs: list[list[str]], cands: list[list[str]]) -> tuple[float, float]:
    """rouge-score's ``_summary_level_lcs`` written plainly (precision, recall)."""
    ref_counts = Counter(t for s in refs for t in s)
    cand_counts = Counter(t for s in cands for t in s)
    hits = 0
    for ref in refs:
        union = sorted(set().union(*(_dp_indices(ref, cand) for cand in cands)))
        for token in (ref[i] for i in union):
            if cand_counts[token] > 0 and ref_counts[token] > 0:
                hits += 1
                cand_counts[token] -= 1
                ref_counts[token] -= 1
    return hits / sum(map(len, cands)), hits / sum(map(len, refs))


def test_bit_parallel_lcs_matches_plain_dynamic_programme() -> None:
    rng = random.Random(20240601)
    for _ in range(1500):
        alphabet = "abcde"[: rng.randint(1, 5)]
        ref = [rng.choice(alphabet) for _ in range(rng.randint(0, 14))]
        cand = [rng.choice(alphabet) for _ in range(rng.randint(0, 14))]
        assert lcs_indices(ref, cand) == _dp_indices(ref, cand)
        assert lcs_length(ref, cand) == _dp_table(ref, cand)[-1][-1]


def test_rouge_lsum_matches_reference_implementation() -> None:
    rng = random.Random(7)
    for _ in range(300):
        refs = [[rng.choice("abcdefg") for _ in range(rng.randint(1, 9))] for _ in range(rng.randint(1, 4))]
        cands = [[rng.choice("abcdefg") for _ in range(rng.randint(1, 9))] for _ in range(rng.randint(1, 4))]
        score = rouge_lsum_tokens(refs, cands)
        precision, recall = _reference_lsum(refs, cands)
        assert score.precision == pytest.approx(precision)
        assert score.recall == pytest.approx(recall)


# --------------------------------------------------------------------------- per-page scoring

NEWS_GOLD = {
    "url": "https://example.org/kelso/harbour",
    "title": "Kelso Bay harbour reopens",
    "authors": ["Mira Holt", "Tomas  Veld"],
    "published": "2025-03-14 09:30:00+01:00",
    "summary": ["The harbour of Kelso Bay reopened after six weeks of repairs."],
    "sections": [
        {"headline": [], "paragraphs": ["Fishing boats left at dawn on Tuesday."]},
        {"headline": ["Costs"], "paragraphs": ["The repairs cost the town 2.4 million crowns."]},
    ],
    "images": [{"caption": "Boats leaving the harbour of Kelso Bay at dawn", "authors": ["Ida Berg"]}, {}],
}


def test_news_gold_paragraphs_order() -> None:
    assert news_gold_paragraphs(NEWS_GOLD) == [
        "The harbour of Kelso Bay reopened after six weeks of repairs.",
        "Fishing boats left at dawn on Tuesday.",
        "Costs",
        "The repairs cost the town 2.4 million crowns.",
    ]


def test_web_gold_saved_as_utf16_is_decoded_back() -> None:
    # What the corpus holds for a few pages: UTF-16-LE bytes read as Latin-1, split at "\n".
    saved = "Ferry back\r\nThe ferry sails again.\r\n".encode("utf-16").decode("latin-1")
    gold = {"body": saved.split("\n")}
    assert web_gold_paragraphs(gold) == ["Ferry back", "The ferry sails again."]
    assert web_gold_paragraphs({"body": ["Plain text, untouched."]}) == ["Plain text, untouched."]


def test_score_news_page_metadata_and_captions() -> None:
    extraction = Extraction(
        paragraphs=(*news_gold_paragraphs(NEWS_GOLD), "Boats leaving the harbour of  Kelso Bay at dawn"),
        title=" Kelso Bay  harbour reopens",
        authors=("Tomas Veld", "Mira Holt"),
        date="2025-03-14T08:30:00+00:00",
    )
    scores = score_news_page(NEWS_GOLD, extraction)
    assert scores["body_recall"] == pytest.approx(1.0)
    assert scores["body_precision"] < 1.0
    assert scores["title"] is True
    assert scores["authors"] is True
    assert scores["date_day"] is True
    assert scores["date_instant"] is True
    assert scores["caption_in_body"] is True


def test_images_are_scored_on_their_captions_and_credits() -> None:
    gold = {**NEWS_GOLD, "images": [
        {"caption": "Boats leaving the harbour of Kelso Bay at dawn", "authors": ["picture alliance/dpa", "Jan Woitas"]},
        {"caption": "The mayor cuts the ribbon on the new quay wall", "authors": ["Mira Holt"]},
    ]}
    both = Extraction(images=(("Boats leaving the harbour of Kelso Bay at dawn. (Photo: dpa)", "picture alliance/dpa | Jan Woitas"),
                              ("The mayor cuts the ribbon on the new quay wall", "Tomas Veld")))
    scores = score_news_page(gold, both)
    assert scores["image_captions"] == 1.0  # a caption with its credit still holds the gold caption
    assert scores["image_credits"] == 0.5  # the second image is credited to someone else
    shortened = Extraction(images=(("Boats leaving", "Jan Woitas"),))
    assert score_news_page(gold, shortened)["image_captions"] == 0.0  # a fragment is no caption
    assert score_news_page(gold, shortened)["image_credits"] == 0.0  # one of the two names only
    no_images = score_news_page(gold, Extraction())  # an engine that reports no images
    assert no_images["image_captions"] is None and no_images["image_credits"] is None
    assert score_news_page(gold, Extraction(images=()))["image_captions"] == 0.0


def test_score_news_page_missing_values() -> None:
    gold = {**NEWS_GOLD, "authors": [], "images": [{"caption": "Short one"}],
            "published": "2025-03-14 23:30:00"}
    scores = score_news_page(gold, Extraction(date="2025-03-15T00:30:00+01:00"))
    assert scores["authors"] is None  # no gold authors: skipped
    assert scores["caption_in_body"] is None  # no caption of 20+ characters
    assert scores["date_day"] is False
    assert scores["date_instant"] is None  # gold has no offset
    assert scores["title"] is False
    assert scores["body_f1"] == 0.0


@pytest.mark.parametrize(
    ("value", "day", "aware"),
    [
        ("2025-03-14 09:30:00+01:00", "2025-03-14", True),
        ("2024-04-22 15:26:46.863186+00:00", "2024-04-22", True),
        ("2026-04-20 14:09:42.493000", "2026-04-20", False),
        ("2026-04-20T14:09:42Z", "2026-04-20", True),
        ("2026-04-20", "2026-04-20", False),
        ("yesterday", None, False),
        (None, None, False),
    ],
)
def test_parse_date(value: str | None, day: str | None, aware: bool) -> None:
    parsed_day, moment = parse_date(value)
    assert parsed_day == day
    assert (moment is not None) is aware


def test_snippet_scoring_micro_average() -> None:
    gold_a = {"with": ["river  flooded the", "mayor said"], "without": ["Subscribe now", "Most read "]}
    gold_b = {"with": ["new library"], "without": ["Cookie settings"]}
    body_a = ("The river flooded", "the lower town. Subscribe now")
    page_a = score_snippet_page(gold_a, Extraction(paragraphs=body_a))
    page_b = score_snippet_page(gold_b, Extraction(paragraphs=("A new library opens.",)))
    assert page_a == {"tp": 1, "fn": 1, "fp": 1, "tn": 1}
    assert page_b == {"tp": 1, "fn": 0, "fp": 0, "tn": 1}
    totals = snippet_totals([page_a, page_b])
    assert totals["precision"] == pytest.approx(2 / 3)
    assert totals["recall"] == pytest.approx(2 / 3)
    assert totals["f1"] == pytest.approx(2 / 3)
    assert totals["accuracy"] == pytest.approx(4 / 6)


# --------------------------------------------------------------------------- corpus, runner, report

SNIPPET_GOLD = {
    "s1": {"url": "https://example.org/s1", "with": ["new library"], "without": ["Cookie settings"]},
    "s2": {"url": "https://example.org/s2", "with": ["ferry timetable"], "without": ["Follow us"]},
}
EXTRA_NEWS_GOLD = {
    "url": "https://example.org/kelso/school",
    "title": "New school for Kelso",
    "authors": ["Ida Berg"],
    "published": "2025-04-01 12:00:00+02:00",
    "summary": [],
    "sections": [
        {"headline": [], "paragraphs": ["The school opens in August.", "It has twelve classrooms."]},
    ],
}
FAKE_OUTPUT = {
    "https://example.org/kelso/harbour": Extraction(paragraphs=tuple(news_gold_paragraphs(NEWS_GOLD)),
                                                     title="Kelso Bay harbour reopens"),
    "https://example.org/kelso/school": Extraction(paragraphs=("The school opens in August.", "Share this")),
    "https://example.org/s1": Extraction(paragraphs=("A new library opens.", "Cookie settings")),
    "https://example.org/s2": Extraction(paragraphs=("The ferry timetable changes.",)),
}


def _write_part(folder: Path, gold: dict) -> Path:
    (folder / "html").mkdir(parents=True)
    (folder / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    for key in gold:
        page = f"<html><body><p>Invented page {key}</p></body></html>".encode()
        (folder / "html" / f"{key}.html.gz").write_bytes(gzip.compress(page))
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    _write_part(tmp_path / "news", {"n1": NEWS_GOLD, "n2": EXTRA_NEWS_GOLD})
    _write_part(tmp_path / "snippets", SNIPPET_GOLD)
    return tmp_path


@pytest.fixture
def fake_engines(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake(html: bytes, url: str | None) -> Extraction:
        assert html.startswith(b"<html>")
        return FAKE_OUTPUT[url]

    def perfect(html: bytes, url: str | None) -> Extraction:
        gold = {"https://example.org/kelso/school": EXTRA_NEWS_GOLD}.get(url, NEWS_GOLD)
        return Extraction(paragraphs=tuple(news_gold_paragraphs(gold)))

    def broken(html: bytes, url: str | None) -> Extraction:
        raise RuntimeError("engine crashed")

    monkeypatch.setitem(engines_module.ENGINES, "newsclean", fake)
    monkeypatch.setitem(engines_module.ENGINES, "trafilatura", perfect)
    monkeypatch.setitem(engines_module.ENGINES, "broken", broken)


def test_find_parts_and_kind_detection(corpus: Path, tmp_path: Path) -> None:
    assert [path.name for path in find_parts(corpus)] == ["news", "snippets"]
    assert load_part(corpus / "news").kind == "news"
    assert load_part(corpus / "snippets").kind == "snippets"
    other = {"x": {"url": "https://example.org/x", "with": [], "without": []}}
    renamed = _write_part(tmp_path / "other", other)
    assert load_part(renamed).kind == "snippets"
    (corpus / "news" / "html" / "n2.html.gz").unlink()
    assert [page.id for page in load_part(corpus / "news").pages] == ["n1"]
    assert len(load_part(corpus / "snippets", limit=1).pages) == 1


def test_run_eval_scores_and_survives_engine_errors(corpus: Path, fake_engines: None) -> None:
    result = run_eval(corpus, compare=["broken"])
    assert result.engines == ("newsclean", "broken")
    news = result.parts["news"].metrics
    assert news["newsclean"]["title"] == pytest.approx(50.0)
    assert news["newsclean"]["title_n"] == 2
    assert news["broken"]["body_f1"] == 0.0
    assert news["broken"]["errors"] == 2
    snippets = result.parts["snippets"].metrics["newsclean"]
    assert (snippets["tp"], snippets["fn"], snippets["fp"], snippets["tn"]) == (2, 0, 1, 1)
    assert snippets["precision"] == pytest.approx(2 / 3)
    assert snippets["accuracy"] == pytest.approx(3 / 4)
    assert result.parts["snippets"].pages["broken"][0].error == "RuntimeError"


def test_run_eval_rejects_unknown_engine(corpus: Path) -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        run_eval(corpus, compare=["no-such-engine"])


def test_report_table_json_and_worse_pages(corpus: Path, tmp_path: Path, fake_engines: None) -> None:
    result = run_eval(corpus, compare=["trafilatura"], limit=2)
    table = format_table(result)
    assert "newsclean" in table and "trafilatura" in table
    assert "body ROUGE-LSum F1 (%)" in table and "snippet F1" in table
    assert "100.0" in table and "0.667" in table
    out = tmp_path / "eval.json"
    write_json(result, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["engines"] == ["newsclean", "trafilatura"]
    assert data["parts"]["news"]["per_page"]["newsclean"][1]["id"] == "n2"
    worse = worse_pages(result, margin=5.0)
    assert "1 news pages" in worse and "n2" in worse and "n1 " not in worse
    assert "missing (gold, not in newsclean): 1" in worse and "It has twelve classrooms." in worse
    assert "extra (newsclean, not in gold): 1" in worse and "Share this" in worse


def test_module_main(
    corpus: Path, tmp_path: Path, fake_engines: None, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.json"
    assert report_main([str(corpus / "news"), "--compare", "trafilatura", "--json", str(out), "--worse"]) == 0
    printed = capsys.readouterr().out
    assert "news: 2 pages" in printed and "news pages (50.0 %) where newsclean" in printed
    assert out.is_file()
    assert report_main([str(tmp_path / "nothing-here")]) == 2


# --------------------------------------------------------------------------- quality gate


def test_gate_check_reports_metric_floor_and_value(corpus: Path, fake_engines: None) -> None:
    result = run_eval(corpus)
    passing = {"news": {"title": 50.0, "max_captions_in_body": 0}, "snippets": {"f1": 0.8}}
    assert gate.check(result, passing) == []
    failing = {"news": {"title": 60.0, "max_captions_in_body": 0}, "snippets": {"f1": 0.9}}
    failures = gate.check(result, failing)
    assert failures == [
        "news.title = 50.000 is below its floor 60.0",
        "snippets.f1 = 0.80000 is below its floor 0.9",
    ]
    assert gate.check(result, {"news": {"bogus": 1.0}}) == ["news.bogus: unknown metric in the floors file"]
    assert gate.check(result, {"news": {"captions_in_body": 1}}) == [
        "news.captions_in_body: unknown metric in the floors file"
    ]


def test_gate_ceiling(corpus: Path, monkeypatch: pytest.MonkeyPatch, fake_engines: None) -> None:
    leaking = Extraction(paragraphs=("Boats leaving the harbour of Kelso Bay at dawn",))
    monkeypatch.setitem(FAKE_OUTPUT, "https://example.org/kelso/harbour", leaking)
    result = run_eval(corpus / "news")
    assert result.parts["news"].metrics["newsclean"]["captions_in_body"] == 1
    assert gate.check(result, {"news": {"max_captions_in_body": 0}}) == [
        "news.max_captions_in_body = 1 is above its ceiling 0"
    ]


def test_raise_floors_rounds_down_and_never_lowers(corpus: Path, tmp_path: Path, fake_engines: None) -> None:
    floors_path = tmp_path / "quality" / "floors.toml"
    gate.write_floors({"news": {"body_f1": 99.0, "title": 10.0, "max_captions_in_body": 5},
                       "snippets": {"f1": 0.9}}, floors_path)
    gate.raise_floors(run_eval(corpus), floors_path)
    floors = gate.load_floors(floors_path)
    assert floors["news"]["body_f1"] == 99.0  # measured lower: kept
    assert floors["news"]["title"] == 50.0  # raised
    assert floors["news"]["max_captions_in_body"] == 0  # ceiling tightened
    assert floors["snippets"]["f1"] == 0.9  # measured 0.8: kept
    assert floors["snippets"]["precision"] == 0.666  # new, rounded down
    assert floors_path.read_text(encoding="utf-8").startswith("# Quality floors")


def test_pinned_value_rounding() -> None:
    f1 = gate.find_spec("news", "body_f1")
    snippet_f1 = gate.find_spec("snippets", "f1")
    captions = gate.find_spec("news", "captions_in_body")
    assert f1 is not None and snippet_f1 is not None and captions is not None
    assert gate.pinned_value(f1, 95.19999) == 95.1
    assert gate.pinned_value(f1, 95.2) == 95.2
    assert gate.pinned_value(snippet_f1, 0.91789) == 0.917
    assert gate.pinned_value(captions, 6) == 6


def test_lower_floor_logs_in_changelog(tmp_path: Path) -> None:
    floors_path = tmp_path / "quality" / "floors.toml"
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\n## Unreleased\n\n- Added a thing.\n\n## 0.1.0\n\n- First.\n")
    gate.write_floors({"news": {"body_f1": 95.2, "max_captions_in_body": 6}}, floors_path)
    assert gate.lower_floor(floors_path, "news", "body_f1", 94.0, "new gold annotations") == 95.2
    gate.lower_floor(floors_path, "news", "max_captions_in_body", 8, "two pages with inline captions")
    assert gate.load_floors(floors_path)["news"] == {"body_f1": 94.0, "max_captions_in_body": 8}
    assert changelog.read_text().splitlines() == [
        "# Changelog", "", "## Unreleased", "", "- Added a thing.",
        "- Quality floor lowered: news.body_f1 95.2 -> 94.0: new gold annotations",
        "- Quality floor lowered: news.max_captions_in_body 6 -> 8: two pages with inline captions",
        "", "## 0.1.0", "", "- First.",
    ]


def test_lower_floor_refuses_tightening_unknown_and_no_reason(tmp_path: Path) -> None:
    floors_path = tmp_path / "floors.toml"
    gate.write_floors({"news": {"body_f1": 95.2}}, floors_path)
    with pytest.raises(ValueError, match="does not loosen"):
        gate.lower_floor(floors_path, "news", "body_f1", 96.0, "why not", changelog=tmp_path / "C.md")
    with pytest.raises(ValueError, match="not a gated metric"):
        gate.lower_floor(floors_path, "news", "ms_per_page", 1.0, "faster", changelog=tmp_path / "C.md")
    with pytest.raises(ValueError, match="reason"):
        gate.lower_floor(floors_path, "news", "body_f1", 90.0, "  ", changelog=tmp_path / "C.md")
    assert not (tmp_path / "C.md").exists()


def test_append_changelog_creates_file_and_section(tmp_path: Path) -> None:
    missing = tmp_path / "new" / "CHANGELOG.md"
    missing.parent.mkdir()
    gate.append_changelog(missing, "- one")
    assert missing.read_text() == "# Changelog\n\n## Unreleased\n\n- one\n"
    released = tmp_path / "CHANGELOG.md"
    released.write_text("# Changelog\n\n## 0.1.0\n\n- First.\n")
    gate.append_changelog(released, "- two")
    assert released.read_text() == "# Changelog\n\n## Unreleased\n\n- two\n\n## 0.1.0\n\n- First.\n"


def test_gate_cli_lower_needs_allow_lower(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    floors_path = tmp_path / "quality" / "floors.toml"
    changelog = tmp_path / "CHANGELOG.md"
    gate.write_floors({"snippets": {"f1": 0.917}}, floors_path)
    before = floors_path.read_text()
    argv = ["--floors", str(floors_path), "lower", "snippets", "f1", "0.9", "--reason", "gold fix",
            "--changelog", str(changelog)]
    assert gate.main(argv) == 2
    assert "--allow-lower" in capsys.readouterr().err
    assert floors_path.read_text() == before and not changelog.exists()
    assert gate.main([*argv, "--allow-lower"]) == 0
    assert gate.load_floors(floors_path)["snippets"]["f1"] == 0.9
    assert "snippets.f1 0.917 -> 0.9: gold fix" in changelog.read_text()


def test_repository_floors_file_is_valid() -> None:
    floors = gate.load_floors(gate.DEFAULT_FLOORS)
    assert set(floors) == {"news", "snippets", "web"}
    for part, values in floors.items():
        for key, value in values.items():
            assert gate.spec_for_key(part, key) is not None, f"{part}.{key}"
            assert isinstance(value, int | float)


def test_web_pages_are_scored_by_shingles() -> None:
    from newsclean.evaluation.metrics import score_web_page, shingles

    gold = {"body": ["One two three four five six.", "Seven eight nine."]}
    assert sum(shingles(gold["body"]).values()) == 6  # 9 tokens -> 6 four-token shingles
    perfect = score_web_page(gold, Extraction(paragraphs=("One two three four five six. Seven eight nine.",)))
    assert perfect == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    half = score_web_page(gold, Extraction(paragraphs=("one two three four five", "ten eleven twelve thirteen fourteen")))
    assert half["precision"] == 2 / 7 and half["recall"] == 2 / 6  # the paragraphs are one token stream
    lost = score_web_page(gold, Extraction(error="NoArticleError", refused=True))
    assert lost == {"precision": 0.0, "recall": 0.0, "f1": 0.0}  # a refused article is a loss, not precision
    assert score_web_page({"body": []}, Extraction())["f1"] == 1.0


def test_web_part_aggregates_means_and_counts_losses(tmp_path: Path) -> None:
    from newsclean.evaluation.runner import PageResult, aggregate_web

    pages = [
        PageResult("a", "newsclean", 1.0, {"precision": 1.0, "recall": 0.5, "f1": 2 / 3}, paragraphs=("x",)),
        PageResult("b", "newsclean", 1.0, {"precision": 0.0, "recall": 0.0, "f1": 0.0}, "NoArticleError", refused=True),
    ]
    metrics = aggregate_web(pages)
    assert metrics["precision"] == 0.5 and metrics["recall"] == 0.25
    assert abs(metrics["f1"] - 2 * 0.5 * 0.25 / 0.75) < 1e-12  # F1 of the means, not the mean of F1s
    assert metrics["refused_or_empty"] == 1 and metrics["refused"] == 1
    part = _write_part(tmp_path / "web", {"w1": {"body": ["Text."]}})
    assert load_part(part).kind == "web"
# --------------------------------------------------------------------------- text dumps

DUMP_GOLD = {
    "url": "https://example.org/kelso/ferry",
    "title": "Kelso ferry returns after winter repairs",
    "authors": ["Ana Brody"],
    "published": "2025-03-02 09:00:00+01:00",
    "summary": [],
    "sections": [
        {"headline": [], "paragraphs": [
            "The Kelso ferry is back in service after three months in dry dock, the harbour board said on Sunday, "
            "and the first crossing left the quay at seven in the morning with forty passengers on board.",
            "The repairs cost the board more than it had planned, because the old engine had to be replaced, "
            "but the captain said the new one was quieter and would use a third less fuel over the year.",
        ]},
    ],
}
DUMP_TEXT = """Kelso ferry returns after winter repairs | Kelso Post

Menu
News
Sport
Weather

Kelso ferry returns after winter repairs

By Ana Brody

{0}

{1}

Most read
Harbour cafe opens a second room
Bus timetable changes in April

About us
Privacy policy
"""


@pytest.fixture
def dumps_corpus(tmp_path: Path) -> Path:
    """A news part with one page and a dumps part holding its (invented) whole-page text dump."""
    _write_part(tmp_path / "news", {"d1": DUMP_GOLD})
    (tmp_path / "dumps" / "txt").mkdir(parents=True)
    text = DUMP_TEXT.format(*DUMP_GOLD["sections"][0]["paragraphs"])
    (tmp_path / "dumps" / "txt" / "d1.txt.gz").write_bytes(gzip.compress(text.encode()))
    return tmp_path


def test_dumps_part_scores_clean_text_beside_raw_and_the_html_page(dumps_corpus: Path) -> None:
    assert [path.name for path in find_parts(dumps_corpus)] == ["news"]  # a root run leaves dumps out
    part = load_part(dumps_corpus / "dumps")
    assert part.kind == "dumps" and [page.id for page in part.pages] == ["d1"]
    assert part.pages[0].source_path is not None and part.pages[0].source_path.resolve() == dumps_corpus / "news" / "html" / "d1.html.gz"
    result = run_eval(dumps_corpus / "dumps", compare=["raw", "extract"])
    metrics = result.parts["dumps"].metrics
    assert result.parts["dumps"].engines == ("newsclean", "raw", "extract")
    assert metrics["newsclean"]["body_f1"] == pytest.approx(100.0)
    assert metrics["newsclean"]["title"] == pytest.approx(100.0)
    assert metrics["newsclean"]["authors"] == pytest.approx(100.0)
    assert metrics["raw"]["body_recall"] == pytest.approx(100.0)
    assert metrics["raw"]["body_precision"] < 80.0  # the raw dump keeps menus, lists and footer
    assert metrics["raw"]["half_lost"] == 0
    # extract() read the HTML page the dump was made from, not the dump.
    assert metrics["extract"]["body_recall"] < 10.0
    assert "dumps: 1 pages" in format_table(result) and "pages losing > half the gold body" in format_table(result)


def test_dump_engines_are_not_run_on_html_parts(dumps_corpus: Path) -> None:
    result = run_eval(dumps_corpus / "news", compare=["raw"])
    assert result.parts["news"].engines == ("newsclean",)
