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
_NON_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LOCAL = threading.local()


def _parser() -> html.HTMLParser:
    # lxml parser objects must not be shared between threads (Scrapy may run us in a pool).
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
    return parser


_ELEMENT_COUNT = etree.XPath("count(//*)")


def parse(text: str, max_elements: int | None = None) -> html.HtmlElement:
    """Parse an HTML document; raise :class:`EmptyDocumentError` if nothing is left.

    With ``max_elements``, a tree with more elements raises
    :class:`DocumentTooComplexError` (counted in C, before any stage walks the tree).
    """
    text = _NON_XML_CHARS.sub("", _XML_DECLARATION.sub("", text, count=1))
    try:
        tree = html.document_fromstring(text, parser=_parser())
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
