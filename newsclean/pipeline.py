"""``extract()``: one page, top to bottom.

    bytes --decode--> text --parse--> tree --metadata--> --prune--> --images--> captions out
          --trafilatura--> blocks --cleaning rules--> is it an article? --> Article

The tree is parsed once; every stage reads or prunes that same tree.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsclean.config import DEFAULT_CONFIG, Config
from newsclean.errors import ExtractionError, NoArticleError
from newsclean.model import Article, Block, Image
from newsclean.rules import metadata as metadata_rules
from newsclean.rules import pages
from newsclean.stages import content, images
from newsclean.stages.cleaning import Removals, clean_blocks, is_real_paragraph, match_rule
from newsclean.stages.decode import decode
from newsclean.stages.language import choose_language
from newsclean.stages.metadata import Metadata, clean_authors, read_metadata
from newsclean.stages.parse import parse

log = logging.getLogger("newsclean")

# Headlines of error pages; such a page is never an article, however much text it has.
NOT_FOUND = re.compile(
    r"\b(?:404|page not found|not found|seite nicht gefunden|page introuvable|página no encontrada|"
    r"pagina non trovata|página não encontrada|pagina niet gevonden|nie znaleziono|sidan hittades inte)\b",
    re.I,
)


def extract(
    html: bytes | str,
    url: str | None = None,
    *,
    explain: bool = False,
    headers: Mapping[str, str] | None = None,
    config: Config | None = None,
) -> Article:
    """Extract the article from a raw page.

    ``html`` is the page as served (bytes are decoded like a browser would, using
    ``headers``' charset if given) or already-decoded text. ``url`` resolves relative
    links and is reported as the article's URL. With ``explain=True`` the article's
    ``removed`` field lists every piece of text newsclean dropped and the rule that did.

    Raises an :class:`~newsclean.ExtractionError` subclass, never anything else:
    :class:`~newsclean.InputError` for unusable input, :class:`~newsclean.NoArticleError`
    for pages that hold no article.
    """
    config = config or DEFAULT_CONFIG
    try:
        text = decode(html, headers, max_bytes=config.max_bytes)
        tree = parse(text)
        return _extract_tree(tree, url, explain, config)
    except ExtractionError as error:
        error.url = error.url or url
        raise
    except (RecursionError, MemoryError, ValueError, TypeError, AttributeError, LookupError) as error:
        # A bug or a pathological page must not take down a batch: report it as ours.
        log.debug("internal error on %s", url, exc_info=True)
        raise ExtractionError(f"internal error: {type(error).__name__}: {error}", url=url) from error


def _extract_tree(tree: HtmlElement, url: str | None, explain: bool, config: Config) -> Article:
    removals = Removals(keep=explain)
    md = read_metadata(tree, url)
    content.prune(tree, removals)
    found_images, caption_elements = images.collect_images(tree, md.url, md.image_urls)
    content.drop_elements(caption_elements)
    blocks = content.main_blocks(tree, md.url, favor=config.favor)
    if not md.authors:
        md.authors = _inline_byline(blocks[:6])
    if "rescue-lead" not in config.disabled_rules:
        blocks = content.rescue_prose(tree, blocks, lambda text: _is_boilerplate(text, config))
    blocks = _prefer_structured(blocks, md)
    captions = _caption_texts(found_images)
    blocks = clean_blocks(blocks, removals, captions=captions, headlines=md.headline_variants, disabled=config.disabled_rules)
    _require_article(md, blocks, config, url)
    return build_article(md, blocks, found_images, removals if explain else None)


def _inline_byline(blocks: list[Block]) -> tuple[str, ...]:
    """Authors from a short byline line at the top of the text, for pages with no metadata."""
    for block in blocks:
        match = metadata_rules.INLINE_BYLINE.search(block.text) if len(block.text) <= 120 else None
        if match:
            return clean_authors([match.group(1)])
    return ()


def _is_boilerplate(text: str, config: Config) -> bool:
    """A rule matches it, or it ends with a photo credit (a caption in disguise)."""
    return match_rule(text, config.disabled_rules) is not None or images.split_credit(text)[1] is not None


def _prefer_structured(blocks: list[Block], md: Metadata) -> list[Block]:
    """Use JSON-LD articleBody when the HTML yielded clearly less text (app shells, paywalls)."""
    if not md.article_body:
        return blocks
    structured = content.structured_blocks(md.article_body)
    html_chars = sum(len(b.text) for b in blocks)
    json_chars = sum(len(b.text) for b in structured)
    if json_chars > 1.5 * html_chars + 200:
        return structured
    return blocks


def _caption_texts(found: list[Image]) -> list[str]:
    texts: list[str] = []
    for image in found:
        if image.caption:
            texts.append(image.caption)
            if image.credit:
                texts.append(f"{image.caption} ({image.credit})")
        if image.alt and len(image.alt) >= 25:
            texts.append(image.alt)
    return texts


def _require_article(md: Metadata, blocks: list[Block], config: Config, url: str | None) -> None:
    body_chars = sum(len(b.text) for b in blocks)
    prose = [b for b in blocks if is_real_paragraph(b)]
    title = " ".join(t for t in (md.headline, md.title_tag) if t)
    if not config.require_article:
        if not blocks:
            raise NoArticleError("no main text found", url=url)
        return
    if md.listing_typed and not md.article_typed:
        raise NoArticleError("the page declares itself a listing (CollectionPage/ItemList)", url=url)
    path = urlsplit(md.url).path if md.url else None
    if path is not None and not md.article_typed and (pages.HOME_PATH.match(path) or pages.SERVICE_PATH.search(path)):
        raise NoArticleError("the page is the site's home page or a service page (about, privacy, contact)", url=url)
    if md.website_typed and not md.article_typed and (md.datePublished is None or (path and pages.SECTION_PATH.match(path))):
        raise NoArticleError("the page declares itself a website page (og:type): no date, or a section path", url=url)
    if NOT_FOUND.search(title) and (len(prose) < 3 or not md.article_typed):
        raise NoArticleError("the page is an error page (not found)", url=url)
    if body_chars < config.min_body_chars or not prose:
        raise NoArticleError(f"no article text found ({body_chars} characters of body)", url=url)
    if not md.article_typed:
        # Without article metadata, require prose that dominates the extracted blocks:
        # section fronts and tag pages yield many short teasers instead.
        prose_chars = sum(len(b.text) for b in prose)
        if len(prose) < 2 or prose_chars < 0.6 * body_chars or prose_chars < 400:
            raise NoArticleError("no article: the page's text is teasers and links, not prose", url=url)


def build_article(md: Metadata, blocks: list[Block], found_images: list[Image], removals: Removals | None) -> Article:
    """Assemble the immutable Article from metadata, blocks and images."""
    body = "\n".join(b.text for b in blocks[:20])
    language, why = choose_language(md.declared_languages, body or md.headline or "")
    alternative = md.alternativeHeadline
    if alternative and md.headline and alternative.casefold() == md.headline.casefold():
        alternative = None
    return Article(
        headline=md.headline,
        alternativeHeadline=alternative,
        description=md.description,
        authors=md.authors,
        datePublished=md.datePublished,
        dateModified=md.dateModified,
        inLanguage=language,
        articleSection=md.articleSection,
        keywords=md.keywords,
        url=md.url,
        canonicalUrl=md.canonicalUrl,
        siteName=md.siteName,
        blocks=tuple(blocks),
        images=tuple(found_images),
        removed=tuple(removals.items) if removals is not None else None,
        reasons={"inLanguage": why} if removals is not None else None,
    )
