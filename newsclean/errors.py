"""The exceptions newsclean raises.

Every failure of :func:`newsclean.extract` and :func:`newsclean.clean_text` is an
:class:`ExtractionError`, so a caller that processes many pages needs one ``except``
clause to keep going. The subclasses say what was wrong, for counting and logging.

    ExtractionError
    ├── InputError              the bytes are not a usable document
    │   ├── EmptyDocumentError  nothing but whitespace
    │   ├── NotHTMLError        binary data (an image, a PDF, NUL-filled bytes)
    │   ├── DocumentTooLargeError  larger than the configured limit (also a gzip that inflates past it)
    │   └── CorruptArchiveError a truncated or corrupt .gz / WARC (CLI, read_warc)
    ├── NoArticleError          a real page, but not an article (front, tag page, 404)
    ├── FetchError              a URL could not be fetched (CLI): see FETCH_REASONS
    └── InternalError           a bug in newsclean; carries the original exception as
                                ``__cause__`` and is logged at ERROR. Never expected:
                                the test suite asserts no fixture or property test
                                produces one. Report it.

Caller mistakes are not in this tree: a wrong argument type or an invalid
:class:`~newsclean.Config` raises ``TypeError`` / ``ValueError`` at the call.
"""

from __future__ import annotations


class ExtractionError(Exception):
    """Base class of every error newsclean raises for a page it cannot turn into an article.

    ``reason`` is a short, stable, machine-friendly code (``"empty"``, ``"not-html"``,
    ``"too-large"``, ``"no-article"``) used as the Scrapy stats key and in CLI error lines.
    Each subclass declares its own in the class line: ``class X(InputError, reason="x")``.
    """

    reason = "extraction-error"

    def __init_subclass__(cls, *, reason: str | None = None, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if reason is not None:
            cls.reason = reason

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.url = url

    def __str__(self) -> str:
        return f"{self.message} ({self.url})" if self.url else self.message


class InputError(ExtractionError, reason="bad-input"):
    """The input is not a usable text or HTML document."""


class EmptyDocumentError(InputError, reason="empty"):
    """The input is empty or contains only whitespace or markup without text."""


class NotHTMLError(InputError, reason="not-html"):
    """The input is binary data (image, PDF, archive, NUL bytes), not text or HTML."""


class DocumentTooLargeError(InputError, reason="too-large"):
    """The input exceeds the size limit (``max_bytes``, 20 MB by default)."""


class DocumentTooComplexError(InputError, reason="too-complex"):
    """The parsed page has more elements than ``Config.max_elements`` (100,000 by default)."""


class NoArticleError(ExtractionError, reason="no-article"):
    """The page is a valid document but holds no article (section front, tag page, 404)."""


class CorruptArchiveError(InputError, reason="corrupt-archive"):
    """A compressed file or archive is truncated or corrupt (bad gzip member, broken WARC record)."""


FETCH_REASONS: tuple[str, ...] = ("http-status", "timeout", "robots-denied", "too-many-redirects", "fetch-failed")
"""The ``.reason`` codes of :class:`FetchError`."""


class FetchError(ExtractionError, reason="fetch-failed"):
    """A URL given on the command line could not be fetched; ``reason`` is one of :data:`FETCH_REASONS`."""

    def __init__(self, message: str, *, url: str | None = None, reason: str = "fetch-failed") -> None:
        super().__init__(message, url=url)
        if reason not in FETCH_REASONS:
            raise ValueError(f"unknown fetch reason {reason!r}")
        self.reason = reason


class InternalError(ExtractionError, reason="internal-error"):
    """A bug in newsclean, not a property of the page.

    It is an :class:`ExtractionError` so that a batch keeps going, but it is never
    relabelled as a bad page: the original exception is ``__cause__`` (with its
    traceback), it is logged at ERROR on the ``newsclean`` logger, and its reason is
    ``"internal-error"``. Please report it with the page.
    """
