"""``clean_text()``: the plain-text path, for pages copied as text ("select all", naive scrapers).

A dump has no markup, so structure is read from the lines themselves:

    nav residue -> headline -> dek -> byline/date -> captions -> body -> end of article

The top of the article is found from an anchor: the first byline, date, caption or body
paragraph. The headline and dek are the headline-like lines just above it; everything
above them is navigation residue. Body lines then go through the same cleaning stage and
rules as HTML blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsclean.canonical import normalize_text
from newsclean.config import DEFAULT_CONFIG, Config
from newsclean.errors import EmptyDocumentError, NoArticleError
from newsclean.model import Article, Block, BlockType, Image
from newsclean.pipeline import build_article
from newsclean.rules.captions import CREDIT_PREFIX, RIGHTS_NOTICE
from newsclean.rules.metadata import MONTHS, WEEKDAYS
from newsclean.stages.cleaning import Removals, clean_blocks, is_real_paragraph, match_rule
from newsclean.stages.decode import decode
from newsclean.stages.images import split_credit
from newsclean.stages.metadata import Metadata, clean_authors, normalize_date

_LIST_ITEM = re.compile(r"^(?:[-•*–·▪►]|\d{1,2}[.)])\s+")
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door|av|af|przez|de)\s+(?-i:[A-ZÀ-ÖØ-Þ])", re.I)
_SENTENCE_END = re.compile(r"[.!?…»”\"')]$")
# A byline line often carries more than names: "By Jane Doe | March 3, 2026", "Por X — Cidade".
_BYLINE_NAMES_END = re.compile(r"\s*(?:[|•·]|\s[—–-]\s)\s*|,\s*(?=\d)")
_CONJUNCTION = re.compile(r"\s(?:and|und|et|y|e|en|og|och|i|&)\s", re.I)
_DATE_LABEL = re.compile(
    r"^(?:updated|published|posted|veröffentlicht|aktualisiert|publié(?: le)?|mis à jour(?: le)?|publicado(?: el| em)?|"
    r"actualizado|pubblicato(?: il)?|aggiornato|gepubliceerd|bijgewerkt|stand)\s*:?\s*",
    re.I,
)


@dataclass(frozen=True)
class _Line:
    text: str
    alone: bool  # a blank line (or the edge of the text) before and after it


def clean_text(text: str | bytes, url: str | None = None, *, explain: bool = False, config: Config | None = None) -> Article:
    """Clean a plain-text dump of a news page into an :class:`~newsclean.Article`.

    Raises :class:`~newsclean.EmptyDocumentError` for empty input and
    :class:`~newsclean.NoArticleError` when no article text is left.
    """
    config = config or DEFAULT_CONFIG
    lines = _lines(decode(text, max_bytes=config.max_bytes))
    if not lines:
        raise EmptyDocumentError("empty text", url=url)
    removals = Removals(keep=explain)
    md = Metadata(url=url)
    start = _top(lines, md, removals, config)
    found_images, body = _captions(lines[start:], removals)
    blocks = clean_blocks(
        _blocks(body), removals, captions=[i.caption for i in found_images if i.caption], headlines=[md.headline] if md.headline else (), disabled=config.disabled_rules
    )
    if sum(len(b.text) for b in blocks) < config.min_body_chars or not any(is_real_paragraph(b) for b in blocks):
        raise NoArticleError("no article text found in the dump", url=url)
    return build_article(md, blocks, found_images, removals if explain else None)


def _lines(text: str) -> list[_Line]:
    raw = [normalize_text(line) for line in text.splitlines()]
    has_blank_lines = any(not line for line in raw)
    out: list[_Line] = []
    for index, line in enumerate(raw):
        if not line:
            continue
        before = index == 0 or not raw[index - 1]
        after = index + 1 == len(raw) or not raw[index + 1]
        out.append(_Line(line, (before and after) or not has_blank_lines))
    return out


# -- the top: headline, dek, byline, date -----------------------------------------------------


def _top(lines: list[_Line], md: Metadata, removals: Removals, config: Config) -> int:
    """Fill headline, dek, authors and date; return the index of the first body line."""
    skip = [match_rule(line.text, config.disabled_rules) is not None for line in lines]
    anchors = [i for i, line in enumerate(lines[:60]) if (not skip[i] or _BYLINE.match(line.text)) and _is_anchor(line.text)]
    if not anchors:
        return 0
    anchor = anchors[0]
    # A long dek looks like prose; a byline, date or caption just below it is the real anchor.
    for later in anchors[1:3]:
        if later - anchor <= 2 and not _is_prose_anchor(lines[later].text) and _is_prose_anchor(lines[anchor].text):
            anchor = later
            break
    above = [i for i in range(anchor - 1, -1, -1) if not skip[i]][:2]
    headline_at = dek_at = None
    if above and _headline_like(lines[above[0]].text):
        if len(above) > 1 and _headline_like(lines[above[1]].text) and _dek_of(lines[above[0]].text, lines[above[1]].text):
            headline_at, dek_at = above[1], above[0]
        else:
            headline_at = above[0]
    elif above and len(above) > 1 and _headline_like(lines[above[1]].text) and 30 <= len(lines[above[0]].text) <= 400:
        headline_at, dek_at = above[1], above[0]
    if headline_at is None:
        return 0
    for line in lines[:headline_at]:
        removals(line.text, "nav-residue")
    md.headline = lines[headline_at].text
    md.alternativeHeadline = lines[dek_at].text if dek_at is not None else None
    index = (dek_at if dek_at is not None else headline_at) + 1
    while index < len(lines) and index < headline_at + 8:
        text = lines[index].text
        if _BYLINE.match(text) and len(text) <= 160:
            _read_byline(text, md)
        elif _date(text):
            md.datePublished = md.datePublished or _date(text)
        elif not skip[index]:
            break
        else:
            removals(text, match_rule(text, config.disabled_rules).name)  # type: ignore[union-attr]
        index += 1
    return index


def _is_anchor(text: str) -> bool:
    return bool((_BYLINE.match(text) and len(text) <= 160) or _date(text) or _is_caption(text) or _is_prose_anchor(text))


def _is_prose_anchor(text: str) -> bool:
    return bool(len(text) >= 100 and _SENTENCE_END.search(text) and len(text.split()) >= 15)


def _headline_like(text: str) -> bool:
    words = len(text.split())
    return 3 <= words <= 25 and len(text) <= 220 and not text.endswith(":")


def _dek_of(lower: str, upper: str) -> bool:
    """Whether ``lower`` is the dek under headline ``upper`` (rather than ``upper`` being residue)."""
    return len(lower) >= len(upper) and len(lower.split()) >= 8 and len(upper.split()) >= 4


def _read_byline(text: str, md: Metadata) -> None:
    names = _BYLINE_NAMES_END.split(text)[0]
    rest = text[len(names) :].strip(" ,|•·—–-")
    if not _CONJUNCTION.search(names):
        names = names.split(",")[0]  # "Por Fernanda Lopes, Jornal do Norte": name, then outlet
    md.authors = md.authors or clean_authors([names])
    md.datePublished = md.datePublished or (_date(rest) if rest else None)


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
            caption, credit = split_credit(text)
            key = (caption or "").casefold()
            if key in found:
                removals(text, "caption")
            else:
                found[key] = Image(caption=caption, credit=credit)
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
    if len(text) > 90 or len(text.split()) > 12 or _SENTENCE_END.search(text) or text.endswith(":"):
        return False
    after = lines[index + 1].text if index + 1 < len(lines) else ""
    before = lines[index - 1].text if index else ""
    follows_prose = is_real_paragraph(Block("paragraph", before))
    return is_real_paragraph(Block("paragraph", after)) and (lines[index].alone or follows_prose)
