"""Stage 6: the body, as ordered blocks, from the pruned tree.

1. Run trafilatura on the already-parsed, pruned tree (it copies the tree; nothing
   re-parses), without the readability comparison where it cannot matter
   (:mod:`newsclean.stages.readability_guard`).
2. Turn trafilatura's XML body into typed blocks.
3. Put back lead paragraphs trafilatura skipped (:func:`rescue_prose`), and offer the
   JSON-LD ``articleBody`` as blocks (:func:`structured_blocks`).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from newsclean.model import Block, BlockType
from newsclean.normalize import is_label_line, normalize_text
from newsclean.rules import dom
from newsclean.stages import readability_guard
from newsclean.stages.prune import is_prose

log = logging.getLogger(__name__)

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")

# What newsclean asks trafilatura for: the body only, tables kept (results, prices);
# comments, images (the images stage has them), formatting, metadata (the metadata stage)
# and cross-page de-duplication (a batch's business) are not needed.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False, "include_tables": True, "include_images": False,
    "include_formatting": False, "with_metadata": False, "deduplicate": False,
}


def main_blocks(tree: HtmlElement, url: str | None, *, favor: str = "balanced") -> list[Block]:
    """trafilatura's main content of the tree, as blocks in reading order."""
    try:
        with readability_guard.active():
            document = trafilatura.bare_extraction(
                tree, url=url, favor_precision=favor == "precision", favor_recall=favor == "recall", **TRAFILATURA_OPTIONS
            )
    except (ValueError, TypeError, AttributeError, RecursionError) as error:
        log.debug("trafilatura failed on %s: %s", url, error)
        return []
    body = getattr(document, "body", None)
    return [] if body is None else blocks_from_xml(body)


def blocks_from_xml(body: etree._Element) -> list[Block]:
    """trafilatura's XML body (``<p>``, ``<head>``, ``<list>``/``<item>``, ``<quote>``,
    ``<table>``, ``<lb/>``) as blocks in reading order; every piece of its text is kept."""
    blocks: list[Block] = []
    _convert(body, blocks)
    return blocks


readability_guard.install()  # see its module: the same body, without a comparison that cannot matter

_TYPES: dict[str, BlockType] = {"p": "paragraph", "head": "heading", "quote": "quote", "item": "list_item", "code": "preformatted"}


def _convert(element: etree._Element, out: list[Block]) -> None:
    # Text that sits loose in a container (``<h2>..</h2>Text<br>``, common on hand-written
    # CMS templates) comes back as the container's text or a child's tail: it is prose too.
    _rejoin_split_runs(element)
    _loose(element.text, out)
    for child in element:
        _convert_child(child, out)
        _loose(child.tail, out)


def _rejoin_split_runs(element: etree._Element) -> None:
    """Join the pieces of one run of loose text that trafilatura cut at its links.

    Loose text with inline links in a container (``<div>The hardest <a>Ricky</a> and I
    ever worked.</div>``) comes back as ``<p>The hardest </p>Ricky<p> and I ever
    worked.</p>``: each link's words a tail between two paragraphs. A paragraph that ends
    in a space, a short tail on the same line and a paragraph that goes on after a space
    are one sentence; real paragraphs end in a full stop and start with a word.
    """
    children = list(element)
    index = 0
    while index < len(children) - 1:
        first, second = children[index], children[index + 1]
        tail = first.tail or ""
        if (
            first.tag == "p" and second.tag == "p" and len(first) == 0 and len(second) == 0
            and (first.text or "")[-1:] in _RUN_OPENS and (second.text or "")[:1] in _RUN_GOES_ON
            and tail.strip() and "\n" not in tail and len(tail) <= MAX_SPLIT_TAIL
        ):
            first.text = (first.text or "") + tail + (second.text or "")
            first.tail = second.tail
            element.remove(second)
            del children[index + 1]
            continue
        index += 1


