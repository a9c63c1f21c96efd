"""The article's language: what the page declares, checked against what its text is.

Declarations (``<html lang>``, JSON-LD ``inLanguage``, ``Content-Language``, ``og:locale``)
are read as BCP 47 tags (``langcodes``); charsets, placeholders and country codes put in
their place are rejected or mapped (:mod:`newsclean.rules.languages`). The body text is
identified offline with py3langid. :func:`choose_language` reconciles both and says why.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any

import langcodes

from newsclean.rules import languages as rules

_IDENTIFIER: Any = None
_LOCK = threading.Lock()


def _identifier() -> Any:
    """py3langid's model with normalised probabilities, loaded once per process (~1 s)."""
    global _IDENTIFIER
    if _IDENTIFIER is None:
        with _LOCK:
            if _IDENTIFIER is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _IDENTIFIER


def identify(text: str) -> tuple[str | None, float]:
    """The language of ``text`` as an ISO 639 code and the identifier's probability;
    ``(None, 0.0)`` when the text has too few letters to tell."""
    sample = text[: rules.SAMPLE_CHARS]
    if _letters(sample) < rules.MIN_LETTERS:
        return None, 0.0
    label, probability = _identifier().classify(sample)
    if label in rules.NO_LANGUAGE:
        return None, 0.0
    return str(label), float(probability)


_LETTER_RUNS = re.compile(r"[^\W\d_]+")


def _letters(text: str) -> int:
    """Number of letters in ``text`` (one regex pass, not a Python loop per character)."""
    return sum(map(len, _LETTER_RUNS.findall(text)))


def guess_language(text: str) -> str | None:
    """ISO 639 code of the most likely language of ``text``, or None when unsure."""
    label, probability = identify(text)
    return label if probability >= rules.GUESS_PROBABILITY else None


def to_bcp47(value: str | None) -> str | None:
    """A declared language value as a valid, canonical BCP 47 tag, or None.

    ``en_US`` -> ``en-US``, ``eng`` -> ``en``, ``iw`` -> ``he``, ``jp`` -> ``ja``,
    ``pt_BR.UTF-8`` -> ``pt-BR``; ``utf-8``, ``x-default``, ``und`` -> None. A list
    ("de, en") gives its first entry.
    """
    if not value or not isinstance(value, str):
        return None
    text = value.strip().split(",")[0].split(";")[0].split(".")[0].strip().replace("_", "-")
    if not text or len(text) > 35 or text.casefold() in rules.NOT_LANGUAGES or value.strip().casefold() in rules.NOT_LANGUAGES:
        return None
    tag = _standard(text)
    if tag is None:
        primary, _, rest = text.partition("-")
        country = rules.COUNTRY_AS_LANGUAGE.get(primary.casefold())
        tag = _standard(f"{country}-{rest}" if country and rest else country) if country else None
        if tag is None and rest:
            tag = _standard(primary)  # a bad region or variant after a good language: the language
    return tag


def _standard(text: str | None) -> str | None:
    """``langcodes``' canonical form of a valid tag that names a language, else None."""
    if not text:
        return None
    try:
        tag = langcodes.standardize_tag(text)
    except (ValueError, LookupError):
        return None
    if tag.casefold() in rules.NO_LANGUAGE or tag.startswith(("x-", "i-")) or not langcodes.tag_is_valid(tag):
        return None
    return tag


def _country_reading(tag: str) -> str | None:
    """The language of the country whose code ``tag`` may be ("kr" -> "ko"), if any."""
    primary, _, rest = tag.partition("-")
    country = rules.COUNTRY_AS_LANGUAGE.get(primary.casefold())
    return (_standard(f"{country}-{rest}") or _standard(country)) if country else None


def primary_subtag(tag: str) -> str:
    """``pt-BR`` -> ``pt``."""
    return tag.split("-")[0].lower()


def same_language(tag: str, label: str) -> bool:
    """Whether a declared tag and an identifier label name the same language."""
    a, b = primary_subtag(tag), primary_subtag(label)
    return a == b or any(a in group and b in group for group in rules.SAME_LANGUAGE)


def first_declared(declared: Sequence[tuple[str, str]]) -> str | None:
    """The first declaration (in priority order) that is a valid language tag."""
    for _source, value in declared:
        tag = to_bcp47(value)
        if tag:
            return tag
    return None


def choose_language(declared: Sequence[tuple[str, str]], text: str) -> tuple[str | None, str]:
    """The article's language and the reason for it.

    ``declared`` holds ``(source, value)`` pairs in priority order (``<html lang>`` first).
    The first valid declaration that the text agrees with wins (so ``<html lang="en-US">``
    keeps its region over a JSON-LD ``eng``), refined by a later one that only adds a
    region (``de`` and ``de-DE`` give ``de-DE``); a sure reading of enough text overrules
    declarations it disagrees with (a site template's ``lang="en"`` on a German story);
    otherwise the first valid declaration stands; with none, the text's reading.
    """
    tags: list[tuple[str, str]] = []
    rejected: list[str] = []
    for source, value in declared:
        tag = to_bcp47(value)
        if tag:
            tags.append((source, tag))
        else:
            rejected.append(f"{source} {value!r}")
    label, probability = identify(text)
    letters = _letters(text[: rules.SAMPLE_CHARS])
    ignored = f"; not a language tag: {', '.join(rejected)}" if rejected else ""
    reading = f"the text reads as {label} (p={probability:.2f})" if label else "too little text to identify"
    if label and tags:
        for source, tag in tags:
            if same_language(tag, label):
                source, tag = _refined(source, tag, tags)
                return tag, f"{source} {tag}, {reading}{ignored}"
        for source, tag in tags:
            country = _country_reading(tag)
            if country and same_language(country, label):
                return country, f"{source} {tag} read as the country code of {country}, {reading}{ignored}"
        if probability >= rules.TRUST_PROBABILITY and letters >= rules.TRUST_LETTERS:
            others = ", ".join(f"{source} {tag}" for source, tag in tags)
            return _label_tag(label), f"{reading}, overruling {others}{ignored}"
        source, tag = tags[0]
        return tag, f"{source} {tag}; {reading}, not sure enough to overrule it{ignored}"
    if tags:
        source, tag = _refined(*tags[0], tags)
        return tag, f"{source} {tag}, {reading}{ignored}"
    if label and probability >= rules.GUESS_PROBABILITY:
        return _label_tag(label), f"no language declared, {reading}{ignored}"
    return None, f"no language declared, {reading}{ignored}"


def _refined(source: str, tag: str, tags: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """A later declaration that adds a region or script to the chosen one (``<html lang="de">``
    and JSON-LD ``de-DE``): the more precise tag of the same language. ``og:locale`` does
    not refine: it is the social card's locale, often a theme's default region."""
    for other_source, other in tags:
        if other.startswith(tag + "-") and other_source not in rules.NOT_REFINING_SOURCES:
            return other_source, other
    return source, tag


def _label_tag(label: str) -> str:
    """An identifier label as a BCP 47 tag (they are ISO 639 codes already; canonicalised)."""
    return to_bcp47(label) or label
