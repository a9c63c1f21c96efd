"""Where a page keeps its metadata, as data. Order inside each tuple is priority order."""

from __future__ import annotations

import re

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
    }
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
KEYWORD_META: tuple[str, ...] = ("article:tag", "news_keywords", "keywords", "parsely-tags")
SITE_META: tuple[str, ...] = ("og:site_name", "application-name", "publisher", "twitter:site")
LANGUAGE_META: tuple[str, ...] = ("og:locale", "content-language", "language", "dc.language")

# Visible byline containers, by class/id/itemprop/rel token.
BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or contains(concat(' ', normalize-space(@class), ' '), ' author')"
    " or contains(@class, 'byline') or contains(@class, 'Byline') or contains(@id, 'byline')"
    " or contains(@class, 'author-name') or contains(@class, 'autor') or contains(@class, 'Autor')"
    " or contains(@class, 'auteur') or contains(@class, 'writer') or contains(@class, 'contributor')"
    " or contains(@class, 'AuthorList') or contains(@class, 'authorList') or contains(@class, 'reporter')]"
)

# Words that open a byline ("By Jane Doe") in many languages; removed before splitting names.
BYLINE_PREFIX = re.compile(
    r"^\s*(?:(?:written|reported|posted|text|story|words|photos?)\s+by|by|von|vom|par|por|de|di|da|door|af|av|"
    r"przez|od|tekst|text|texto|testo|texte|auteur|autor|autorin|author|authors|reporter|redacción|"
    r"bron|fuente|quelle|source|kirjoittanut|yazan|escrito por|scritto da|publié par)\s*[:\-–]?\s+",
    re.I,
)
# Separators between several names in one byline.
NAME_SEPARATORS = re.compile(
    r"\s*(?:,|;|\||\s&\s|\s+(?:and|und|et|y|e|en|og|och|och|ve|i|és|a|and the)\s+|\s+/\s+|\n)\s*",
    re.I,
)
# A part of a byline that is a job title, a team or an agency, not a person.
NOT_A_NAME = re.compile(
    r"\b(?:correspondent|reporter|editor|editors|writer|staff|columnist|contributor|journalist|journalistin|"
    r"redakteur|redakteurin|redaktion|korrespondent|korrespondentin|rédaction|rédacteur|envoyé|envoyée|"
    r"spécial|redacción|redacci[oó]n|corresponsal|periodista|redazione|inviato|giornalista|redactie|"
    r"verslaggever|newsroom|desk|bureau|chief|senior|political|"
    r"international|business|sports?|news|team|contributors?|photographer|updated|published|min read|"
    r"minutes?|read|follow|twitter|email|mail|facebook|instagram|linkedin|more\s+from|all\s+articles|"
    r"updated|uhr|hours?|ago|share|teilen)\b",
    re.I,
)
# Team and desk credits that are neither a person nor a wire agency. (Wire agencies such
# as dpa or AFP are kept: on a wire story the agency is the byline.)
NOT_AUTHORS = re.compile(r"^(?:red|redaktion|redaction|rédaction|redacción|redazione|redactie|staff|newsroom|editorial|admin|administrator|guest)$", re.I)

# Class words of the dek/subtitle under a headline (matched case-insensitively).
DEK_WORDS: tuple[str, ...] = (
    "subtitle", "subheadline", "sub-headline", "subhead", "dek", "deck", "standfirst", "strapline", "sapo", "chapo",
    "chapeau", "excerpt", "summary", "teaser-text", "lead", "intro", "kicker-text", "article-description",
    "entradilla", "bajada", "copete", "linha-fina", "linhafina", "sottotitolo", "catenaccio", "untertitel", "unterzeile",
    "vorspann", "ingress", "ondertitel", "lede", "spot", "sommario",
)
# Candidates are read with one XPath and their class matched here, case-insensitively.
DEK_CANDIDATES_XPATH = ".//*[self::p or self::h2 or self::div or self::span][@class or @itemprop]"
DEK_CLASS = re.compile("|".join(re.escape(word) for word in DEK_WORDS), re.I)
DEK_ITEMPROPS = frozenset({"alternativeHeadline", "description"})

# Class words that look like a dek's ("lead", "intro") but mark an image, caption or byline.
NOT_DEK_WORDS: tuple[str, ...] = ("leading", "leader", "plead", "image", "img", "media", "photo", "caption", "credit", "byline", "author", "figure")

# Title suffixes like " | Site Name" or " - Site" are cut at these separators.
TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—\-:•·»«/]|::|\|\|)\s+")

# Month names for human-written dates ("March 3, 2026", "3. März 2026", "3 de marzo de 2026").
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar janvier enero gennaio janeiro januari janv ene gen jän",
        "february feb februar février febrero febbraio fevereiro februari févr fev",
        "march mar märz mars marzo março maart mär mrt",
        "april apr avril abril aprile avr abr",
        "may mai mayo maggio maio mei mag",
        "june jun juni juin junio giugno junho",
        "july jul juli juillet julio luglio julho juil lug",
        "august aug août agosto augustus ago",
        "september sep sept septembre septiembre settembre setembro set",
        "october oct oktober octobre octubre ottobre outubro okt ott out",
        "november nov novembre noviembre novembro",
        "december dec dezember décembre diciembre dicembre dezembro dez déc dic",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number
HUMAN_DATE = re.compile(
    r"(?:(?P<d1>\d{1,2})\.?\s*(?:de\s+)?(?P<m1>[^\W\d_]{3,10})\.?\s*(?:de\s+)?(?P<y1>\d{4})"
    r"|(?P<m2>[^\W\d_]{3,10})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))"
    r"(?:\D{1,8}?(?P<h>\d{1,2})[:.hH](?P<min>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?)?",
    re.I,
)

# Yoast-style "twitter:label1 = Written by" / "twitter:data1 = Name" pairs.
WRITTEN_BY_LABEL = re.compile(r"^(?:written by|verfasst von|geschrieben von|von|escrito por|écrit par|scritto da|geschreven door|autor|author)$", re.I)
# Strings that are never a name: slugs, credits with separators, handles.
# A lone lower-case word ("derspiegel", "sn_aktuell") is a social handle, unless it is a
# wire agency written the agency's way ("dpa", "epd").
NOT_NAME_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$|[:/@|<>{}=_]|^(?!(?:dpa|epd|kna|apa|sid|afp|ap|sda|ansa|efe)$)[a-z0-9.]+$")

WEEKDAYS: frozenset[str] = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche "
    "lunes martes miércoles jueves viernes sábado domingo lunedì martedì mercoledì giovedì venerdì sabato domenica "
    "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()
)

# A byline inside running text: "Friday 13 March 2026 – by Geoffrey Nash".
INLINE_BYLINE = re.compile(
    r"(?:^|[\s–—|·,(-])(?:by|von|par|por|di|door|av)\s+((?-i:[A-ZÀ-ÖØ-Þ])[\w'’.-]+(?:\s+(?-i:[A-ZÀ-ÖØ-Þ])[\w'’.-]+){1,3})\s*\)?$",
    re.I,
)
