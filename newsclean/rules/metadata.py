"""Where a page keeps its metadata, as data. Order inside each tuple is priority order."""

from __future__ import annotations

import re

from newsclean.rules.dates import month_words
from newsclean.rules.packs import BUILTIN

# schema.org types whose JSON-LD / microdata object describes the article itself.
ARTICLE_TYPES: frozenset[str] = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "reportagenews",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "askpublicnewsarticle",
        "factcheck",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "report",
        "scholarlyarticle",
        "techarticle",
        "creativework",
        "medicalwebpage",
        # A how-to is a story told in steps (its steps are read as the body when the HTML lacks them).
        "howto",
    }
)
# schema.org types of an author entry that is a publisher or a company, never a byline.
ORGANIZATION_TYPES: frozenset[str] = frozenset(
    {"organization", "newsmediaorganization", "corporation", "localbusiness", "educationalorganization", "governmentorganization", "ngo"}
)
# Types that are pages *about* a list of things, never an article.
LISTING_TYPES: frozenset[str] = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage"})

PUBLISHED_META: tuple[str, ...] = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date.published",
    "article.published",
    "dc.date.issued",
    "dcterms.date",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "date",
    "og:published_time",
    "created",
    "article_date_original",
)
MODIFIED_META: tuple[str, ...] = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "lastmod",
    "last-modified",
    "dcterms.modified",
    "article.updated",
)
AUTHOR_META: tuple[str, ...] = (
    "author",
    "article:author",
    "twitter:misc:written by",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "parsely-author",
    "byl",
    "cxenseparse:author",
    "twitter:creator",
)
TITLE_META: tuple[str, ...] = ("og:title", "twitter:title", "dc.title", "title", "headline")
DESCRIPTION_META: tuple[str, ...] = ("og:description", "description", "twitter:description", "dc.description")
SECTION_META: tuple[str, ...] = ("article:section", "section", "parsely-section", "cxenseparse:section", "category")
SITE_META: tuple[str, ...] = ("og:site_name", "application-name", "publisher", "twitter:site")
LANGUAGE_META: tuple[str, ...] = ("og:locale", "content-language", "language", "dc.language")

# Visible byline containers, by class/id/itemprop/rel token. The tests are written on the
# attribute axis (``//@class[...]/..``, not ``//*[contains(@class, ...)]``): libxml2 then
# looks only at elements that have the attribute, instead of building an attribute set for
# every element and every test (same elements, in the same order, 2-7 times faster).
# "author" counts inside a compound token too (``date-author``, ``blog-author``,
# ``field--name-field-term-author``): themes name the byline so. Not the classes of the
# other names on a page (a comment's or a review's author, a follow button, a form's name
# field) or of an author's picture or bio, and not a photo credit (``bildautor``).
BYLINE_XPATH = (
    "//@rel[.='author']/.. | //@itemprop[.='author']/.."
    " | //@class[(contains(., 'author') or contains(., 'Author') or contains(., 'byline') or contains(., 'Byline')"
    " or contains(., 'autor') or contains(., 'Autor') or contains(., 'auteur') or contains(., 'writer')"
    " or contains(., 'contributor') or contains(., 'reporter'))"
    " and not(contains(., 'omment') or contains(., 'reply') or contains(., 'review') or contains(., 'follow')"
    " or contains(., 'form') or contains(., 'avatar') or contains(., 'image') or contains(., 'img')"
    " or contains(., 'photo') or contains(., 'foto') or contains(., 'bild') or contains(., 'bio')"
    " or contains(., 'desc') or contains(., 'about'))]/.."
    " | //@id[contains(., 'byline')]/.."
)

# Words that open a byline ("By Jane Doe") in many languages (the packs' ``byline-prefix``
# terms); removed before splitting names.
BYLINE_PREFIX = re.compile(r"^\s*(?:" + BUILTIN.alternation("byline-prefix") + r")\s*[:\-–]?\s+", re.I)
# A date that ends a byline after its preposition ("By Jane Doe on March 3, 2026", "Von
# Moritz Gathmann am 21. April 2020"): the preposition and a digit within a few words.
BYLINE_DATE_TAIL = re.compile(r"\s+(?:" + BUILTIN.alternation("date-preposition") + r")\s+(?=[^,|/]{0,20}\d).*$", re.I)
# Separators between several names in one byline: punctuation, and the words for "and"
# and "with" of every language pack.
NAME_SEPARATORS = re.compile(
    r"\s*(?:,|;|\||、|\s&\s|\s+(?:" + BUILTIN.alternation("and") + "|" + BUILTIN.alternation("with") + r")\s+|\s+/\s+|\n)\s*",
    re.I,
)
# Legal forms, written the way registers write them (case matters: "Anna Se" is a name):
# a byline part carrying one is a company or an association, never a person.
LEGAL_FORM_PATTERN = (
    r"(?:^|\s)(?-i:GmbH|AG|e\.\s?V\.?|SE|Ltd\.?|Inc\.?|LLC|PLC|plc|S\.A\.?|S\.L\.?|S\.p\.A\.?|SpA|SARL|KG|OHG|Co\.\s?KG|"
    r"B\.V\.?|N\.V\.?|A/S|AB|Oy|AS|eG|sp\.\s?z\s?o\.o\.?)(?=[\s,]|$)"
)
LEGAL_FORM = re.compile(LEGAL_FORM_PATTERN)
# A part of a byline that is a job title, a team or an agency, not a person (``not-a-name``).
NOT_A_NAME = re.compile(r"\b(?:" + BUILTIN.alternation("not-a-name") + r")\b" + "|" + LEGAL_FORM_PATTERN, re.I)
# Team and desk credits that are neither a person nor a wire agency (``desk-credit``).
# (Wire agencies such as dpa or AFP are kept: on a wire story the agency is the byline.)
NOT_AUTHORS = re.compile(r"^(?:" + BUILTIN.alternation("desk-credit") + r")$", re.I)
# A user name holding such a word ("wordpressadmin", "redaktion2") is a desk's login too;
# only the words of five letters or more, which do not hide inside names by chance.
DESK_HANDLE = re.compile("|".join(re.escape(w) for w in BUILTIN.terms["desk-credit"] if len(w) >= 5 and w.isalpha()), re.I)
# Wire agencies: they sign stories, so they are kept as authors even when the page types
# them as an Organization or writes them in two letters ("AP", "AA").
WIRE_AGENCIES: frozenset[str] = frozenset(
    "dpa afp ap reuters sda keystone-sda ats apa ansa efe kna epd sid aa upi tass xinhua kyodo jiji yonhap pap čtk ctk "
    "mti belga anp ntb tt ritzau stt lusa bta hina tanjug ria dpa-afx".split()
)

