"""The extraction engines the evaluation can run, behind one small interface.

Every engine takes the raw page bytes and the page URL and returns an :class:`Extraction`:
body paragraphs plus the metadata the corpus scores. Engines are looked up by name in
:data:`ENGINES`; they may raise, the runner turns any exception into an empty extraction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

#: Trafilatura options used for the comparison (everything else: its defaults).
TRAFILATURA_OPTIONS: Mapping[str, Any] = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": True,
}
TRAFILATURA_AUTHOR_SEPARATOR = ";"


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one engine extracted from one page. ``error`` names the exception, if any."""

    paragraphs: tuple[str, ...] = ()
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    error: str | None = None
    refused: bool = False
    #: ``(caption, credit)`` of each image, or None for an engine that reports no images.
    images: tuple[tuple[str | None, str | None], ...] | None = None

    @property
    def body(self) -> str:
        """The body paragraphs joined by newlines."""
        return "\n".join(self.paragraphs)


EMPTY = Extraction()

Engine = Callable[[bytes, "str | None"], Extraction]


#: Corpus parts on which newsclean runs with its article gate on (default settings, as a
#: crawl user gets them): a refused article counts as an empty extraction. ``snippets/``
#: holds shops and institutions too, so there the gate is off, as trafilatura has none.
GATED_PARTS = frozenset({"news", "web"})


def run_newsclean(html: bytes, url: str | None, *, require_article: bool = False) -> Extraction:
    """Extract with :func:`newsclean.extract`; the body paragraphs are the blocks' texts.

    ``require_article`` is the article gate; a page it refuses is an empty extraction
    marked ``refused``.
    """
    import newsclean

    try:
        article = newsclean.extract(html, url=url, config=newsclean.Config(require_article=require_article))
    except newsclean.NoArticleError:
        return Extraction(error="NoArticleError", refused=True)
    return from_article(article)


def from_article(article: Any) -> Extraction:
    """What the scorer reads of a newsclean :class:`~newsclean.Article`."""
    return Extraction(
        paragraphs=tuple(block.text for block in article.blocks),
        title=article.headline,
        authors=article.author_names,
        date=article.datePublished,
        images=tuple((image.caption, image.credit) for image in article.images),
    )


def run_trafilatura(html: bytes, url: str | None) -> Extraction:
    """Extract with ``trafilatura.bare_extraction`` (default settings, metadata on, tables on)."""
    import trafilatura

    document = trafilatura.bare_extraction(html, url=url, **TRAFILATURA_OPTIONS)
    if document is None:
        return EMPTY
    text = _field(document, "text") or ""
    author = _field(document, "author") or ""
    return Extraction(
        paragraphs=tuple(line for line in text.split("\n") if line.strip()),
        title=_field(document, "title"),
        authors=tuple(name.strip() for name in author.split(TRAFILATURA_AUTHOR_SEPARATOR) if name.strip()),
        date=_field(document, "date"),
    )


def _field(document: Any, name: str) -> Any:
    """A field of a trafilatura result, whether it is a ``Document`` or a dict."""
    return document.get(name) if isinstance(document, Mapping) else getattr(document, name, None)


#: Engine name -> engine function. "newsclean" is always evaluated; others on request.
ENGINES: dict[str, Engine] = {
    "newsclean": run_newsclean,
    "trafilatura": run_trafilatura,
}


def engine_for(name: str, kind: str) -> Engine:
    """The engine function to run on a corpus part of ``kind`` (newsclean gated where it applies)."""
    engine = engines_for(kind)[name]
    if engine is run_newsclean and kind in GATED_PARTS:
        return partial(run_newsclean, require_article=True)
    return engine
# -- text dumps: engines that read the dump text ----------------------------------------------


def run_newsclean_text(text: bytes, url: str | None) -> Extraction:
    """Clean a text dump with :func:`newsclean.clean_text` (article gate off, as for HTML)."""
    import newsclean

    article = newsclean.clean_text(text, url=url, config=newsclean.Config(require_article=False))
    return from_article(article)


def run_raw_text(text: bytes, url: str | None) -> Extraction:
    """The dump itself: every non-blank line is a body paragraph (the floor any cleaner must beat)."""
    lines = text.decode("utf-8", errors="replace").splitlines()
    return Extraction(paragraphs=tuple(line.strip() for line in lines if line.strip()))


def dump_as_html(text: bytes) -> str:
    """A text dump as HTML a text-only baseline can read: one ``<p>`` per non-blank line."""
    from html import escape

    lines = text.decode("utf-8", errors="replace").splitlines()
    return "<html><body>" + "".join(f"<p>{escape(line.strip())}</p>" for line in lines if line.strip()) + "</body></html>"


def run_justext_text(text: bytes, url: str | None) -> Extraction:
    """jusText (default settings) on the dump wrapped as ``<p>`` lines.

    The stop-list is the jusText list sharing the most words with the dump (jusText needs
    one, and picking the page's language is what a careful user would do).
    """
    import justext

    words = set(text.decode("utf-8", errors="replace").lower().split())
    stoplists = _justext_stoplists()
    best = max(sorted(stoplists), key=lambda name: len(words & stoplists[name]))
    paragraphs = justext.justext(dump_as_html(text), stoplists[best])
    return Extraction(paragraphs=tuple(p.text for p in paragraphs if not p.is_boilerplate))


@lru_cache(maxsize=1)
def _justext_stoplists() -> dict[str, frozenset[str]]:
    """Every stop-list jusText ships, read once."""
    import justext

    return {name: justext.get_stoplist(name) for name in justext.get_stoplists()}


def run_trafilatura_text(text: bytes, url: str | None) -> Extraction:
    """trafilatura (the settings above) on the dump wrapped as ``<p>`` lines."""
    return run_trafilatura(dump_as_html(text).encode("utf-8"), url)


#: Engines of a ``dumps`` part, given the dump text. "newsclean" is always evaluated.
DUMP_ENGINES: dict[str, Engine] = {
    "newsclean": run_newsclean_text,
    "raw": run_raw_text,
    "justext": run_justext_text,
    "trafilatura": run_trafilatura_text,
}

#: Engines of a ``dumps`` part given the HTML page the dump was made from (same pages, for
#: comparing quality and CPU time with the HTML path).
DUMP_SOURCE_ENGINES: dict[str, Engine] = {
    "extract": run_newsclean,
}


def engines_for(kind: str) -> dict[str, Engine]:
    """The engines that can run on a corpus part of ``kind``."""
    return {**DUMP_ENGINES, **DUMP_SOURCE_ENGINES} if kind == "dumps" else ENGINES
