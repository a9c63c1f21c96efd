"""Stage 4: prune page furniture from the tree, in place, with an undo log.

Tags that never hold article text go first; then elements whose role, class or id marks
furniture (``rules/dom.py``), link lists the prose does not lead into, and the selectors
of a user's packs, unless the element holds much of the page's prose (class names lie,
prose does not). Everything removed but the never-text tags goes into a :class:`Pruning`,
so that the pipeline's safety net can put it back when the body comes out too small.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from newsclean.normalize import normalize_text
from newsclean.rules import dom

_FURNITURE = etree.XPath(dom.FURNITURE_XPATH)
_CLASSED = etree.XPath("//@class/.. | //@id/..")  # the attribute axis: only elements that have one
_IN_CAPTION = etree.XPath("boolean(ancestor::figcaption)")
_PARAGRAPHS = etree.XPath("//p")
_LISTS = etree.XPath("//ul | //ol")
_TABLES = etree.XPath("//table")
_UNLINKED_H1 = etree.XPath("descendant-or-self::h1[not(ancestor::a)]")
_UNLINKED_P = etree.XPath("descendant-or-self::p[not(ancestor::a)]")
# A boilerplate-looking container that holds this share of the page's paragraph text is
# the article wrapper with an unlucky class name, not boilerplate.
MAX_PRUNED_SHARE = 0.25

Recorder = Callable[[str, str], None]


class Removal:
    """Elements taken out of the tree, in order, so that they can be put back.

    A removed element is detached whole, so undoing is putting each element back where it
    was, last removed first (see :meth:`undo`).
    """

    __slots__ = ("drops",)

    def __init__(self) -> None:
        self.drops: list[_Drop] = []

    def undo(self) -> None:
        """Put every removed element back in place (the tree is as it was before)."""
        for drop in reversed(self.drops):
            drop.restore()
        self.drops.clear()


class Pruning(Removal):
    """What :func:`prune` took out of the tree (a :class:`Removal`), and ``page_chars``: the
    paragraph text the page held before pruning, the yardstick of the safety net in the
    pipeline."""

    __slots__ = ("page_chars",)

    def __init__(self, page_chars: int) -> None:
        super().__init__()
        self.page_chars = page_chars


def prune(tree: HtmlElement, record: Recorder) -> Pruning:
    """Remove furniture from the tree in place, reporting what went through ``record``.

    Returns the :class:`Pruning`, which can undo everything but the tags that never hold
    text (scripts, styles, navigation).
    """
    explaining = getattr(record, "keep", True)
    etree.strip_elements(tree, *dom.NON_CONTENT_TAGS, with_tail=False)
    _unwrap_layout_tables(tree)
    total = sum(len(p.text_content()) for p in _PARAGRAPHS(tree))
    pruning = Pruning(total)
    total = total or 1
    doomed: list[tuple[HtmlElement, str]] = []
    for el in _FURNITURE(tree):
        # A caption hidden from screen readers (the picture's alt text says it) is still the caption.
        if el.tag not in dom.PROTECTED_TAGS and not (el.get("aria-hidden") == "true" and _IN_CAPTION(el)):
            doomed.append((el, "dom:role"))
    for el in _CLASSED(tree):
        if el.tag in dom.PROTECTED_TAGS:
            continue
        classes, ident = el.get("class", ""), el.get("id", "")
        if _condemned(classes, ident):
            # Which word condemned it is only worth finding out when explaining.
            doomed.append((el, (_class_rule(classes, ident) or "dom:class") if explaining else "dom:class"))
    for el in _LISTS(tree):
        if _is_link_list(el) and not _within_text(el):
            doomed.append((el, "dom:link-list"))
            label = el.getprevious()
            # The line above such a list ("Mehr zum Thema", "■関連記事") only introduces it.
            if label is not None and label.tag in dom.LIST_LABEL_TAGS and len(label.text_content().strip()) <= 80:
                doomed.append((label, "dom:link-list"))
    _remove(tree, doomed, record, pruning, spare=lambda el: _holds_article_text(el, total))
    return pruning


# Whether a class/id word is a furniture word, for every word seen so far. A class string
# is furniture when one of its words is (the tokens of rules.dom never span a space), and
# the words repeat far more than the strings: frameworks share them across sites (``row``,
# ``col-md-6``, ``container``), so the regex runs once per new word, not once per element.
_WORD_VERDICTS: dict[str, bool] = {}
_MAX_WORDS = 200_000


def _condemned(classes: str, ident: str) -> bool:
    """Whether the class/id pair holds a furniture word (the test of :func:`_class_rule`, fast)."""
    for word in f"{classes} {ident}".split():
        verdict = _WORD_VERDICTS.get(word)
        if verdict is None:
            if len(_WORD_VERDICTS) >= _MAX_WORDS:  # a crawl of a million sites: start over
                _WORD_VERDICTS.clear()
            verdict = _WORD_VERDICTS[word] = dom.BOILERPLATE_CLASS.search(word) is not None
        if verdict:
            return True
    return False


@lru_cache(maxsize=8192)
def _class_rule(classes: str, ident: str) -> str | None:
    """The prune rule a class/id pair matches, if any (pages and sites repeat their class strings).

    The rule name says which word condemned the element, for explain=True.
    """
    match = dom.BOILERPLATE_CLASS.search(f"{classes} {ident}")
    return "dom:class:" + match.group(0).strip(" _-").lower() if match else None


def _unwrap_layout_tables(tree: HtmlElement) -> None:
    """Turn tables used for page layout into plain containers.

    Older sites lay the whole page out in nested tables: the story is one cell, menus,
    "Most popular" and share links are others. As a table it is kept whole, every cell a
    datum; as containers, each cell is judged on its own text and links, like any <div>.
    A table is layout when it holds another table and a cell of prose (a long run of text).
    """
    layout = [
        table for table in _TABLES(tree)
        if table.find(".//table") is not None
        and any(len(cell.text_content()) > dom.LAYOUT_CELL_CHARS for cell in table.iter("td", "th"))
        and not any(_is_data_table(inner) for inner in table.iterdescendants("table"))
    ]
    if not layout:
        return
    chosen = set(layout)
    for table in layout:
        # Only the table's own rows and cells: a data table inside the story stays a table.
        for el in table.iter("tbody", "thead", "tfoot", "tr", "td", "th"):
            if next(el.iterancestors("table")) in chosen:
                el.tag = "div"
    for table in layout:
        table.tag = "div"


def _is_data_table(table: HtmlElement) -> bool:
    """Rows of several short cells in words, not links: figures the story reports (results, prices).

    A layout that holds one is left a table: unwrapped, the story cell around it would be
    read as one paragraph and the table's cells run together.
    """
    rows = [row for row in table.iter("tr") if len([c for c in row if c.tag in ("td", "th")]) >= 2]
    if len(rows) < 2:
        return False
    text = len(table.text_content().strip())
    return text > 0 and link_chars(table) < 0.5 * text and all(
        len(cell.text_content()) <= dom.LAYOUT_CELL_CHARS for cell in table.iter("td", "th")
    )


def link_chars(el: HtmlElement) -> int:
    """How many characters of an element's text are link text (for link-density tests)."""
    return sum(len(a.text_content().strip()) for a in el.iter("a"))


