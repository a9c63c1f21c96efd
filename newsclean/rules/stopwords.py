"""Function words per language, for telling prose from page furniture in text dumps.

Prose is glued together by function words ("the", "of", "und", "que"); menus, link lists,
teaser headlines, tag clouds and credits are mostly content words. The share of a line's
words found here (its stop-word density, as in jusText) is one of the signals
``clean_text()`` reads. One vocabulary per language, lower case, written by hand: the
most frequent function words (articles, pronouns, prepositions, conjunctions, auxiliaries,
common adverbs), a few dozen to a hundred and fifty each, enough to separate the two
distributions without a download (``stopwords`` in each language pack's
[vocabulary]). Languages written without spaces between words (Chinese,
Japanese, Thai) have no entry: their lines are judged by length and sentence punctuation.
"""

from __future__ import annotations

from newsclean.rules.packs import BUILTIN

# From each language pack's [vocabulary] stopwords.
STOPWORDS: dict[str, frozenset[str]] = dict(BUILTIN.stopwords)
