"""``clean_text()``: the plain-text path, for pages copied as text ("select all", naive scrapers).

A dump has no markup, so structure is read from the lines themselves:

    nav residue -> headline -> dek -> byline/date -> captions -> body -> end of article

The body lines go through the same cleaning stage and rules as HTML blocks.
"""

from __future__ import annotations

import re

from newsclean.canonical import normalize_text
from newsclean.config import DEFAULT_CONFIG, Config
from newsclean.errors import EmptyDocumentError, NoArticleError
from newsclean.model import Article, Block, BlockType, Image
from newsclean.pipeline import build_article
from newsclean.stages.cleaning import Removals, clean_blocks, is_real_paragraph, match_rule
from newsclean.stages.decode import decode
from newsclean.stages.images import split_credit
from newsclean.stages.metadata import Metadata, clean_authors, normalize_date

_LIST_ITEM = re.compile(r"^(?:[-•*–·▪►]|\d{1,2}[.)])\s+")
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door|av|af|przez)\s+\S", re.I)
_CAPTION_LEAD = re.compile(r"^(?:illustrative|file|archive|archivbild|symbolbild|photo|foto|bild|image|pictured|above|top)\s*[:：]", re.I)
_SENTENCE_END = re.compile(r"[.!?…»”\"')]$")


def clean_text(text: str, url: str | None = None, *, explain: bool = False, config: Config | None = None) -> Article:
    """Clean a plain-text dump of a news page into an :class:`~newsclean.Article`.

    Raises :class:`~newsclean.EmptyDocumentError` for empty input and
    :class:`~newsclean.NoArticleError` when no article text is left.
    """
    config = config or DEFAULT_CONFIG
    text = decode(text if isinstance(text, (str, bytes)) else str(text), max_bytes=config.max_bytes)
    lines = [normalize_text(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise EmptyDocumentError("empty text", url=url)
    removals = Removals(keep=explain)
    md = Metadata(url=url)
    index = _headline(lines, md, removals, config)
    index = _dek_and_byline(lines, index, md)
    found_images, body_lines = _captions(lines[index:], removals)
    blocks = _blocks(body_lines)
    blocks = clean_blocks(blocks, removals, captions=[i.caption for i in found_images if i.caption], headline=md.headline, disabled=config.disabled_rules)
    if sum(len(b.text) for b in blocks) < config.min_body_chars or not any(is_real_paragraph(b) for b in blocks):
        raise NoArticleError("no article text found in the dump", url=url)
    return build_article(md, blocks, found_images, removals if explain else None)


def _headline(lines: list[str], md: Metadata, removals: Removals, config: Config) -> int:
    """The headline is the first line that reads like one; short menu words before it are residue."""
    for index, line in enumerate(lines):
        words = len(line.split())
        if (words >= 4 or len(line) >= 30) and not match_rule(line, config.disabled_rules) and len(line) <= 250:
            for residue in lines[:index]:
                removals(residue, "nav-residue")
            md.headline = line.rstrip(" .")  if not line.endswith("...") else line
            return index + 1
    return 0


def _dek_and_byline(lines: list[str], index: int, md: Metadata) -> int:
    """A dek directly under the headline, then byline/date lines, in either order."""
    for _ in range(3):
        if index >= len(lines):
            break
        line = lines[index]
        date = _date(line)
        if _BYLINE.match(line) or (date and len(line) <= 80):
            names = re.split(r"\s*[|•·]\s*|,\s*(?=\d)|\s+[-–—]\s+(?=\d)", line)[0]
            if _BYLINE.match(line):
                md.authors = clean_authors([names])
            md.datePublished = md.datePublished or date
            index += 1
            continue
        if md.alternativeHeadline is None and 30 <= len(line) <= 400 and _looks_like_dek(lines, index):
            md.alternativeHeadline = line
            index += 1
            continue
        break
    return index


def _looks_like_dek(lines: list[str], index: int) -> bool:
    line = lines[index]
    following = lines[index + 1] if index + 1 < len(lines) else ""
    # A dek rarely ends like a sentence; when it does, it is followed by a byline or caption.
    return not _SENTENCE_END.search(line) or bool(_BYLINE.match(following) or _date(following) or _is_caption(following))


def _date(line: str) -> str | None:
    if len(line) > 120:
        return None
    return normalize_date(re.sub(r"^(?:updated|published|veröffentlicht|aktualisiert|publié le|publicado)\s*:?\s*", "", line, flags=re.I))


def _is_caption(line: str) -> bool:
    if len(line) > 400:
        return False
    caption, credit = split_credit(line)
    return bool(credit and caption) or bool(_CAPTION_LEAD.match(line) and len(line) < 300 and credit)


def _captions(lines: list[str], removals: Removals) -> tuple[list[Image], list[str]]:
    """Pull caption lines out of the body: credited lines, and lines repeated back to back."""
    found: dict[str, Image] = {}
    body: list[str] = []
    previous = None
    for line in lines:
        if (line == previous and not is_real_paragraph(Block("paragraph", line))) or (line == previous and _is_caption(line)):
            removals(line, "caption")
            continue
        previous = line
        if _is_caption(line):
            caption, credit = split_credit(line)
            key = (caption or "").casefold()
            if key in found:
                removals(line, "caption")
            else:
                found[key] = Image(caption=caption, credit=credit)
            continue
        body.append(line)
    return list(found.values()), body


def _blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for index, line in enumerate(lines):
        kind: BlockType = "paragraph"
        if _LIST_ITEM.match(line):
            kind, line = "list_item", _LIST_ITEM.sub("", line)
        elif _is_subheading(lines, index):
            kind = "heading"
        blocks.append(Block(kind, line))
    return blocks


def _is_subheading(lines: list[str], index: int) -> bool:
    line = lines[index]
    if len(line) > 90 or len(line.split()) > 12 or _SENTENCE_END.search(line) or line.endswith(":"):
        return False
    before = lines[index - 1] if index else ""
    after = lines[index + 1] if index + 1 < len(lines) else ""
    return is_real_paragraph(Block("paragraph", before)) and is_real_paragraph(Block("paragraph", after))
