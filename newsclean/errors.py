"""The exceptions newsclean raises.

Every failure of :func:`newsclean.extract` and :func:`newsclean.clean_text` is an
:class:`ExtractionError`, so a caller that processes many pages needs one ``except``
clause to keep going. The subclasses say what was wrong, for counting and logging.

    ExtractionError
    ├── InputError              the bytes are not a usable document
    │   ├── EmptyDocumentError  nothing but whitespace
    │   ├── NotHTMLError        binary data (an image, a PDF, NUL-filled bytes)
    │   └── DocumentTooLargeError  larger than the configured limit
    └── NoArticleError          a real page, but not an article (front, tag page, 404)
"""

from __future__ import annotations


class ExtractionError(Exception):
    """Base class of every error newsclean raises for a page it cannot turn into an article.

    ``reason`` is a short, stable, machine-friendly code (``"empty"``, ``"not-html"``,
    ``"too-large"``, ``"no-article"``) used as the Scrapy stats key and in CLI error lines.
    """

    reason = "extraction-error"

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.url = url

    def __str__(self) -> str:
        return f"{self.message} ({self.url})" if self.url else self.message


class InputError(ExtractionError):
    """The input is not a usable text or HTML document."""

    reason = "bad-input"


class EmptyDocumentError(InputError):
    """The input is empty or contains only whitespace or markup without text."""

    reason = "empty"


class NotHTMLError(InputError):
    """The input is binary data (image, PDF, archive, NUL bytes), not text or HTML."""

    reason = "not-html"


class DocumentTooLargeError(InputError):
    """The input exceeds the size limit (``max_bytes``, 20 MB by default)."""

    reason = "too-large"


class NoArticleError(ExtractionError):
    """The page is a valid document but holds no article (section front, tag page, 404)."""

    reason = "no-article"
