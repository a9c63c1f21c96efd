"""DOM evidence of non-article parts: class/id tokens and tags, as data.

A class or id is split into tokens at spaces, hyphens and underscores
(``c-share-bar`` -> ``c share bar``). ``PREFIX_TOKENS`` match a token that starts with
the word (``related`` catches ``relatedArticles``); ``EXACT_TOKENS`` must be the whole
token (``ad`` must not catch ``address``).
"""

from __future__ import annotations

import re

PREFIX_TOKENS: tuple[str, ...] = (
    "newsletter", "related", "recommend", "mostread", "most-read", "mostpopular", "most-popular", "popular",
    "trending", "share", "sharing", "social", "sociallinks", "follow", "cookie", "consent", "gdpr", "regwall",
    "registration", "signup", "sign-up", "subscribe-box", "subscription-box", "promo", "outbrain", "taboola",
    "advert", "adslot", "adunit", "ad-slot", "ad-unit", "ad-container", "adcontainer", "sponsor", "authorbio",
    "author-bio", "author-box", "authorbox", "about-author", "comment", "disqus", "breadcrumb", "readmore",
    "read-more", "more-stories", "morestories", "also-read", "alsoread", "lightbox", "modal", "popup",
    "app-promo", "apppromo", "download-app", "notification", "up-next", "upnext", "playlist", "teaser-list",
    "toolbar", "print-only", "skip-link", "newsticker", "ticker", "paywall-prompt", "piano", "tp-modal",
    "inline-related", "embed-related", "further-reading", "weiterlesen", "mehr-zum-thema", "lesetipp",
    "article-tags", "tag-list", "taglist", "keywords", "topics-list",
)
EXACT_TOKENS: tuple[str, ...] = (
    "ad", "ads", "adv", "advertisement", "banner", "tags", "sidebar", "rail", "aside", "widget", "byline-share",
    "nav", "navigation", "menu", "footer", "masthead", "login", "signin", "subscribe", "subscription", "bio",
    "caption-duplicate", "hidden", "visually-hidden", "sr-only", "screen-reader-text",
)

BOILERPLATE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:" + "|".join(re.escape(t) for t in PREFIX_TOKENS) + r")"
    r"|(?:^|[\s_-])(?:" + "|".join(re.escape(t) for t in EXACT_TOKENS) + r")(?:$|[\s_-])",
    re.I,
)

# Tags that never hold article text; removed outright.
NON_CONTENT_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "button", "select",
    "input", "textarea", "nav", "amp-ad", "amp-social-share", "amp-sidebar", "dialog",
)

# Roles, attributes and tags that mark page furniture. (A <form> is here, not above:
# ASP.NET pages wrap the whole page, article included, in one <form>.)
FURNITURE_XPATH = (
    "//*[@role='navigation' or @role='banner' or @role='contentinfo' or @role='complementary'"
    " or @role='dialog' or @aria-hidden='true' or @hidden] | //form"
)

# Elements whose class/id matches but which are structure, never boilerplate.
PROTECTED_TAGS: frozenset[str] = frozenset({"html", "body", "main", "article", "h1"})
