"""What plain-text dumps of whole pages tell us, as data for ``clean_text()``.

A dump has no tags, so the places where a page's article ends are read from the headings
that open what comes after it: the comments, the "most read" box, the footer. The named
text rules of :mod:`newsclean.rules.boilerplate` already know many of these headings
(``read-more``, ``comments-prompt``); this module weighs them for the dump path and adds
the headings that only matter when the whole page is in the text (a footer's "Imprint",
a comment form's "Name*").
"""

from __future__ import annotations

import re

from newsclean.rules.packs import BUILTIN

#: Named rules of rules/boilerplate.py whose lines separate the article from what follows,
#: and how much prose (in characters) must follow such a line for the article to be taken
#: as going on after it. An inline "Read also:" box costs little, a comments heading a lot.
RULE_BARRIERS: dict[str, int] = {
    "read-more": 400,
    "comments-prompt": 3000,
    "copyright-line": 1500,
    "registration-wall": 600,
    "subscription-wall": 600,
}

#: Headings of the page's after-article regions that the boilerplate rules do not name:
#: comment sections and forms, "more on this" boxes, footers (the packs'
#: ``section-heading`` terms, one list per language). Whole line, case-insensitive.
SECTION_HEADINGS = re.compile(r"^(?:" + BUILTIN.alternation("section-heading") + r")\s*[:.…»›>]*$", re.I)

#: A line that is only a clock time, as live blogs stamp each entry ("18:40 GMT", "9.15am", "14:05 Uhr").
TIME_STAMP = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h))?(?:\s+[A-Z]{2,5})?$", re.I)

#: How much prose must follow a section heading for the article to go on after it.
SECTION_BARRIER = 3000
#: Barriers at least this heavy close the page's article (comments, footer); lighter ones
#: are boxes that may sit inside the text, and are the first to be relaxed.
SECTION_MIN = 1500
