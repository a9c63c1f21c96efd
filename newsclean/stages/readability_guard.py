"""Part of stage 6 (the body): skip trafilatura's readability comparison when it cannot matter.

trafilatura checks its own result against readability's on every page: a second, full
extraction of another copy of the page (about a tenth of newsclean's CPU on news pages).
In trafilatura 2.3.1 (pinned in pyproject.toml) the comparison, ``compare_extraction``,
returns trafilatura's own result unchanged unless one of these holds:

- readability's text is more than twice as long (``_prefer_readability``): impossible when
  the page's whole text, whitespace collapsed, is at most twice trafilatura's (readability
  moves and drops text, it never adds any);
- trafilatura's body has no paragraph text, or more tables than paragraphs;
- the body is empty or shorter than ``min_extracted_size``, or holds elements of
  ``SANITIZED_XPATH``: then jusText is tried too;
- the focus is ``recall`` (other rules apply).

When none can hold, the comparison cannot change the result and newsclean skips it: the
output is the same, byte for byte (``tests/test_readability_guard.py`` checks it on every
fixture). Only newsclean's own calls are affected: the guard is active in the thread
running :func:`active`; any other caller of trafilatura in the process gets the original.
With another trafilatura version the guard is not installed at all.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import trafilatura
from lxml import etree

log = logging.getLogger("newsclean")

GUARDED_VERSION = "2.3.1"
_STATE = threading.local()
_original: Callable[..., Any] | None = None
_sanitized: etree.XPath | None = None

# The counters of the current thread's guarded calls (for tests and ``newsclean bench``).
skipped = threading.local()


def _cannot_change(raw_tree: Any, body: Any, text: str, options: Any) -> bool:
    """Whether ``compare_extraction`` would return ``(body, text)`` unchanged (see the module doc)."""
    if options.focus not in ("balanced", "precision") or len(text) < options.min_extracted_size:
        return False
    if _sanitized is None or _sanitized(body):
        return False
    if not body.xpath(".//p//text()") or len(body.findall(".//table")) > len(body.findall(".//p")):
        return False
    page_text = etree.tostring(raw_tree, method="text", encoding=str)
    return len(" ".join(page_text.split())) <= 2 * len(text)


def _compare_extraction(cleaned_tree: Any, raw_tree: Any, body: Any, text: str, options: Any) -> Any:
    assert _original is not None
    if getattr(_STATE, "active", False) and _cannot_change(raw_tree, body, text, options):
        skipped.count = getattr(skipped, "count", 0) + 1
        return body, text
    return _original(cleaned_tree, raw_tree, body, text, options)


def install() -> bool:
    """Put the guard in front of trafilatura's ``compare_extraction`` (once; only on the
    version it was written for). Returns whether the guard is in place."""
    global _original, _sanitized
    if _original is not None:
        return True
    import trafilatura.core as core
    import trafilatura.external as external

    if trafilatura.__version__ != GUARDED_VERSION or not hasattr(core, "compare_extraction") or not hasattr(external, "SANITIZED_XPATH"):
        log.debug("readability guard not installed: trafilatura %s, written for %s", trafilatura.__version__, GUARDED_VERSION)
        return False
    _sanitized = etree.XPath(external.SANITIZED_XPATH)
    _original = core.compare_extraction
    core.compare_extraction = _compare_extraction
    return True


@contextmanager
def active(enabled: bool = True) -> Iterator[None]:
    """Within the block, this thread's trafilatura calls skip comparisons that cannot matter."""
    previous = getattr(_STATE, "active", False)
    _STATE.active = enabled
    try:
        yield
    finally:
        _STATE.active = previous