# The longest link text that :func:`_rejoin_split_runs` puts back between two pieces of a run ...
MAX_SPLIT_TAIL = 80
# ... where the piece before ends in a space or an opening mark ("the '<a>tl;dr</a>' excuse"),
# and the piece after starts with a space or closing punctuation.
_RUN_OPENS = frozenset(" \t\n\u00a0'\"‘“(«„[")
_RUN_GOES_ON = frozenset(" \t\n\u00a0'\"’”).,;:!?»]")


def _loose(text: str | None, out: list[Block]) -> None:
    if text and text.strip():
        normalized = normalize_text(text)
        if normalized:
            out.append(Block("paragraph", normalized))


def _convert_child(child: etree._Element, out: list[Block]) -> None:
    tag = child.tag if isinstance(child.tag, str) else ""
    if tag == "table" and _is_layout_table(child):
        for cell in child.iter("cell"):
            _convert_container(cell, out)
    elif tag == "table":
        rows = [" | ".join(" ".join(_segments(cell)) for cell in row) for row in child.iter("row")]
        text = "\n".join(r for r in rows if r.strip(" |"))
        if text:
            out.append(Block("table", text))
    elif tag in ("list", "div", "body") or (tag == "quote" and child.find("p") is not None):
        _convert(child, out)
    elif tag == "code":
        # Code keeps its lines; only each line's own whitespace is normalised.
        lines = [unicodedata.normalize("NFC", line).rstrip() for line in "".join(child.itertext()).splitlines()]
        text = "\n".join(line for line in lines if line.strip()).expandtabs(4)
        if text:
            out.append(Block("preformatted", text))
    elif tag in _TYPES:
        kind = _TYPES[tag]
        if tag == "item" and child.find("list") is not None:
            _convert_item_with_lists(child, out)
            return
        for segment in _segments(child):
            out.append(Block(kind, segment))
    elif tag != "graphic":
        text = " ".join(_segments(child))
        if text:
            out.append(Block("paragraph", text))


# The children of a list item that :func:`_convert_child` turns into blocks of their own.
_ITEM_BLOCKS = frozenset({"list", "quote", "p", "head", "table", "code", "div"})


def _convert_item_with_lists(item: etree._Element, out: list[Block]) -> None:
    """A list item holding a list: its own lines, the sublist and whatever follows, in order.

    Forum threads come back from trafilatura as one item per post: the poster's name, a
    sublist of date and post number, then the post itself (a quote, lines between <lb/>s).
    Every part is text of the item; only the sublists and block children are blocks of their own.
    """
    lines: list[str] = [item.text or ""]

    def flush() -> None:
        for line in lines:
            for piece in _BLANK_LINE.split(line):
                if text := normalize_text(piece):
                    out.append(Block("list_item", text))
        lines[:] = [""]

    for node in item:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "lb":
            lines.append("")
        elif tag in _ITEM_BLOCKS:
            flush()
            _convert_child(node, out)
        elif tag != "graphic":
            lines[-1] += "".join(node.itertext())
        lines[-1] += node.tail or ""
    flush()


def _is_layout_table(table: etree._Element) -> bool:
    """A table used for page layout (old hand-rolled sites): a cell holds prose, not a datum."""
    return any(len("".join(cell.itertext())) > 250 for cell in table.iter("cell"))


def _convert_container(element: etree._Element, out: list[Block]) -> None:
    """A layout cell: its own text (split at line breaks) and its block children, in order."""
    inline: list[str] = [element.text or ""]
    for child in element:
        if child.tag in ("p", "head", "quote", "list", "table", "code", "div"):
            out.extend(Block("paragraph", t) for t in (normalize_text(x) for x in inline) if t)
            inline = [""]
            _convert(_wrap(child), out)
        elif child.tag == "lb":
            inline.append("")
        else:
            inline[-1] += "".join(child.itertext())
        inline[-1] += child.tail or ""
    out.extend(Block("paragraph", t) for t in (normalize_text(x) for x in inline) if t)


