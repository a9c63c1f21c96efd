"""A small rule-based multilingual sentence splitter (no NLTK, no model downloads).

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (possibly repeated, possibly followed by
closing quotes or brackets) when whitespace or the end of the text follows, and at the
CJK full stops ``。！？`` wherever they occur. A period does not end a sentence when it
closes a known abbreviation ("Dr.", "z.B.", "etc."), a single capital ("J. Smith"), a
letter-dot chain ("U.S.", "d.h."), or a day number before a month name ("14. März");
no terminator ends a sentence when the next word starts with a lower-case letter.
"""

from __future__ import annotations

import re

#: Abbreviations (lower case, without the final period) after which a period is not a
#: sentence end. Letter-dot chains such as "z.B." or "u.s.w." are recognised by shape.
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        # English
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "vs", "etc", "inc", "ltd",
        "co", "corp", "dept", "gen", "gov", "sen", "rep", "rev", "sgt", "capt", "col", "lt", "cmdr",
        "no", "nos", "vol", "fig", "approx", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "ave",
        "blvd", "rd", "pp", "ca", "cf", "al",
        # German
        "bzw", "usw", "vgl", "ggf", "evtl", "inkl", "zzgl", "nr", "str", "abs", "bspw", "sog",
        "hr", "fr", "frl", "dipl", "ing", "mio", "mrd", "tsd", "geb", "gest", "jh", "jhd", "kap",
        "ff", "bd", "ebd", "allg", "insb", "max", "min", "mind", "tel", "verh", "zit",
        # French
        "mme", "mlle", "mm", "me", "ste", "env", "p", "art", "chap", "éd", "cie",
        # Spanish / Portuguese
        "sra", "sres", "srta", "dra", "dña", "da", "ud", "uds", "sto", "sta", "núm", "pág",
        "av", "avda", "exmo", "exma", "profa", "lda",
        # Italian
        "sig", "sigg", "sig.ra", "dott", "dott.ssa", "avv", "geom", "pag", "ecc",
        # Dutch
        "dhr", "mevr", "mw", "blz", "bijv", "nl", "enz", "jl", "drs", "ir",
    }
)

#: Month names (lower case) in the covered languages, for "14. März" / "1. Januar".
MONTHS: frozenset[str] = frozenset(
    {
        "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august",
        "september", "oktober", "november", "dezember",
        "january", "february", "march", "may", "june", "july", "october", "december",
        "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre",
        "januari", "februari", "maart", "mei", "augustus",
    }
)

#: Sentence-final punctuation, optional closing quotes/brackets, then whitespace or the end.
_BOUNDARY = re.compile(r"(?:[.!?…]+|[。！？]+)[\"'”’»«)\]」』]*(?=\s|$)|[。！？]+[」』”’)）]*")
_LETTER_DOT_CHAIN = re.compile(r"^(?:\w{1,3}\.)+\w{1,3}$")
_CJK_TERMINATORS = frozenset("。！？")


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences; whitespace inside a sentence is kept as is."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if not _is_boundary(text, match.start(), end, match.group()):
            continue
        sentence = text[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _is_boundary(text: str, start: int, end: int, mark: str) -> bool:
    """Decide whether the terminator ``mark`` at ``text[start:end]`` ends a sentence."""
    if mark[0] in _CJK_TERMINATORS:
        return True
    following = _next_word(text, end)
    if following[:1].islower():
        return False
    if mark.rstrip("\"'”’»«)]") != ".":
        return True
    previous = _previous_token(text, start)
    return not _protects_period(previous, following)


def _protects_period(previous: str, following: str) -> bool:
    """True when a period after ``previous`` (next word ``following``) is not a sentence end."""
    word = previous.lstrip("(\"'„“«‚‘")
    lowered = word.lower()
    if not word:
        return False
    if lowered in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True
    if _LETTER_DOT_CHAIN.match(word):
        return True
    if word.isdigit() and len(word) <= 2:
        return following.lower().strip(",;:") in MONTHS
    return False


def _previous_token(text: str, position: int) -> str:
    """The non-whitespace run that ends at ``position``."""
    begin = position
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:position]


def _next_word(text: str, position: int) -> str:
    """The first non-whitespace run at or after ``position``, without opening quotes."""
    rest = text[position:].lstrip()
    word = rest.split(maxsplit=1)[0] if rest else ""
    return word.lstrip("\"'„“«»‚‘(")
