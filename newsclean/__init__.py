"""newsclean: news web pages (or plain-text dumps of them) to clean, canonical article JSON.

    >>> import newsclean
    >>> article = newsclean.extract(html_bytes, url="https://example.com/story")
    >>> article.headline, article.authors, article.datePublished
    >>> article.to_json()          # canonical bytes, schema: newsclean/schema/article.schema.json

Every failure is a :class:`ExtractionError` subclass; see :mod:`newsclean.errors`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from newsclean.config import Config
from newsclean.errors import (
    DocumentTooLargeError,
    EmptyDocumentError,
    ExtractionError,
    InputError,
    NoArticleError,
    NotHTMLError,
)
from newsclean.model import Article, Block, Image, Removed
from newsclean.pipeline import extract
from newsclean.text import clean_text

__all__ = [
    "Article",
    "Block",
    "Config",
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "ExtractionError",
    "Image",
    "InputError",
    "NoArticleError",
    "NotHTMLError",
    "Removed",
    "__version__",
    "clean_text",
    "extract",
]
