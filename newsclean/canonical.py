"""Canonical JSON: one byte sequence for one article.

Rules: keys sorted, UTF-8 without escapes, text NFC-normalised with collapsed
whitespace, no floats, lists in document order. ``schemaVersion`` and the extractor
version travel with every record so a consumer can tell which rules produced it.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import orjson

from newsclean.normalize import normalize_text
from newsclean.version import __version__

if TYPE_CHECKING:
    from newsclean.model import Article

__all__ = ["SCHEMA_VERSION", "article_to_dict", "dumps", "fingerprint", "normalize_text", "schema"]

# 1.1: ``authors`` became a list of schema.org Person objects (``name``, ``url``) instead of
# a list of name strings.
SCHEMA_VERSION = "1.1"

def fingerprint(body: str) -> str:
    """Hash of the case-folded, punctuation-free body: equal for copies of the same story."""
    words = re.findall(r"\w+", body.casefold())
    return "blake2b:" + hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=16).hexdigest()


def article_to_dict(article: Article) -> dict[str, Any]:
    """The canonical JSON object of an article (every key always present)."""
    data: dict[str, Any] = {
        "alternativeHeadline": article.alternativeHeadline,
        "articleBody": article.articleBody,
        "articleSection": article.articleSection,
        "authors": [person.to_dict() for person in article.authors],
        "blocks": [block.to_dict() for block in article.blocks],
        "canonicalUrl": article.canonicalUrl,
        "dateModified": article.dateModified,
        "datePublished": article.datePublished,
        "description": article.description,
        "extractor": {"name": "newsclean", "version": __version__},
        "fingerprint": article.fingerprint,
        "headline": article.headline,
        "images": [image.to_dict() for image in article.images],
        "inLanguage": article.inLanguage,
        "keywords": list(article.keywords),
        "schemaVersion": SCHEMA_VERSION,
        "siteName": article.siteName,
        "url": article.url,
        "wordCount": article.wordCount,
    }
    if article.removed is not None:
        data["removed"] = [item.to_dict() for item in article.removed]
    if article.reasons is not None:
        data["reasons"] = dict(article.reasons)
    return data


def dumps(data: dict[str, Any], *, indent: bool = False) -> bytes:
    """Serialise to canonical bytes (sorted keys; 2-space indent and a final newline if asked)."""
    option = orjson.OPT_SORT_KEYS
    if indent:
        return orjson.dumps(data, option=option | orjson.OPT_INDENT_2) + b"\n"
    return orjson.dumps(data, option=option)


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The published JSON Schema of the canonical article (``newsclean/schema/article.schema.json``)."""
    text = resources.files("newsclean").joinpath("schema/article.schema.json").read_text("utf-8")
    parsed: dict[str, Any] = json.loads(text)
    return parsed
