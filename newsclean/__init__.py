"""newsclean: news web pages (or plain-text dumps of them) to clean, canonical article JSON.

    >>> import newsclean
    >>> article = newsclean.extract(html_bytes, url="https://example.com/story")
    >>> article.headline, article.authors, article.datePublished
    >>> article.to_json()          # canonical bytes, schema: newsclean/schema/article.schema.json

A page that cannot be processed raises an :class:`ExtractionError` subclass (see
:mod:`newsclean.errors`); a wrong argument raises ``TypeError`` / ``ValueError``.
"""

from __future__ import annotations

from newsclean.config import RULE_NAMES, Config
from newsclean.errors import (
    CorruptArchiveError,
    DocumentTooComplexError,
    DocumentTooLargeError,
    EmptyDocumentError,
    ExtractionError,
    FetchError,
    InputError,
    InternalError,
    NoArticleError,
    NotHTMLError,
)
from newsclean.model import Article, Block, Image, Removed
from newsclean.pipeline import extract
from newsclean.text import clean_text
from newsclean.version import __version__
from newsclean.warc import read_warc

__all__ = [
    "RULE_NAMES",
    "Article",
    "Block",
    "Config",
    "CorruptArchiveError",
    "DocumentTooComplexError",
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "ExtractionError",
    "FetchError",
    "Image",
    "InputError",
    "InternalError",
    "NoArticleError",
    "NotHTMLError",
    "Removed",
    "__version__",
    "clean_text",
    "extract",
    "read_warc",
]