def _wrap(child: etree._Element) -> etree._Element:
    wrapper = etree.Element("div")
    wrapper.append(etree.fromstring(etree.tostring(child, with_tail=False)))
    return wrapper


# Elements that trafilatura sometimes leaves inside a paragraph, quote or list item (a raw
# <table> in a <p>, <li>s in a <quote>, <head>s and <article>s in an <item>): their text
# is a line of its own, never glued to the words around it. A raw <br> is a line break.
_BLOCK_TAGS = frozenset({
    "p", "head", "list", "item", "table", "row", "cell", "quote", "article", "section", "div",
    "tr", "td", "th", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
})
_LINE_BREAKS = frozenset({"lb", "br"})


def _segments(element: etree._Element) -> list[str]:
    """Text of an element in document order, split at line breaks (<lb/>) and around
    block elements nested in it into separate paragraphs."""
    parts: list[str] = [""]

    def walk(node: etree._Element) -> None:
        parts[-1] += node.text or ""
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else None
            if tag in _LINE_BREAKS:
                parts.append("")
            elif tag in _BLOCK_TAGS:
                parts.append("")
                walk(child)
                parts.append("")
            elif tag is not None:
                walk(child)
            parts[-1] += child.tail or ""

    walk(element)
    # A blank line inside one element is where trafilatura joined two runs of loose text.
    parts = [piece for part in parts for piece in _BLANK_LINE.split(part)]
    return [t for t in (normalize_text(p) for p in parts) if t]


def structured_blocks(article_body: str) -> list[Block]:
    """Paragraph blocks from a JSON-LD ``articleBody`` (newlines separate paragraphs)."""
    import html as htmllib

    text = htmllib.unescape(re.sub(r"<(?:br|/p|/div|/h\d)[^>]*>", "\n", article_body, flags=re.I))
    text = re.sub(r"<[^>]{1,300}>", " ", text)
    return [Block("paragraph", t) for t in (normalize_text(line) for line in text.split("\n")) if t]


def rescue_prose(
    tree: HtmlElement, blocks: list[Block], is_boilerplate: Callable[[str], bool], headline: str | None = None
) -> list[Block]:
    """Put back the lead paragraphs that trafilatura skipped between the headline and its text.

    trafilatura sometimes starts below the lead, when the first paragraphs sit in another
    container. Paragraphs of prose (long, few links, no rule or credit) that lie after the
    headline and before the first extracted paragraph are the article's opening. The
    headline is the <h1>, or a lower heading that reads as ``headline`` (a blog whose only
    <h1> is its name, above an "About me" blurb, titles the post in an <h2>).
    Gaps further down are left alone: there, such paragraphs are mostly teasers, bios
    and captions.
    """
    first = next((b for b in blocks if b.type == "paragraph"), None)
    if first is None:
        return blocks
    first_key = _key(first.text)
    title = _key(headline or "")
    title = title if len(title) >= MIN_TITLE_CHARS else ""
    lead: list[Block] = []
    h1_seen = tree.find(".//h1") is None
    titled = False  # a heading that reads as the headline has been seen
    for el in tree.iter("p", "h1", "h2", "h3"):
        if el.tag != "p":
            is_title = bool(title) and _reads_as_title(_key(el.text_content()), title)
            # Every <h1> starts the lead afresh; a lower heading only when it is the first
            # to read as the headline (not the headline's repeat under an <h1> that had it).
            if el.tag == "h1" or (is_title and not titled):
                h1_seen, lead = True, []
            titled = titled or is_title
            continue
        text = normalize_text(el.text_content())
        if _key(text) == first_key:
            break
        if h1_seen and is_prose(el, text) and not is_boilerplate(text) and not _in_furniture(el):
            lead.append(Block("paragraph", text))
    else:
        return blocks  # the first paragraph was not found as a <p>: nothing to anchor on
    return lead + blocks if lead else blocks


