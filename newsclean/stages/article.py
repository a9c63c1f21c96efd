"""Stage 9: assemble the :class:`~newsclean.Article` from metadata, body blocks and images.

The last stage of both paths (:func:`newsclean.extract` for HTML, :func:`newsclean.clean_text`
for dumps): the body's language is checked against the page's declarations here, because
only now is the body known. The canonical JSON is then :meth:`Article.to_json`.
"""

from __future__ import annotations

from newsclean.model import Article, Block, Image
from newsclean.stages.cleaning import Removals
from newsclean.stages.language import choose_language
from newsclean.stages.metadata import Metadata


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
