"""``clean_text()``: the plain-text path, for pages copied as text ("select all", naive scrapers).

A dump of a whole page has no markup: the menus, the article, the "most read" box, the
comments and the footer are all lines. The structure is read from the lines alone, in
the spirit of jusText (classify blocks by length and stop-word density, then revise each
by its neighbours) and of Readability (one algorithm, options at the top, a retry that
relaxes one option at a time when the result is too small):

1. **Lines.** Each non-blank line with its layout: whether a blank line stands before and
   after it (a paragraph, a heading) or it sits in a run of lines separated by single line
   breaks (a menu, a link list, a list of tags).
2. **Classes.** Every line is ``good`` (prose: long, or a sentence, and dense in the
   language's function words, :mod:`newsclean.rules.stopwords`), ``near`` (long but not
   clearly prose), ``short`` or ``bad`` (a named text rule, a long line with no function
   words, a run of short lines, a line the page repeats). Short and near lines then take
   the class of their neighbours (jusText's context revision).
3. **Region.** The article is the stretch of lines with the most prose, where furniture
   costs and the headings that open comments, other stories or the footer
   (:mod:`newsclean.rules.dumps`) are barriers that only a lot of prose after them can
   cross. If that stretch holds less than :data:`MIN_PROSE_SHARE` of the dump's prose,
   the options are relaxed one at a time (:data:`RELAXATIONS`) and the search repeated,
   so the article is never lost to a wrong barrier.
4. **Top.** Above the region: the headline (the line nearest the text that matches the
   page title, which dumps print first, or else the nearest headline-like line), the dek,
   the byline and the date.
5. **Body.** Inside the region, furniture lines are dropped and the rest goes through the
   same cleaning stage and named rules as HTML blocks (captions, prompts, walls).

HTML given to :func:`clean_text` (str or bytes that start like a markup document) is not
a dump: it is routed to :func:`newsclean.extract`, which reads the markup.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Literal

from newsclean.config import DEFAULT_CONFIG, Config
from newsclean.errors import EmptyDocumentError, NoArticleError
from newsclean.model import Article, Block, BlockType, Image, Person
from newsclean.normalize import SENTENCE_END, normalize_text
from newsclean.pipeline import extract
from newsclean.rules.captions import CREDIT_PREFIX, RIGHTS_NOTICE
from newsclean.rules.dumps import RULE_BARRIERS, SECTION_BARRIER, SECTION_HEADINGS, SECTION_MIN, TIME_STAMP
from newsclean.rules.metadata import MONTHS, WEEKDAYS
from newsclean.rules.packs import BUILTIN, RuleSet
from newsclean.rules.stopwords import STOPWORDS
from newsclean.stages.article import build_article
from newsclean.stages.cleaning import Removals, clean_blocks, is_real_paragraph, match_rule
from newsclean.stages.decode import decode
from newsclean.stages.images import split_credit
from newsclean.stages.metadata import Metadata, clean_authors, normalize_date

# -- options ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """The knobs of the dump cleaner. :data:`RELAXATIONS` loosens them one at a time."""

    short_chars: int = 70  # shorter lines are "short" (jusText's length_low)
    long_chars: int = 200  # a line this long is prose on length alone if it has function words
    # Stop-word densities, as shares of the dump's own prose density (the median density
    # of its long sentence lines): languages differ (Turkish glues its function words onto
    # nouns, English does not), the contrast between prose and lists on one page does not.
    stop_low: float = 0.35  # below this a long line is a list of names or links, not prose
    stop_high: float = 0.6  # at or above it (with a sentence end or length) a line is good
    near_weight: float = 0.5  # how much a near-good line counts towards the region, per char
    short_cost: int = 60  # what a short line costs the region (a menu word, a label)
    run_cost: int = 60  # what a line in a run of short lines (a menu) costs
    rule_cost: int = 15  # what a line a named rule drops costs (share bars, ad labels sit inside the text too)
    menu_run: int = 3  # this many short lines in one run make it a menu or link list
    box_barriers: bool = True  # "Read more:" and wall prompts (often boxes inside the text) are barriers
    section_barriers: bool = True  # comment, other-stories and footer headings are barriers
    repeat_is_bad: bool = True  # a short line the page prints twice is furniture


DEFAULT_OPTIONS = Options()
#: Tried in order, each on top of the previous, while the region is too small.
RELAXATIONS: tuple[dict[str, object], ...] = (
    {"box_barriers": False},
    {"section_barriers": False},
    {"repeat_is_bad": False, "run_cost": 15},
    {"stop_low": 0.15, "stop_high": 0.3, "short_cost": 5},
)
#: The region must hold at least this share of the dump's prose (good lines' characters)...
MIN_PROSE_SHARE = 0.5
#: ... and this share of the prose between the section headings (comments, footer) around it.
MIN_SECTION_SHARE = 0.7
#: How far above the first paragraph a line matching the page title is looked for, in lines.
TITLE_WINDOW = 80
#: ... and how far below it (the first prose line may be a notice above the headline).
TITLE_BELOW = 6
#: How far above it the nearest headline-like line is taken when no line matches the title.
HEADLINE_WINDOW = 30
#: Input starting like this (after a BOM and spaces) is markup, not a dump.
_MARKUP_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<(?:!doctype\s+)?html|<head[\s>]|<body[\s>])", re.I)

Kind = Literal["good", "near", "short", "bad"]

_WORD = re.compile(r"\w+")
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f]")
_LIST_ITEM = re.compile(r"^(?:[-•*–·▪►]|\d{1,2}[.)])\s+")
# A line that opens with a byline word and a capital ("By Jane", "Von Nina", "De Ana").
_BYLINE = re.compile(
    r"^(?:" + "|".join(BUILTIN.terms["byline-by"] + BUILTIN.terms["byline-by-line"] + BUILTIN.terms["byline-of"]) + r")\s+(?-i:[A-ZÀ-ÖØ-Þ])", re.I
)
# A byline line often carries more than names: "By Jane Doe | March 3, 2026", "Por X — Cidade".
_BYLINE_NAMES_END = re.compile(r"\s*(?:[|•·]|\s[—–-]\s)\s*|,\s*(?=\d)")
_CONJUNCTION = re.compile(r"\s(?:" + BUILTIN.alternation("byline-and") + r"|&)\s", re.I)
# A word of a name: capitalised, or a particle ("von", "de", "bin").
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ŽА-Я][\w'’.-]*|" + BUILTIN.alternation("name-particle") + r")$")
_DATE_LABEL = re.compile(r"^(?:" + BUILTIN.alternation("date-label") + r")\s*:?\s*", re.I)
# A page title ends with the site's name: "Headline | Site", "Headline - Site".
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")


@dataclass(frozen=True)
class _Line:
    text: str
    alone: bool  # a blank line (or the edge of the text) before and after it
    run: int = 1  # how many lines its run of single-spaced lines has


@dataclass
class _Facts:
    """What the classifier reads off one line."""

    chars: int
    words: int
    stop: float | None  # share of function words; None when the language has no list
    sentence: bool  # ends like a sentence
    rule: str | None  # the named text rule that matches it
    barrier: int  # prose needed after it for the article to go on (0: not a barrier)
    repeats: int  # how often the page prints this line
    leads: bool = False  # stands alone right above a paragraph (the shape of a heading)
    kind: Kind = "short"


def clean_text(text: str | bytes, url: str | None = None, *, explain: bool = False, config: Config | None = None) -> Article:
    """Clean a plain-text dump of a news page (or of its article) into an :class:`~newsclean.Article`.

    Markup (a str or bytes that starts with ``<!DOCTYPE html``, ``<html``, ``<head`` or
    ``<body``) is not a dump: it is handed to :func:`newsclean.extract`, so it is never
    returned as text. Raises :class:`~newsclean.EmptyDocumentError` for empty input,
    :class:`~newsclean.NotHTMLError` for binary data and :class:`~newsclean.NoArticleError`
    when no article text is left.
    """
    config = config or DEFAULT_CONFIG
    if _MARKUP_START.match(text.encode("utf-8", "replace")[:512] if isinstance(text, str) else text[:512].removeprefix(b"\xef\xbb\xbf")):
        return extract(text, url=url, explain=explain, config=config)
    lines = _lines(decode(text, max_bytes=config.max_bytes))
    if not lines:
        raise EmptyDocumentError("empty text", url=url)
    removals = Removals(keep=explain)
    config = config.for_url(url)  # a user pack's site section switches rules off here too
    facts = _classify(lines, _stopwords(lines), config.disabled_rules, config.rule_set)
    start, end = _article_region(lines, facts)
    first, md = _top(lines, facts, start, url)
    # Above the region only the lead picture's caption (and its credit line) is kept.
    lead = [i for i in range(first, start) if _is_caption(lines[i].text) or _lone_credit(lines[i].text) or _credited(lines, i)]
    for index, line in enumerate(lines[: max(first, start)]):
        if index not in lead:
            removals(line.text, "nav-residue")
    for line in lines[end:]:
        removals(line.text, "after-article")
    body_start = max(first, start)
    kept = [lines[i] for i in lead] + _drop_furniture(lines[body_start:end], facts[body_start:end], removals)
    found_images, body = _captions(kept, removals)
    headlines = [h for h in (md.headline, _title_text(lines[0].text)) if h]
    blocks = clean_blocks(
        _blocks(body), removals, captions=[i.caption for i in found_images if i.caption], headlines=headlines, disabled=config.disabled_rules,
        rules=config.rule_set,
    )
    if sum(len(b.text) for b in blocks) < config.min_body_chars or not any(is_real_paragraph(b) for b in blocks):
        raise NoArticleError("no article text found in the dump", url=url)
    return build_article(md, blocks, found_images, removals if explain else None)


# -- 1. lines ---------------------------------------------------------------------------------


def _lines(text: str) -> list[_Line]:
    raw = [normalize_text(line) for line in text.splitlines()]
    has_blank_lines = any(not line for line in raw)
    out: list[_Line] = []
    index = 0
    while index < len(raw):
        if not raw[index]:
            index += 1
            continue
        end = index
        while end < len(raw) and raw[end]:
            end += 1
        run = end - index if has_blank_lines else 1
        for position in range(index, end):
            out.append(_Line(raw[position], run == 1, run))
        index = end
    return out


# -- 2. classes -------------------------------------------------------------------------------


def _stopwords(lines: list[_Line]) -> frozenset[str] | None:
    """The function words of the dump's language: the list that its longer lines use most."""
    words = [w for line in lines if len(line.text) >= 60 for w in _WORD.findall(line.text.casefold())]
    if not words or sum(1 for line in lines if _UNSPACED.search(line.text)) > len(lines) // 4:
        return None
    counts = Counter(words)
    best, hits = max(((lang, sum(counts[w] for w in vocabulary)) for lang, vocabulary in STOPWORDS.items()), key=lambda pair: pair[1])
    return STOPWORDS[best] if hits >= max(5, len(words) // 20) else None


def _classify(lines: list[_Line], stopwords: frozenset[str] | None, disabled: frozenset[str], rules: RuleSet) -> list[_Facts]:
    """The facts of every line; stop-word densities are relative to the dump's prose (1.0 = typical)."""
    repeats = Counter(line.text.casefold() for line in lines)
    facts: list[_Facts] = []
    for line in lines:
        text = line.text
        tokens = _WORD.findall(text.casefold())
        unspaced = bool(_UNSPACED.search(text))
        rule = match_rule(text, disabled, rules)
        barrier = RULE_BARRIERS.get(rule.name, 0) if rule else 0
        if SECTION_HEADINGS.match(text):
            barrier = SECTION_BARRIER
        stop = None if stopwords is None or unspaced or not tokens else sum(1 for t in tokens if t in stopwords) / len(tokens)
        facts.append(
            _Facts(
                chars=len(text) * (2 if unspaced else 1),
                words=len(text) // 2 if unspaced else len(tokens),
                stop=stop,
                sentence=bool(SENTENCE_END.search(text)),
                rule=rule.name if rule else None,
                barrier=barrier,
                repeats=repeats[text.casefold()],
            )
        )
    for index, fact in enumerate(facts):
        after = next((i for i in range(index + 1, min(len(facts), index + 3)) if facts[i].rule is None), None)
        fact.leads = lines[index].alone and after is not None and facts[after].chars >= 100 and facts[after].sentence
    prose = sorted(f.stop for f in facts if f.stop is not None and f.words >= 15 and f.sentence)
    typical = prose[len(prose) // 2] if prose else 0.0
    for fact in facts:
        fact.stop = None if typical <= 0 or fact.stop is None else fact.stop / typical
    return facts


def _kinds(lines: list[_Line], facts: list[_Facts], options: Options) -> list[Kind]:
    """jusText's classes for every line, then the context revision of short and near lines."""
    kinds: list[Kind] = []
    for line, fact in zip(lines, facts, strict=True):
        kinds.append(_kind(line, fact, options))
    revised = list(kinds)
    for index, kind in enumerate(kinds):
        if kind in ("short", "near") and facts[index].rule is None:
            before, after = _neighbour(kinds, index, -1), _neighbour(kinds, index, 1)
            if kind == "near":
                revised[index] = "good" if "good" in (before, after) else ("bad" if before == after == "bad" else "near")
            elif before == after == "good":
                revised[index] = "good"
            elif before == after == "bad" or (before == "bad" and after is None) or (after == "bad" and before is None):
                revised[index] = "bad"
    return revised


def _kind(line: _Line, fact: _Facts, options: Options) -> Kind:
    if fact.rule is not None or _is_barrier(fact, options):
        return "bad"
    if options.repeat_is_bad and fact.repeats > 1 and fact.chars < 200 and not fact.leads:
        return "bad"  # a heading above a paragraph may also be listed in a "key events" box
    if line.run >= options.menu_run and fact.chars < options.short_chars * 1.5 and not fact.sentence and not _LIST_ITEM.match(line.text) and not line.text.endswith(":"):
        return "bad"
    if fact.chars < options.short_chars:
        return "short"
    if fact.stop is not None and fact.stop < options.stop_low:
        return "bad"
    dense = fact.stop is None or fact.stop >= options.stop_high
    prose_shape = fact.sentence or (fact.chars >= options.long_chars and fact.words >= 25)
    if dense and prose_shape:
        return "good"
    return "near"


def _is_barrier(fact: _Facts, options: Options) -> bool:
    if fact.barrier >= SECTION_MIN:
        return options.section_barriers
    return options.box_barriers and fact.barrier > 0


def _neighbour(kinds: list[Kind], index: int, step: int) -> Kind | None:
    """The class of the nearest line above (step -1) or below (step 1) that is not short."""
    index += step
    while 0 <= index < len(kinds):
        if kinds[index] != "short":
            return kinds[index]
        index += step
    return None


# -- 3. the region ----------------------------------------------------------------------------


def _article_region(lines: list[_Line], facts: list[_Facts]) -> tuple[int, int]:
    """``(start, end)``: the article's lines are ``lines[start:end]``."""
    options = DEFAULT_OPTIONS
    attempts: list[tuple[float, tuple[int, int], list[Kind]]] = []
    for relax in ((), *RELAXATIONS):
        options = replace(options, **relax) if relax else options  # type: ignore[arg-type]
        kinds = _kinds(lines, facts, options)
        for fact, kind in zip(facts, kinds, strict=True):
            fact.kind = kind
        total = sum(f.chars for f in facts if f.kind == "good")
        start, end = _densest(lines, facts, options)
        inside = sum(f.chars for f in facts[start:end] if f.kind == "good")
        # The prose between the section headings around the region: a box inside the text
        # ("Read more:", a wall prompt) must not cut a large part of it away.
        low = next((i for i in range(start - 1, -1, -1) if facts[i].barrier >= SECTION_MIN), -1)
        high = next((i for i in range(end, len(facts)) if facts[i].barrier >= SECTION_MIN), len(facts))
        section = sum(f.chars for f in facts[low + 1 : high] if f.kind == "good")
        boxed = options.box_barriers and inside < MIN_SECTION_SHARE * section
        if total == 0 or (inside >= MIN_PROSE_SHARE * total and not boxed):
            attempts = [(1.0, (start, end), kinds)]
            break
        attempts.append((inside / total, (start, end), kinds))
    # No attempt passed: keep the one whose region holds the largest share of the prose.
    _share, best, kinds = max(attempts, key=lambda attempt: attempt[0])
    for fact, kind in zip(facts, kinds, strict=True):
        fact.kind = kind
    start, end = best
    while start > 0 and facts[start - 1].leads and facts[start - 1].kind != "bad":
        start -= 1  # the heading of the first paragraph (a live blog's first entry)
    return start, end


def _densest(lines: list[_Line], facts: list[_Facts], options: Options) -> tuple[int, int]:
    """The stretch of lines with the highest score (maximum subarray), barriers as deep dips."""
    best_score, best = 0.0, (0, len(lines))
    score, start = 0.0, 0
    for index, (line, fact) in enumerate(zip(lines, facts, strict=True)):
        score += _score(line, fact, options)
        if score <= 0:
            score, start = 0.0, index + 1
        elif score > best_score:
            best_score, best = score, (start, index + 1)
    return best


def _score(line: _Line, fact: _Facts, options: Options) -> float:
    if _is_barrier(fact, options):
        return -fact.barrier
    if fact.kind == "good":
        return fact.chars
    if fact.kind == "near" or (fact.kind == "short" and fact.sentence and fact.words >= 4):
        return fact.chars * options.near_weight
    if fact.kind == "bad" and fact.rule is not None:
        return -max(options.rule_cost, fact.chars * 0.5)
    if fact.kind == "bad":
        return -max(options.run_cost, fact.chars * 0.5) if line.run >= options.menu_run else -max(options.short_cost, fact.chars * 0.5)
    return -(options.run_cost if line.run >= options.menu_run else options.short_cost)


# -- 4. the top: headline, dek, byline, date --------------------------------------------------


def _title_text(first_line: str) -> str:
    """The first line of a dump is the page's <title>: without its "| Site" tail."""
    return _TITLE_SUFFIX.sub("", first_line)


def _top(lines: list[_Line], facts: list[_Facts], start: int, url: str | None) -> tuple[int, Metadata]:
    """Read headline, dek, authors and date from the lines around the article's first prose line.

    Returns the index of the line after the headline and the dek (or ``start`` when there is
    no headline), and the metadata read.
    """
    anchor = _first_paragraph(facts, start)
    titled = _title_match(lines, facts, anchor)
    if titled is not None:
        titled = _visible_headline(lines, facts, titled)
    if titled is not None and titled >= anchor:
        anchor = _first_paragraph(facts, titled + 1)  # what looked like the text was a notice above the headline
    dek_at = None
    # A dek reads like prose; a byline, date or caption just below it shows where the text starts.
    if _dek_like(lines[anchor].text, facts[anchor]) and any(_is_meta(lines[j].text, facts[j]) for j in range(anchor + 1, min(len(lines), anchor + 3))):
        later = next((i for i in range(anchor + 1, min(len(lines), anchor + 12)) if facts[i].kind == "good" and not _is_meta(lines[i].text, facts[i])), None)
        if later is not None:
            dek_at, anchor = anchor, later
    headline_at = titled if titled is not None else _nearest_headline(lines, facts, dek_at if dek_at is not None else anchor)
    if headline_at is None:
        return start, Metadata(url=url)
    if dek_at is None and titled is None:
        # The headline-like line nearest the text may be the dek under the real headline.
        upper = _line_above(facts, headline_at)
        if upper is not None and _headline_like(lines[upper].text) and _dek_of(lines[headline_at].text, lines[upper].text):
            dek_at, headline_at = headline_at, upper
    if dek_at is None:
        dek_at = next(
            (
                i
                for i in range(headline_at + 1, anchor)
                if facts[i].rule is None and _dek_like(lines[i].text, facts[i]) and not _is_meta(lines[i].text, facts[i]) and not _credited(lines, i)
            ),
            None,
        )
    authors: tuple[Person, ...] = ()
    published: str | None = None
    for index in range(headline_at + 1, min(len(lines), anchor + 4)):
        text, fact = lines[index].text, facts[index]
        if _BYLINE.match(text) and len(text) <= 160:
            names, date = _read_byline(text)
            authors, published = authors or names, published or date
        elif date := _date(text):
            published = published or date
        elif index < anchor and not authors and _name_line(text, fact):
            authors = clean_authors([text])
    md = Metadata(
        url=url,
        headline=_title_text(lines[0].text) if headline_at == 0 else lines[headline_at].text,
        alternativeHeadline=lines[dek_at].text if dek_at is not None else None,
        authors=authors,
        datePublished=published,
    )
    return max(headline_at + 1, dek_at + 1 if dek_at is not None else 0), md


def _first_paragraph(facts: list[_Facts], start: int) -> int:
    """The first good line from ``start`` that reads like a paragraph (a short good line may be the headline)."""
    good = [i for i in range(start, len(facts)) if facts[i].kind == "good"]
    return next((i for i in good if facts[i].chars >= 100 and facts[i].sentence), good[0] if good else min(start, len(facts) - 1))


def _is_meta(text: str, fact: _Facts) -> bool:
    """A byline, a date, a caption or a lone credit: the lines between a dek and the text."""
    return bool(
        (_BYLINE.match(text) and len(text) <= 160) or _date(text) or _is_caption(text) or _lone_credit(text) or _name_line(text, fact)
    )


def _credited(lines: list[_Line], index: int) -> bool:
    """A caption whose credit stands alone on the next line ("Photo: Kim Lowe/Rivermouth Star")."""
    return index + 1 < len(lines) and _lone_credit(lines[index + 1].text) is not None


def _line_above(facts: list[_Facts], index: int) -> int | None:
    """The nearest line above ``index`` that no named rule drops, within two lines."""
    for above in range(index - 1, max(-1, index - 3), -1):
        if facts[above].rule is None:
            return above
    return None


def _dek_of(lower: str, upper: str) -> bool:
    """Whether ``lower`` is the dek under headline ``upper`` (rather than ``upper`` being residue)."""
    return len(lower) >= len(upper) and len(lower.split()) >= 8 and len(upper.split()) >= 4


def _title_match(lines: list[_Line], facts: list[_Facts], anchor: int) -> int | None:
    """The line that best matches the page title (the dump's first line), near the text.

    Candidates are the headline-like lines from :data:`TITLE_WINDOW` lines above ``anchor``
    to :data:`TITLE_BELOW` lines below it, and any line above it that equals the title;
    the best word overlap wins, the nearest on a tie.
    """
    title_text = _title_text(lines[0].text)
    title = set(_WORD.findall(title_text.casefold()))
    if not title:
        return None
    best, best_score = None, 0.0
    for index in range(min(len(lines), anchor + TITLE_BELOW) - 1, 0, -1):
        text = lines[index].text
        exact = text in (title_text, lines[0].text)
        if not exact and not (anchor - TITLE_WINDOW <= index):
            continue
        # (A line equal to the title is no byline, even when it starts "Von München ...".)
        if not _headline_like(text) or facts[index].rule is not None or (not exact and _is_meta(text, facts[index])) or _credited(lines, index):
            continue
        words = set(_WORD.findall(text.casefold()))
        shared = len(words & title)
        if words and shared >= 0.8 * len(words) and shared >= 0.5 * len(title):
            score = shared / len(words) + shared / len(title) + (1.0 if exact else 0.0) - 0.001 * abs(anchor - index)
            if score > best_score:
                best, best_score = index, score
    return best


def _visible_headline(lines: list[_Line], facts: list[_Facts], titled: int) -> int:
    """The printed headline when the page repeats its <title> just above it.

    Some pages print the search-engine title, then a kicker and the headline readers see:
    a headline-like line two or three lines below ``titled``, with only a kicker (a short
    label) between them, that a byline or date follows (directly, or after a dek) is that
    headline.
    """
    if lines[titled].text != _title_text(lines[0].text):
        return titled
    for index in range(titled + 2, min(len(lines) - 1, titled + 4)):
        text, fact = lines[index].text, facts[index]
        if not _headline_like(text) or fact.rule is not None or _is_meta(text, fact) or text == lines[titled].text:
            continue
        kickers = lines[titled + 1 : index]
        if any(len(k.text.split()) > 6 or match_rule(k.text) is not None or _date(k.text) for k in kickers):
            continue
        after = [i for i in range(index + 1, min(len(lines), index + 4)) if facts[i].rule is None or _BYLINE.match(lines[i].text)]
        if not after:
            continue
        first = after[0]
        if _is_meta(lines[first].text, facts[first]) or (
            _dek_like(lines[first].text, facts[first]) and len(after) > 1 and _is_meta(lines[after[1]].text, facts[after[1]])
        ):
            return index
    return titled


def _nearest_headline(lines: list[_Line], facts: list[_Facts], anchor: int) -> int | None:
    """Without a title match: within :data:`HEADLINE_WINDOW` lines above ``anchor``, the
    headline-like line standing alone (not ending like a sentence) that a byline or date
    follows and that shares words with the title, nearest first.
    """
    title = set(_WORD.findall(_title_text(lines[0].text).casefold()))
    fallback, fallback_score = None, float("-inf")
    for index in range(anchor - 1, max(0, anchor - HEADLINE_WINDOW) - 1, -1):
        text = lines[index].text
        if not _headline_like(text) or facts[index].rule is not None or _is_meta(text, facts[index]) or _credited(lines, index):
            continue
        if not lines[index].alone or text.endswith("."):
            continue
        words = set(_WORD.findall(text.casefold()))
        below = range(index + 1, min(anchor, index + 6))
        score = 2.0 * any(_is_meta(lines[i].text, facts[i]) for i in below) + (len(words & title) / len(words) if words else 0.0) - 0.01 * (anchor - index)
        if index == 0 and anchor > 1:
            score -= 1.0  # the page title, when the page prints no headline of its own
        if score > fallback_score:
            fallback, fallback_score = index, score
    return fallback


def _dek_like(text: str, fact: _Facts) -> bool:
    return fact.words >= 8 and 40 <= len(text) <= 500


def _name_line(text: str, fact: _Facts) -> bool:
    """A line that is only a person's name (a byline without "By"): two to four capitalised words."""
    words = text.split()
    return 2 <= len(words) <= 4 and len(text) <= 40 and not fact.sentence and all(_NAME_WORD.match(w) for w in words) and words[0][0].isupper() and not re.search(r"\d", text)


# -- 5. the body ------------------------------------------------------------------------------


def _drop_furniture(lines: list[_Line], facts: list[_Facts], removals: Removals) -> list[_Line]:
    """Inside the region: keep prose, subheadings and what a named rule will judge; drop the rest."""
    kept: list[_Line] = []
    for index, (line, fact) in enumerate(zip(lines, facts, strict=True)):
        text = line.text
        credited = _is_caption(text) or _lone_credit(text) or _credited(lines, index)
        if fact.rule is not None or credited:
            kept.append(line)  # a named rule or the caption search decides
        elif _is_meta(text, fact) or TIME_STAMP.match(text):
            removals(text, "byline-or-date")
        elif (fact.kind in ("good", "near") and fact.chars >= DEFAULT_OPTIONS.short_chars) or _LIST_ITEM.match(text):
            kept.append(line)
        elif fact.kind != "bad" and (fact.sentence or fact.leads or _is_subheading(lines, index) or (text.endswith(":") and index + 1 < len(lines) and _LIST_ITEM.match(lines[index + 1].text))):
            kept.append(line)  # a short line between paragraphs is kept only as a sentence, a subheading or a list's lead-in
        else:
            removals(text, "page-furniture")
    return kept


def _headline_like(text: str) -> bool:
    words = len(text.split())
    unspaced = bool(_UNSPACED.search(text))
    return (3 <= words <= 25 or (unspaced and 8 <= len(text) <= 80)) and len(text) <= 220 and not text.endswith(":")


def _read_byline(text: str) -> tuple[tuple[Person, ...], str | None]:
    """The authors and the date of a byline line."""
    names = _BYLINE_NAMES_END.split(text)[0]
    rest = text[len(names) :].strip(" ,|•·—–-")
    if not _CONJUNCTION.search(names):
        names = names.split(",")[0]  # "Por Fernanda Lopes, Jornal do Norte": name, then outlet
    return clean_authors([names]), (_date(rest) if rest else None)


def _date(line: str) -> str | None:
    """The date of a line that is a date (with an optional label), not of a sentence mentioning one."""
    if len(line) > 120 or not re.search(r"\d", line):
        return None
    segments = re.split(r"\s*(?:[|·•]|\s[-—–]\s)\s*", line)
    if any(len(seg.split()) > 10 for seg in segments):
        return None  # a sentence, not a dateline ("Valdemora - 18 mar 2026 - 10:42")
    for segment in segments:
        segment = _DATE_LABEL.sub("", segment)
        word = segment.split()[0].lower().strip(".,") if segment.split() else ""
        if segment[:1].isdigit() or word in MONTHS or word in WEEKDAYS:
            date = normalize_date(segment)
            if date:
                return date
    return None


# -- captions and body ------------------------------------------------------------------------


def _is_caption(line: str) -> bool:
    """A line that describes a picture and names who took it (footer "© 2026 Site" lines do not)."""
    if len(line) > 400:
        return False
    caption, credit = split_credit(line)
    return bool(caption and credit and len(caption.split()) >= 4 and _credit_like(credit))


def _credit_like(credit: str) -> bool:
    """Names and agencies, not a headline ("Photos: The blizzard of 2025") or a rights notice."""
    return len(credit.split()) <= 8 and not RIGHTS_NOTICE.search(credit) and not re.search(r"\b\d{4}\b", credit)


def _lone_credit(line: str) -> str | None:
    """ "Photo: Kim Lowe/Rivermouth Star" alone on its line: the credit of the caption above."""
    if len(line) > 80 or not CREDIT_PREFIX.match(line):
        return None
    credit = CREDIT_PREFIX.sub("", line).strip(" .()")
    return credit if credit and _credit_like(credit) else None


def _captions(lines: list[_Line], removals: Removals) -> tuple[list[Image], list[_Line]]:
    """Pull caption lines out of the body: credited lines, and lines repeated back to back."""
    found: dict[str, Image] = {}
    body: list[_Line] = []
    previous = None
    for line in lines:
        text = line.text
        if text == previous:
            removals(text, "caption")
            continue
        previous = text
        credit = _lone_credit(text)
        if credit and body and len(body[-1].text) <= 300 and len(body[-1].text.split()) >= 4 and not body[-1].text.endswith(":"):
            caption = body.pop().text
            found.setdefault(caption.casefold(), Image(caption=caption, credit=credit))
            continue
        if _is_caption(text):
            said, credit = split_credit(text)
            key = (said or "").casefold()
            if key in found:
                removals(text, "caption")
            else:
                found[key] = Image(caption=said, credit=credit)
            continue
        body.append(line)
    return list(found.values()), body


def _blocks(lines: list[_Line]) -> list[Block]:
    blocks: list[Block] = []
    for index, line in enumerate(lines):
        kind: BlockType = "paragraph"
        text = line.text
        if _LIST_ITEM.match(text):
            kind, text = "list_item", _LIST_ITEM.sub("", text)
        elif _is_subheading(lines, index):
            kind = "heading"
        blocks.append(Block(kind, text))
    return blocks


def _is_subheading(lines: list[_Line], index: int) -> bool:
    """A short line standing alone, without final punctuation, followed by prose."""
    text = lines[index].text
    if len(text) > 90 or len(text.split()) > 12 or SENTENCE_END.search(text) or text.endswith(":"):
        return False
    # The next line a named rule does not drop ("Updated 2 hours ago" under a live blog's entry heading).
    after = next((line.text for line in lines[index + 1 : index + 3] if match_rule(line.text) is None), "")
    before = lines[index - 1].text if index else ""
    follows_prose = is_real_paragraph(Block("paragraph", before))
    return is_real_paragraph(Block("paragraph", after)) and (lines[index].alone or follows_prose)
