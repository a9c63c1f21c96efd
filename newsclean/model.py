"""The article data model: what :func:`newsclean.extract` returns.

Field names follow schema.org ``NewsArticle`` where schema.org has the property
(``headline``, ``alternativeHeadline``, ``datePublished``, ``inLanguage``, ...); the few
that schema.org lacks (``blocks``, ``images``, ``authors``, ``siteName``, ``canonicalUrl``,
``fingerprint``) use the same camelCase style. Python attributes and JSON keys are the
same names, so what you read in the JSON is what you type in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

BlockType = Literal["paragraph", "heading", "quote", "list_item", "preformatted", "table"]

BLOCK_TYPES: tuple[BlockType, ...] = (
    "paragraph",
    "heading",
    "quote",
    "list_item",
    "preformatted",
    "table",
)


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of the article body, in reading order.

    ``type`` is one of :data:`BLOCK_TYPES`; ``text`` is whitespace-normalised (tables:
    one row per line, cells separated by `` | ``).
    """

    type: BlockType
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Return the block as a JSON-ready dict."""
        return {"text": self.text, "type": self.type}


@dataclass(frozen=True, slots=True)
class Image:
    """An image that belongs to the article, with its caption and credit, each given once."""

    url: str | None = None
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the image as a JSON-ready dict."""
        return {"alt": self.alt, "caption": self.caption, "credit": self.credit, "url": self.url}


@dataclass(frozen=True, slots=True)
class Person:
    """An author, with the schema.org ``Person`` properties the page gives: ``name`` (always)
    and ``url`` (the author's page, when the byline or the JSON-LD links one)."""

    name: str
    url: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"a Person needs a non-empty name, got {self.name!r}")

    def to_dict(self) -> dict[str, Any]:
        """Return the person as a JSON-ready dict (both keys always present)."""
        return {"name": self.name, "url": self.url}


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of text that was dropped, and the name of the rule that dropped it.

    Only present when ``explain=True`` was passed.
    """

    text: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        """Return the record as a JSON-ready dict."""
        return {"rule": self.rule, "text": self.text}


@dataclass(frozen=True, slots=True)
class Article:
    """A clean news article. Immutable; build the JSON with :meth:`to_json`.

    Every text field is NFC-normalised with collapsed whitespace; dates are ISO 8601
    strings (with the UTC offset when the page gives one); ``None`` means unknown.
    With ``explain=True``, ``removed`` lists the dropped text and ``reasons`` says why a
    field got its value (``{"inLanguage": "<html lang> en-US, the text reads as en ..."}``).
    """

    headline: str | None = None
    alternativeHeadline: str | None = None
    description: str | None = None
    authors: tuple[Person, ...] = ()
    datePublished: str | None = None
    dateModified: str | None = None
    inLanguage: str | None = None
    articleSection: str | None = None
    keywords: tuple[str, ...] = ()
    url: str | None = None
    canonicalUrl: str | None = None
    siteName: str | None = None
    blocks: tuple[Block, ...] = ()
    images: tuple[Image, ...] = ()
    removed: tuple[Removed, ...] | None = field(default=None, compare=False)
    reasons: dict[str, str] | None = field(default=None, compare=False)

    @property
    def author_names(self) -> tuple[str, ...]:
        """The authors' names, in byline order."""
        return tuple(person.name for person in self.authors)

    @property
    def articleBody(self) -> str:
        """The body as plain text: the blocks' text joined by blank lines."""
        return "\n\n".join(block.text for block in self.blocks)

    @property
    def wordCount(self) -> int:
        """Number of whitespace-separated words in :attr:`articleBody`."""
        return sum(len(block.text.split()) for block in self.blocks)

    @property
    def fingerprint(self) -> str:
        """A stable hash of the normalised body text, for duplicate detection."""
        from newsclean.canonical import fingerprint

        return fingerprint(self.articleBody)

    def to_dict(self) -> dict[str, Any]:
        """Return the canonical JSON object as a dict (see ``newsclean/schema/article.schema.json``)."""
        from newsclean.canonical import article_to_dict

        return article_to_dict(self)

    def to_json(self, *, indent: bool = False) -> bytes:
        """Return the canonical JSON as UTF-8 bytes: sorted keys, deterministic, no floats."""
        from newsclean.canonical import dumps

        return dumps(self.to_dict(), indent=indent)