def _is_link_list(el: HtmlElement) -> bool:
    """A list whose items are all links: related stories, sources, a table of contents.

    Articles write lists in words; a list that is nothing but links points away from
    the text, whatever its class says.
    """
    items = [li for li in el if li.tag == "li"]
    if len(items) < 2:
        return False
    text = linked = 0
    for li in items:
        own = len(li.text_content().strip())
        link = link_chars(li)
        if own and not link:
            return False  # one item in plain words: a written list with a few links
        text += own
        linked += link
    return text > 0 and linked >= dom.LINK_LIST_SHARE * text


def _within_text(el: HtmlElement) -> bool:
    """A list that the article's own paragraphs lead into: a prose paragraph right before
    it, or a line before it and a prose paragraph right after (tour dates, deals, sources
    the story cites). A related-stories list labelled "Read more:" inside the text is left
    to the text rules, which know the label.
    """
    if _described_items_among_prose(el):
        return True
    before, after = el.getprevious(), el.getnext()
    if before is None or before.tag != "p":
        return False
    text = normalize_text(before.text_content())
    if is_prose(before, text) or _leads_in(before, text):
        return True
    return after is not None and after.tag == "p" and is_prose(after, normalize_text(after.text_content()))


def _described_items_among_prose(el: HtmlElement) -> bool:
    """A list of five or more items that each read as a sentence (a deal with its price and
    shop, a product with its specs: ``DESCRIBED_ITEM_CHARS`` on average), standing among two
    or more prose paragraphs of the same container: the story's own list, however linked.
    A related-stories box lists bare headlines, and sits outside the text or under a label
    the text rules know."""
    items = [li for li in el if li.tag == "li"]
    if len(items) < dom.MIN_DESCRIBED_ITEMS:
        return False
    if sum(len(li.text_content().strip()) for li in items) < dom.DESCRIBED_ITEM_CHARS * len(items):
        return False
    parent = el.getparent()
    prose = 0
    for sibling in parent if parent is not None else ():
        if sibling.tag == "p" and is_prose(sibling, normalize_text(sibling.text_content())):
            prose += 1
            if prose >= 2:
                return True
    return False


