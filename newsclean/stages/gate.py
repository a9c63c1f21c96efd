"""Stage 8: is the page an article? A verdict on page evidence, never on length alone.

Losing a real article is the worst outcome, so a page is refused only on evidence that it
is something else:

- ``error``: its headline or title says "not found" (and it is not a typed article with text);
- ``listing``: it declares itself one (JSON-LD CollectionPage/ItemList, ``og:type=website``
  with no date or on a section path), its URL is a tag/category/author/search page, the
  bare home page or a service page, or, with no sign of being a story (article type,
  article-shaped URL), its text is teasers: many linked headings on the page, no
  paragraph of its own, little prose;
- ``other``: there is no main text at all (less than ``Config.min_body_chars``, or one
  sentence for a page typed as an article or with an article-shaped URL).

Everything else is an ``article``: short stories, list-heavy stories, tables and blog
posts included. The verdict names its evidence (``reason``), which ``NoArticleError``
carries and ``explain`` shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsclean.model import Block
from newsclean.rules import pages
from newsclean.stages.cleaning import is_real_paragraph
from newsclean.stages.metadata import Metadata
from newsclean.stages.prune import link_chars

PageType = Literal["article", "listing", "error", "other"]

_TEASER_HEADINGS = etree.XPath(pages.TEASER_HEADINGS_XPATH)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the page is, and the evidence that says so."""

    page_type: PageType
    reason: str

    @property
    def is_article(self) -> bool:
        """Whether the page holds an article."""
        return self.page_type == "article"


def count_teasers(tree: HtmlElement) -> int:
    """Headings that are links to other pages (read on the whole page, before pruning)."""
    count = 0
    for heading in _TEASER_HEADINGS(tree):
        text = len(heading.text_content().strip())
        if text and link_chars(heading) >= pages.TEASER_LINK_SHARE * text:
            count += 1
    return count


def judge(md: Metadata, blocks: list[Block], teasers: int, min_body_chars: int) -> Verdict:
    """The page's type from its metadata, URL, teaser count and extracted blocks."""
    parts = urlsplit(md.url) if md.url else None
    path = parts.path if parts else None
    story_url = path is not None and pages.ARTICLE_PATH.search(path) is not None
    typed = md.article_typed
    title = " ".join(t for t in (md.headline, md.title_tag) if t)
    prose = [b for b in blocks if is_real_paragraph(b)]
    body_chars = sum(len(b.text) for b in blocks)
    if md.listing_typed and not typed:
        return Verdict("listing", "the page declares itself a listing (CollectionPage/ItemList)")
    if path is not None and not story_url and pages.LISTING_PATH.search(path):
        return Verdict("listing", "the URL is a tag, category, author, search or archive page")
    # A home page is the bare front door: "/?p=15500" is a blog post.
    home = parts is not None and path is not None and not parts.query and pages.HOME_PATH.match(path) is not None
    if not typed and (home or (path is not None and pages.SERVICE_PATH.search(path))):
        return Verdict("listing", "the page is the site's home page or a service page (about, privacy, contact)")
    if md.website_typed and not typed and (md.datePublished is None or (path and pages.SECTION_PATH.match(path))):
        return Verdict("listing", "the page declares itself a website page (og:type): no date, or a section path")
    if pages.NOT_FOUND.search(title) and (len(prose) < 3 or not typed):
        return Verdict("error", "the page is an error page (not found)")
    evidence = typed or story_url
    # A dated page with a headline of its own is a post, however short (an image post's one
    # line); a front has teasers, which the check below still reads.
    dated = md.datePublished is not None and md.headline is not None
    if body_chars < (min(min_body_chars, pages.ARTICLE_MIN_CHARS) if evidence or dated else min_body_chars):
        return Verdict("other", f"no article text found ({body_chars} characters of body)")
    section = path is not None and pages.SECTION_PATH.match(path) is not None
    if not evidence and teasers >= pages.MIN_TEASERS and _teaser_text(blocks, prose, body_chars, section):
        return Verdict("listing", f"no article: {teasers} linked headings and the text is teasers, not prose")
    if typed:
        return Verdict("article", "typed as an article")
    return Verdict("article", "an article-shaped URL" if story_url else "main text and no evidence of a listing")


def _teaser_text(blocks: list[Block], prose: list[Block], body_chars: int, section: bool) -> bool:
    """Text made of teasers: no block long enough to be a paragraph of its own, and little
    prose, or one-sentence deks (which read as prose) on a section-shaped URL ("/sport/football/").
    """
    longest = max((len(b.text) for b in blocks), default=0)
    if longest >= pages.LISTING_MAX_BLOCK:
        return False
    return section or sum(len(b.text) for b in prose) < pages.LISTING_MAX_PROSE_SHARE * body_chars