# Class words of the dek/subtitle under a headline (matched case-insensitively).
DEK_WORDS: tuple[str, ...] = (
    "subtitle", "subheadline", "sub-headline", "subhead", "dek", "deck", "standfirst", "strapline", "sapo", "chapo",
    "chapeau", "excerpt", "summary", "teaser-text", "lead", "intro", "kicker-text", "article-description",
    "entradilla", "bajada", "copete", "linha-fina", "linhafina", "sottotitolo", "catenaccio", "untertitel", "unterzeile",
    "vorspann", "ingress", "ondertitel", "lede", "spot", "sommario",
)
# Candidates are read with one XPath and their class matched here, case-insensitively.
DEK_CANDIDATES_XPATH = (
    "descendant::*/@class/parent::*[self::p or self::h2 or self::div or self::span]"
    " | descendant::*/@itemprop/parent::*[self::p or self::h2 or self::div or self::span]"
)
DEK_CLASS = re.compile("|".join(re.escape(word) for word in DEK_WORDS), re.I)
DEK_ITEMPROPS = frozenset({"alternativeHeadline", "description"})

# Class words that look like a dek's ("lead", "intro") but mark an image, caption or byline.
NOT_DEK_WORDS: tuple[str, ...] = ("leading", "leader", "plead", "image", "img", "media", "photo", "caption", "credit", "byline", "author", "figure")

# Title suffixes like " | Site Name" or " - Site" are cut at these separators.
TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—\-:•·»«›‹/]|::|\|\|)\s+")
# Typographic variants that make one wording look like two when headline sources are
# compared: curly quotes and apostrophes, dashes, the ellipsis character, no-break spaces.
# (The headline keeps the winning source's own typography; this is only for comparing.)
TYPOGRAPHY_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-", "…": "...", "\xa0": " "})
# An unconfirmed <h1> sharing less than this share of its words with every declared title
# (og:title, <title>, JSON-LD) is not the story's headline.
HEADLINE_MIN_SIMILARITY = 0.2
# "Site: Headline", "Site - Headline": a first part that may name the site (checked against it).
SITE_PREFIX = re.compile(r"^([^:|–—]{2,60}?)\s*(?::|\s[|–—-])\s+")

# Month names for human-written dates live in rules/dates.py (per language); this is every
# spelling that names one month whatever the language, for the plain-text path's date lines.
MONTHS: dict[str, int] = month_words()

# A full date in a URL path: "/2017/7/12/", "/2026/03/14/story".
# A full numeric date as a date line under the headline writes it: day first as Europe
# writes it ("02.02.2022", "25. 01. 2022") or ISO ("2022-02-02"); never month first.
NUMERIC_DATE = re.compile(r"(?<!\d)(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{4}-\d{2}-\d{2})(?!\d)")
URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/|$|[^\d])")

# Yoast-style "twitter:label1 = Written by" / "twitter:data1 = Name" pairs (``written-by-label``).
WRITTEN_BY_LABEL = re.compile(r"^(?:" + BUILTIN.alternation("written-by-label") + r")$", re.I)
# Strings that are never a name: slugs, credits with separators, handles.
# A lone lower-case word ("derspiegel", "sn_aktuell") is a social handle, unless it is a
# wire agency written the agency's way ("dpa", "epd").
NOT_NAME_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$|[:/@|<>{}=_]|^(?!(?:dpa|epd|kna|apa|sid|afp|ap|sda|ansa|efe)$)[a-z0-9.]+$")

# Names of the weekdays, every language pack's [vocabulary] weekdays.
WEEKDAYS: frozenset[str] = frozenset(BUILTIN.weekdays)

# A byline inside running text: "Friday 13 March 2026 – by Geoffrey Nash", or with the
# date after the name: "By Lim Cheng Soon, 31 July 2010".
# (``byline-by``: the words that open a byline in running text.)
INLINE_BYLINE = re.compile(
    r"(?:^|[\s–—|·,(-])(?:" + BUILTIN.alternation("byline-by") + r")\s+((?-i:[A-ZÀ-ÖØ-Þ])[\w'’.-]+(?:\s+(?-i:[A-ZÀ-ÖØ-Þ])[\w'’.-]+){1,3})\s*\)?(?:\s*[,|·–—]\s*[^|]{0,24}?\b\d{4})?$",
    re.I,
)
