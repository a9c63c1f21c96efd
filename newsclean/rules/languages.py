"""Language tags as pages write them, and which identifier labels count as the same language.

The text itself is identified by py3langid (a naive Bayes model over byte n-grams, 97
languages, shipped with the package: no download at run time). These tables only say how
to read what the page *declares* and when the declaration and the text agree.
"""

from __future__ import annotations

# Declared values that are not a language at all: charsets put in Content-Language
# ("utf-8"), "none", placeholders. Compared case-insensitively, before any parsing.
NOT_LANGUAGES: frozenset[str] = frozenset(
    {"utf-8", "utf8", "utf", "iso-8859-1", "latin1", "latin-1", "windows-1252", "ascii", "none", "null", "default", "text/html"}
)
# Tags that are valid BCP 47 but say "no language" or "unknown": never an answer.
NO_LANGUAGE: frozenset[str] = frozenset({"und", "zxx", "mul", "mis", "x-default"})

# Country codes written where a language code belongs ("jp" for Japanese, "kr" for Korean).
# Where the code is not a language at all ("jp", "cz", "gr") it is always read as the
# country's language; where it is also a valid tag of another language ("kr" is Kanuri,
# "se" Northern Sami, "si" Sinhala), only when the text is in the country's language.
COUNTRY_AS_LANGUAGE: dict[str, str] = {
    "jp": "ja", "kr": "ko", "cn": "zh", "gr": "el", "cz": "cs", "dk": "da", "se": "sv", "ua": "uk",
    "rs": "sr", "si": "sl", "ee": "et", "al": "sq", "gb": "en", "us": "en", "ir": "fa", "il": "he",
    "vn": "vi", "by": "be", "kz": "kk", "ge": "ka", "am": "hy",
}

# Declarations that never add a region to another one: og:locale is the social card's
# locale (themes default it to en_US/es_ES), not the article's language variant.
NOT_REFINING_SOURCES: frozenset[str] = frozenset({"<meta og:locale>"})

# Identifier labels (and primary subtags) that name one language as far as a page's
# declaration is concerned: Norwegian Bokmål/Nynorsk/"no", the Serbo-Croatian standards
# (the identifier cannot tell them apart on short texts), Malay and Indonesian, Arabic
# dialects, Chinese varieties.
SAME_LANGUAGE: tuple[frozenset[str], ...] = (
    frozenset({"no", "nb", "nn"}),
    frozenset({"hr", "sr", "bs", "sh", "cnr"}),
    frozenset({"ms", "id"}),
    frozenset({"ar", "ary", "arz"}),
    frozenset({"zh", "yue", "wuu"}),
    frozenset({"fa", "prs"}),
    frozenset({"gug", "gn"}),
)

# How far the identifier is trusted. Below MIN_LETTERS it is not asked; it overrules a
# declaration only with at least TRUST_LETTERS letters of body and TRUST_PROBABILITY.
MIN_LETTERS = 20
TRUST_LETTERS = 200
TRUST_PROBABILITY = 0.95
# Without any declaration, a guess this sure is still better than no language.
GUESS_PROBABILITY = 0.5
# The identifier reads at most this many characters of the body: enough for a sure answer,
# and its n-gram walk costs about 1 µs a byte, so not the whole article.
SAMPLE_CHARS = 1200
