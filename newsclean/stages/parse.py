"""Stage 2: text -> the one lxml tree that every later stage reads.

libxml2 caps nesting depth, so a 100,000-deep document cannot blow the stack; it
is parsed to the cap and the rest is dropped.
"""

from __future__ import annotations

import re
import threading

from lxml import etree, html

from newsclean.errors import DocumentTooComplexError, EmptyDocumentError, NotHTMLError

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# Control characters that XML cannot hold (a stray BEL or form feed in a CMS export). lxml
# keeps them in the tree, and the text cannot then be serialised: trafilatura's XML body
# fails on them and the whole article is lost. Browsers render nothing for them.
_NON_XML = "".join(map(chr, (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)))
_NON_XML_CHARS = re.compile(f"[{re.escape(_NON_XML)}]")
# The same characters as UTF-8 bytes: looking for each with ``in`` (memchr) is ten times
# faster than the regex, and nearly every page has none, so the regex runs only when needed.
_NON_XML_BYTES = tuple(char.encode("utf-8") for char in _NON_XML)
_SURROGATES = re.compile("[\ud800-\udfff]")
_LOCAL = threading.local()


def _parser() -> html.HTMLParser:
    # lxml parser objects must not be shared between threads (Scrapy may run us in a pool).
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        # The text is handed over as UTF-8 bytes: libxml2 reads them a fifth faster than a
        # Python string, which lxml would convert first.
        parser = _LOCAL.parser = html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, encoding="utf-8")
        # lxml.html picks each element's class with a Python callback (form controls get
        # their own classes), paid every time any stage or trafilatura touches an element.
        # No stage uses the form classes: one class for every element, chosen in C, makes
        # the whole extraction ~7% faster with the same output.
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=html.HtmlElement, comment=html.HtmlComment, pi=html.HtmlProcessingInstruction, entity=html.HtmlEntity
            )
        )
    return parser


_ELEMENT_COUNT = etree.XPath("count(//*)")
# libxml2 refuses a text node over 10 MB and then drops the rest of the document: one giant
# inline script in <head> would hide the whole page. In a large input, the text of any script
# or style over this size is cut before the parse (it is never article text).
_RAW_TEXT_OPEN = re.compile(r"<(script|style)\b[^>]*>", re.I)
MAX_RAW_TEXT = 1_000_000


def _cut_giant_raw_text(text: str) -> str:
    """``text`` with the content of scripts and styles over :data:`MAX_RAW_TEXT` removed (linear)."""
    if len(text) <= MAX_RAW_TEXT:
        return text
    parts: list[str] = []
    position = 0
    lowered: str | None = None
    while True:
        opening = _RAW_TEXT_OPEN.search(text, position)
        if opening is None:
            break
        lowered = lowered if lowered is not None else text.lower()
        close = lowered.find(f"</{opening.group(1).lower()}", opening.end())
        end = len(text) if close < 0 else close
        if end - opening.end() > MAX_RAW_TEXT:
            parts.append(text[position : opening.end()])
            position = end
        else:
            parts.append(text[position:end])
            position = end
        if close < 0:
            break
    parts.append(text[position:])
    return "".join(parts)


def parse(text: str, max_elements: int | None = None) -> html.HtmlElement:
    """Parse an HTML document; raise :class:`EmptyDocumentError` if nothing is left.

    With ``max_elements``, a tree with more elements raises
    :class:`DocumentTooComplexError` (counted in C, before any stage walks the tree).
    """
    text = _cut_giant_raw_text(_XML_DECLARATION.sub("", text, count=1))
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (a caller's broken string): no characters
        text = _SURROGATES.sub("\ufffd", text)
        data = text.encode("utf-8")
    if any(char in data for char in _NON_XML_BYTES):
        data = _NON_XML_CHARS.sub("", text).encode("utf-8")
    try:
        tree = html.document_fromstring(data, parser=_parser())
    except etree.ParserError as error:
        raise EmptyDocumentError(f"no HTML content ({error})") from None
    except (ValueError, etree.LxmlError) as error:
        raise NotHTMLError(f"unparseable document ({error})") from None
    if tree is None:
        raise EmptyDocumentError("no HTML content")
    if max_elements is not None:
        count = int(_ELEMENT_COUNT(tree))
        if count > max_elements:
            raise DocumentTooComplexError(f"{count} elements, more than the limit of {max_elements}")
    return tree
