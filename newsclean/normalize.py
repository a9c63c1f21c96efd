"""Text normalisation, below every stage: the one definition of "the same text".

Every stage compares and emits text through :func:`normalize_text`, and the canonical JSON
(:mod:`newsclean.canonical`) writes it, so a block, a caption and a headline that read the
same are the same string.
"""

from __future__ import annotations

import re
import unicodedata

# Zero-width spaces, word joiners and stray BOMs survive NFC but break matching and
# equality; soft hyphens are invisible hyphenation hints. ZWJ/ZWNJ and bidi marks are kept:
# they carry meaning in Persian, Indic scripts, emoji and right-to-left text.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
# Collapse whitespace, but keep the ideographic space (U+3000): in Japanese and Chinese
# headlines it is a deliberate separator, not layout.
_SPACE = re.compile(r"[^\S\u3000]+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize_text(text: str) -> str:
    """NFC, drop invisible and control characters, collapse whitespace (not U+3000), strip."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


#: A line that ends like a sentence: a full stop, question or exclamation mark, ellipsis,
#: closing quote or bracket (Latin, CJK), a written emoticon or an emoji ("... schönen
#: Sonntag <3", "see you there :)", "Welcher gefällt euch besser? 😀"): the test that tells
#: prose from labels, menus and residue lines.
SENTENCE_END = re.compile("(?:[.!?…»“”\"')\\]。！？」』）\u2600-\u27bf\U0001f300-\U0001faff]|<3|[:;]-?[)D(P]|\\^\\^)$")

#: Lines shorter than this that do not end like a sentence read as labels (a kicker, a
#: "Name | date" line, a menu entry, a second headline), not as the article's text.
LABEL_LINE_CHARS = 80


def is_label_line(text: str) -> bool:
    """A short line that does not end like a sentence (see :data:`LABEL_LINE_CHARS`)."""
    return len(text) < LABEL_LINE_CHARS and not SENTENCE_END.search(text)
