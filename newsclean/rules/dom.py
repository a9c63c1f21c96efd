"""DOM evidence of non-article parts: class/id tokens (from the packs) and tags, as data.

``PREFIX_TOKENS`` are unambiguous words: they match at the start of any hyphen/underscore
part of a class (``c-share-bar``, ``relatedArticles``). ``EXACT_TOKENS`` are words that
page builders also use for content wrappers (``elementor-widget-container``,
``sidebar-grid__content``): they count only at the start of a class name and as a whole
word (``widget``, ``widget-area``; ``ad`` must not catch ``address``).
"""

from __future__ import annotations

import re

from newsclean.rules.packs import BUILTIN

# The token lists are data (packs/common.toml, [dom]); their order is kept: the first
# token that matches names the prune rule in explain output.
PREFIX_TOKENS: tuple[str, ...] = BUILTIN.prefix_tokens
EXACT_TOKENS: tuple[str, ...] = BUILTIN.exact_tokens

BOILERPLATE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:" + "|".join(re.escape(t) for t in PREFIX_TOKENS) + r")"
    r"|(?:^|\s)(?:" + "|".join(re.escape(t) for t in EXACT_TOKENS) + r")(?:$|[\s_-])",
    re.I,
)

# Tags that never hold article text; removed outright. (<noscript> and <button> stay:
# lazy-loading sites put the real text or image in <noscript>, and "read on" expanders
# are buttons around real paragraphs.)
NON_CONTENT_TAGS: tuple[str, ...] = (
    "script", "style", "template", "svg", "canvas", "iframe", "select",
    "input", "textarea", "nav", "amp-ad", "amp-social-share", "amp-sidebar", "dialog",
)

# Roles, attributes and tags that mark page furniture. (A <form> is here, not above:
# ASP.NET pages wrap the whole page, article included, in one <form>.)
# (On the attribute axis, ``//@role[...]/..``: libxml2 then visits only the elements that
# have the attribute; ``//*[@role=...]`` builds an attribute set per element and test.)
FURNITURE_XPATH = (
    "//@role[.='navigation' or .='banner' or .='contentinfo' or .='complementary' or .='dialog']/.."
    " | //@aria-hidden[.='true']/.. | //@hidden/.. | //form"
)

# Elements whose class/id matches but which are structure, never boilerplate. A figure and
# its caption are the images stage's to judge ("img-container shareable-image" is a photo
# with share buttons, which are pruned as elements of their own).
PROTECTED_TAGS: frozenset[str] = frozenset({"html", "body", "main", "article", "h1", "figure", "figcaption"})

# A list (<ul>/<ol>, 2+ items) whose text is at least this share link text, with a link in
# every item, is a list of links (related stories, sources, contents), not article text.
LINK_LIST_SHARE = 0.6
# ... unless it is the story's own list: this many items, averaging this many characters
# (a described item, "Canon PowerShot SX230 for $216.99 with free shipping at ..."; a
# related-stories headline is shorter), among the prose paragraphs of its container.
MIN_DESCRIBED_ITEMS = 5
DESCRIBED_ITEM_CHARS = 100
# A short element right before such a list is its label ("Mehr zum Thema:", "■関連記事").
LIST_LABEL_TAGS: frozenset[str] = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "strong", "b", "span", "div"})
# Paragraphs inside these are never the article's opening, however long (see rescue_prose).
LEAD_EXCLUDING_TAGS: frozenset[str] = frozenset({"nav", "aside", "footer", "li", "figure", "figcaption", "blockquote"})

# A table cell with this much text holds prose: the table lays out the page (see
# prune._unwrap_layout_tables), it is not data.
LAYOUT_CELL_CHARS = 250