def prepend_standfirst(tree: HtmlElement, blocks: list[Block], dek: str | None, headlines: Sequence[str] = ()) -> list[Block]:
    """Open the body with the standfirst when trafilatura left it out.

    The dek (the subtitle the page declares or marks up) printed as a paragraph of its
    own (a <p>, or a <div>, <h2> or <span> with no paragraphs in it) between the headline
    and the text's first paragraph is the article's opening: part of the body, as
    the lead of a printed story is, however short. A dek that is not printed, or printed
    only further down, stays in ``alternativeHeadline`` alone, and so does one that is
    not in words (a date line), a short line with no full stop (a second headline), or
    one that holds one of the ``headlines`` (a social title, or a kicker, headline and
    lead run together).
    """
    if not dek or not blocks or len(dek) < MIN_STANDFIRST_CHARS or not _in_words(dek):
        return blocks
    if is_label_line(dek):
        return blocks  # a second headline ("Fire in Lichterfelde: toxic smoke warning"), not a lead
    key = _key(dek)
    headline_keys = [_key(h) for h in headlines if h]
    if any(h in key for h in headline_keys):
        return blocks
    if key in _key(" ".join(b.text for b in blocks)):
        return blocks  # already there, maybe over several lines
    # The text's first paragraph (not a label, kicker or heading above it: they repeat anywhere).
    first = next((b.text for b in blocks if b.type == "paragraph" and len(b.text) > MIN_STANDFIRST_CHARS), blocks[0].text)
    # A dek stands under the headline (the <h1>, or the heading that reads as the headline),
    # not in a column printed before it.
    titles = [h for h in headline_keys if len(h) >= MIN_TITLE_CHARS]
    headline_seen = tree.find(".//h1") is None
    for el in tree.iter("p", "h1", "h2", "h3", "div", "span"):
        if el.tag in ("h1", "h2", "h3") and (el.tag == "h1" or any(_reads_as_title(_key(el.text_content()), t) for t in titles)):
            headline_seen = True
            continue
        if el.tag == "h3":
            continue
        if el.tag != "p" and el.find(".//p") is not None:
            continue  # a wrapper: its paragraphs are read one by one
        text = normalize_text(el.text_content())
        if len(text) > MIN_STANDFIRST_CHARS and first.startswith(text[:60]):
            return blocks  # reached the text: the dek is not above it
        if text == dek and headline_seen:
            return [Block("paragraph", dek), *blocks]
    return blocks


# A dek shorter than this is a label or a kicker, not a standfirst (and a longer one that
# reads as a label line is a second headline, as the leading-residue check reads it).
MIN_STANDFIRST_CHARS = 30


def _in_words(text: str) -> bool:
    """Most of the text's characters are letters (not a date and time line)."""
    visible = [c for c in text if not c.isspace()]
    return sum(c.isalpha() for c in visible) >= 0.5 * len(visible)


# A headline shorter than this is too common a phrase to recognise a heading by.
MIN_TITLE_CHARS = 10


def _reads_as_title(key: str, title: str) -> bool:
    """The heading is the headline, maybe with the blog's name before or after it."""
    return key.startswith(title) or key.endswith(title)


def _in_furniture(el: HtmlElement) -> bool:
    """Inside the page header, a menu, a side box, a list or a figure: not the article's lead.

    (A traffic-news flyout in a broadcaster's page header is a run of long paragraphs
    too; an article's own <header>, the one with the <h1>, does hold the lead.)
    """
    for a in el.iterancestors():
        if a.tag in dom.LEAD_EXCLUDING_TAGS:
            return True
        if a.tag == "header" and a.find(".//h1") is None:  # the page's header, not the article's
            return True
    return False


def _key(text: str) -> str:
    return " ".join(text.casefold().split())