def _leads_in(el: HtmlElement, text: str) -> bool:
    """A sentence of its own that hands over to the list ("If you are curious, click the
    links below."): eight words or more, ending in a full stop, few of them links. A label
    ("Related:", "More on this topic in our weekly column:") ends in a colon."""
    return len(text.split()) >= 8 and text.endswith(".") and link_chars(el) < 0.15 * len(text)


def _holds_article_text(el: HtmlElement, total: int) -> bool:
    """Whether a boilerplate-looking element is really (part of) the article.

    Class names lie (``sidebar-grid__content`` wraps the story on some sites), prose does
    not: two long paragraphs with few links, a large share of the page's paragraph text,
    or the headline mean the element stays. A heading or paragraph inside a link is a
    teaser card pointing elsewhere (some sites give each its own ``<h1>``), not the article.
    """
    if _UNLINKED_H1(el):
        return True
    share = 0
    prose = 0
    for p in _UNLINKED_P(el):
        text = p.text_content()
        share += len(text)
        if len(text) >= 150:
            linked = link_chars(p)
            prose += linked < 0.2 * len(text)
    # A single long paragraph with a misleading class (``<p class="text regwalled">``) is prose too.
    return share > MAX_PRUNED_SHARE * total or prose >= 2 or (prose == 1 and el.tag == "p")


class _Drop:
    """One removed element and where it was: enough to put it back exactly."""

    __slots__ = ("el", "holder", "index", "parent", "previous", "tail")

    def __init__(self, el: HtmlElement, parent: HtmlElement) -> None:
        self.el = el
        self.parent = parent
        self.previous = el.getprevious()
        self.index = parent.index(el)
        self.tail = el.tail if el.tail and el.tail.strip() else None
        self.holder = self.previous if self.previous is not None else parent

    def restore(self) -> None:
        if self.tail is not None:  # take back the tail text that was kept in the document
            attr = "tail" if self.holder is self.previous else "text"
            value = getattr(self.holder, attr) or ""
            at = value.rfind(self.tail)
            if at >= 0:
                setattr(self.holder, attr, value[:at] + value[at + len(self.tail):])
        if self.previous is not None and self.previous.getparent() is self.parent:
            self.previous.addnext(self.el)
        elif self.previous is None:
            self.parent.insert(0, self.el)
        else:
            self.parent.insert(min(self.index, len(self.parent)), self.el)


def _drop(el: HtmlElement) -> _Drop | None:
    """Remove an element but keep its tail text in the document; say how to undo it."""
    parent = el.getparent()
    if parent is None:
        return None
    drop = _Drop(el, parent)
    if drop.tail is not None:
        previous = drop.previous
        if previous is not None:
            previous.tail = (previous.tail or "") + drop.tail
        else:
            parent.text = (parent.text or "") + drop.tail
    parent.remove(el)
    return drop


def prune_elements(tree: HtmlElement, targets: list[tuple[HtmlElement, str]], record: Recorder, pruning: Pruning) -> None:
    """Remove elements a user's rule pack names (``Config.prune_targets``), into the same
    undo log as :func:`prune`: the user's selector is the evidence, so no prose check."""
    _remove(tree, targets, record, pruning)


def _remove(
    tree: HtmlElement, targets: list[tuple[HtmlElement, str]], record: Recorder, pruning: Pruning,
    spare: Callable[[HtmlElement], bool] | None = None,
) -> None:
    """Detach every target still in the tree, unless ``spare`` keeps it, into the undo log;
    ``record`` hears the text and rule of each (only built when explaining)."""
    root = tree.getroottree().getroot()
    explaining = getattr(record, "keep", True)
    for el, rule in targets:
        if not _in_tree(el, root) or (spare is not None and spare(el)):
            continue  # already removed, itself or with an ancestor; or kept for its prose
        if explaining:
            text = normalize_text(el.text_content())
            if text:
                record(text[:300], rule)
        drop = _drop(el)
        if drop is not None:
            pruning.drops.append(drop)


def _in_tree(el: HtmlElement, root: HtmlElement) -> bool:
    """Whether ``el`` still hangs from ``root`` (a removed subtree keeps its own parents, and
    lxml still reports the document's root for it: walk up to see)."""
    parent = el.getparent()
    while parent is not None:
        el, parent = parent, parent.getparent()
    return el is root


def drop_elements(elements: list[HtmlElement]) -> Removal:
    """Remove the given elements (e.g. captions, already recorded as images); undoable."""
    dropped = Removal()
    for el in elements:
        if el.getparent() is not None and (drop := _drop(el)) is not None:
            dropped.drops.append(drop)
    return dropped


def is_prose(el: HtmlElement, text: str) -> bool:
    """A paragraph of the article's own prose: long, in words, few of them links."""
    if len(text) < 100 or len(text.split()) < 15:
        return False
    linked = link_chars(el)
    return linked < 0.15 * len(text)
