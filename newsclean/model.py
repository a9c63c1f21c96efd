"""The article data model: what :func:`newsclean.extract` returns.

Field names follow schema.org ``NewsArticle`` where schema.org has the property
(``headline``, ``alternativeHeadline``, ``datePublished``, ``inLanguage``, ...); the few
that schema.org lacks (``blocks``, ``images``, ``authors``, ``siteName``, ``canonicalUrl``,
``fingerprint``) use the same camelCase style. Python attributes and JSON keys are the
same names, so what you read in the JSON is what you type in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
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


class _Record:
    """A small value of the model whose JSON object is its fields, every key always present."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the value as a JSON-ready dict: one key per field, sorted by name."""
        return {f.name: getattr(self, f.name) for f in sorted(fields(self), key=lambda f: f.name)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Block(_Record):
    """One unit of the article body, in reading order.

    ``type`` is one of :data:`BLOCK_TYPES`; ``text`` is whitespace-normalised (tables:
    one row per line, cells separated by `` | ``).
    """

    type: BlockType
    text: str


@dataclass(frozen=True, slots=True)
class Image(_Record):
    """An image that belongs to the article, with its caption and credit, each given once."""

    url: str | None = None
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None


@dataclass(frozen=True, slots=True)
class Person(_Record):
    """An author, with the schema.org ``Person`` properties the page gives: ``name`` (always)
    and ``url`` (the author's page, when the byline or the JSON-LD links one)."""

    name: str
    url: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"a Person needs a non-empty name, got {self.name!r}")


@dataclass(frozen=True, slots=True)
class Removed(_Record):
    """A piece of text that was dropped, and the name of the rule that dropped it.

    Only present when ``explain=True`` was passed.
    """

    text: str
    rule: str


@dataclass(frozen=True, slots=True)
class ArticleFields:
    """What an article says about itself: every field of :class:`Article` but its body.

    The metadata stage fills the same fields from the page (its record extends this one
    with what only the pipeline needs); :class:`Article` adds the body, images and
    explanations. Declared once, here.
    """

    headline: str | None = None
    """The article's own headline, without the site name the ``<title>`` adds."""
    alternativeHeadline: str | None = None
    """The dek (standfirst): the line under the headline, when the page shows one."""
    description: str | None = None
    """The page's summary for search and social cards (JSON-LD or meta ``description``)."""
    authors: tuple[Person, ...] = ()
    """The people in the byline, in byline order; organisations and "Staff" are left out."""
    datePublished: str | None = None
    """When the article was first published, ISO 8601."""
    dateModified: str | None = None
    """When it was last updated, ISO 8601, when the page says so."""
    inLanguage: str | None = None
    """The language of the body (BCP 47, e.g. ``de``, ``pt-BR``), checked against the text."""
    articleSection: str | None = None
    """The section the page files the article under (``Politics``, ``Sport``)."""
    keywords: tuple[str, ...] = ()
    """Tags and keywords the page declares, each once, in page order."""
    url: str | None = None
    """The URL the page was fetched from (or its canonical URL when none was given)."""
    canonicalUrl: str | None = None
    """The page's ``<link rel=canonical>`` (or ``og:url``), made absolute."""
    siteName: str | None = None
    """The publication's name (``og:site_name``, JSON-LD publisher)."""


@dataclass(frozen=True, slots=True)
class Article(ArticleFields):
    """A clean news article. Immutable; build the JSON with :meth:`to_json`.

    Every text field is NFC-normalised with collapsed whitespace; dates are ISO 8601
    strings (with the UTC offset when the page gives one); ``None`` means unknown.
    With ``explain=True``, ``removed`` lists the dropped text and ``reasons`` says why a
    field got its value (``{"inLanguage": "<html lang> en-US, the text reads as en ..."}``).
    """

    blocks: tuple[Block, ...] = ()
    """The body, in reading order: paragraphs, headings, quotes, list items, tables."""
    images: tuple[Image, ...] = ()
    """The article's images with caption and credit; captions are not repeated in the body."""
    removed: tuple[Removed, ...] | None = field(default=None, compare=False)
    """With ``explain=True``: every piece of text dropped, with the rule that dropped it."""
    reasons: dict[str, str] | None = field(default=None, compare=False)
    """With ``explain=True``: why a field got its value."""

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
