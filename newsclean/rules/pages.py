"""Page kinds that are never articles, recognised by URL path and title, as data."""

from __future__ import annotations

import re

from newsclean.rules.packs import BUILTIN

# The site's front door.
HOME_PATH = re.compile(r"^/?(?:index\.(?:html?|php|aspx?)|home|start|default\.aspx?)?/?$", re.I)
# Service pages every news site has: about, legal, contact, subscriptions.
SERVICE_PATH = re.compile(
    r"/(?:about|about-us|ueber-uns|uber-uns|a-propos|quienes-somos|chi-siamo|over-ons|contact|kontakt|contacto|contatti|"
    r"privacy|privacy-policy|datenschutz|confidentialite|privacidad|impressum|imprint|legal|terms|terms-of-service|agb|"
    r"cookies|cookie-policy|subscribe|subscription|abo|abonnement|newsletter|newsletters|faq|help|jobs|careers|advertise)"
    r"(?:\.html?|\.php|/)?$",
    re.I,
)

# URL shapes of a single story: a date in the path, a long numeric id, a slug of four or
# more words, or an article/story segment with the story's number after it
# ("/2012/10/todays-recipe-slow-cooker", "/story/1234567", "/council-votes-to-keep-hours",
# "/everywhere/article/139089/scout-fall-trends").
ARTICLE_PATH = re.compile(
    r"/(?:19|20)\d{2}/\d{1,2}/|[-_/]\d{5,}(?:\.[a-z]+)?/?$|/[a-z0-9]+(?:-[a-z0-9]+){3,}(?:\.[a-z]+|/)?$"
    r"|/(?:article|story)s?/\d{3,}(?:/|$)",
    re.I,
)
# URL shapes of listings: taxonomy, author, search and pagination pages.
LISTING_PATH = re.compile(
    r"/(?:tag|tags|topic|topics|category|categories|author|authors|search|archive|archives|page)(?:/|$)",
    re.I,
)

# A section front: one or two short path words and a trailing slash ("/business/", "/news/world/").
SECTION_PATH = re.compile(r"^/(?:[a-z]+(?:-[a-z]+)?/){1,2}$", re.I)

# Headlines of error pages (the packs' ``not-found-title`` terms); such a page is never an
# article, however much text it has.
NOT_FOUND = re.compile(r"\b(?:" + BUILTIN.alternation("not-found-title") + r")\b", re.I)

# Teasers: a heading that is (mostly) a link to another page. Section fronts, tag pages and
# search results are made of them; an article has a few at most, in its related boxes.
TEASER_HEADINGS_XPATH = "//h2[.//a] | //h3[.//a] | //h4[.//a]"
TEASER_LINK_SHARE = 0.6
# A page needs at least this many teaser headings before its teaser structure counts as
# evidence of a listing ...
MIN_TEASERS = 5
# ... and then only when no block of the extracted text is this long: a listing's deks are
# one or two sentences, an article (even a short one) has a paragraph of its own.
LISTING_MAX_BLOCK = 300
# and when prose (see cleaning.is_real_paragraph) is less than this share of the text.
LISTING_MAX_PROSE_SHARE = 0.6
# A page with evidence of being one story (typed as an article, or an article-shaped URL)
# is an article with this much text (a photo or video post with one sentence), where a page
# with no such evidence needs ``Config.min_body_chars``.
ARTICLE_MIN_CHARS = 50
