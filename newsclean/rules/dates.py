"""How people write dates: month names per language (from the packs) and the shapes around them.

Month names are keyed by language (ISO 639-1) because the same word names different
months in different languages: "listopad" is November in Czech and Polish but October in
Croatian. :func:`months_for` gives the table to use for a page: its own language first,
then every name that means the same month in all the languages that use it.

Keys are folded (lower case, accents removed: "février" -> "fevrier", "Μαΐου" -> "μαιου")
so that a page's accents, capitals and the final sigma do not matter; look words up
with :func:`fold`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsclean.rules.packs import BUILTIN

# Month names per language, from each language pack's [vocabulary] months: nominative,
# genitive ("3 марта", "3. března", "3 marca") and usual abbreviations, one string per
# month, January first. Abbreviations are included where newspapers print them.
_MONTH_NAMES: dict[str, tuple[str, ...]] = dict(BUILTIN.months)


def fold(word: str) -> str:
    """Lower case without accents, final sigma as sigma: the form month tables are keyed by."""
    decomposed = unicodedata.normalize("NFD", word.casefold().replace("ς", "σ"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).rstrip(".")


@lru_cache(maxsize=64)
def months_for(language: str | None) -> dict[str, int]:
    """Folded month name -> month number: the page language's names, then every name
    that means the same month in every language that has it (ambiguous ones left out)."""
    meaning: dict[str, set[int]] = {}
    for names in _MONTH_NAMES.values():
        for number, line in enumerate(names, start=1):
            for name in line.split():
                meaning.setdefault(fold(name), set()).add(number)
    table = {name: next(iter(numbers)) for name, numbers in meaning.items() if len(numbers) == 1}
    primary = (language or "").split("-")[0].lower()
    for number, line in enumerate(_MONTH_NAMES.get(primary, ()), start=1):
        for name in line.split():
            table[fold(name)] = number
    return table


def month_words() -> dict[str, int]:
    """Every unambiguous month word, lower case as written and folded ("märz" and "marz")."""
    table = months_for(None)
    words = dict(table)
    for names in _MONTH_NAMES.values():
        for line in names:
            for name in line.split():
                if fold(name) in table:
                    words[name.casefold()] = table[fold(name)]
    return words


# Day, month name, year ("3 марта 2026", "3. března 2026", "3 de marzo de 2026", "3rd March
# 2026") or month name, day, year ("March 3, 2026"), optionally followed by a time
# ("16:15", "4.15 pm", "16h15") and an offset ("+01:00", "UTC", "GMT+1").
HUMAN_DATE = re.compile(
    r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\.?\s*(?:de\s+|of\s+)?(?P<m1>[^\W\d_]{3,14})\.?,?\s*(?:de\s+)?(?P<y1>\d{4})"
    r"|(?P<m2>[^\W\d_]{3,14})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))"
    r"(?:\D{1,12}?(?P<h>\d{1,2})[:.hH](?P<min>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?"
    r"(?:\s*(?P<utc>UTC|GMT|Z)?\s*(?P<off>[+-]\d{1,2}(?::?\d{2})?)?)?)?",
    re.I,
)
# Year first with CJK unit characters: "2026年3月3日 16:15", "2026年3月3日 16時15分", "2026년 3월 3일".
CJK_DATE = re.compile(
    r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"
    r"(?:[^\d]{0,8}?(?P<h>\d{1,2})\s*[:時시]\s*(?P<min>\d{2}))?"
)
# An RFC 2822 date, the only shape email.utils is trusted with ("Tue, 03 Mar 2026 16:15:00 +0100").
RFC2822_DATE = re.compile(
    r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|[A-Z]{1,5})?\s*$"
)
