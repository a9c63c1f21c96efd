"""Stage 3: metadata, read from the tree without changing it.

Sources, most trusted first: JSON-LD (including ``@graph`` and ``mainEntity``),
microdata, OpenGraph / Twitter / ``<meta>`` tags, then what a reader sees (``<h1>``,
byline, ``<time>``). Each field takes the first source that has a usable value, except
the headline, where the visible ``<h1>`` wins when another source confirms it (the
``<title>`` and ``og:title`` often carry the site name).
"""

from __future__ import annotations

import html as htmllib
import itertools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import orjson
from lxml import etree
from lxml.html import HtmlElement

from newsclean.model import ArticleFields, Person
from newsclean.normalize import normalize_text
from newsclean.rules import dates as date_rules
from newsclean.rules import metadata as rules
from newsclean.stages.language import first_declared


@dataclass(frozen=True, slots=True)
class Metadata(ArticleFields):
    """What the page says about itself: the article's fields (``inLanguage`` is the first
    valid declaration, checked against the body later, see stages.language.choose_language),
    and what the later stages need to know of the page. Internal; immutable, like the
    document it is read from; the pipeline turns it into an Article."""

    headline_variants: tuple[str, ...] = ()  # every wording of the headline the page shows
    declared_languages: tuple[tuple[str, str], ...] = ()  # (source, value), priority order
    article_body: str | None = None  # JSON-LD articleBody (or a HowTo's steps)
    image_urls: tuple[tuple[str, str | None, str | None], ...] = ()  # (url, caption, credit) declared
    article_typed: bool = False
    listing_typed: bool = False
    website_typed: bool = False
    title_tag: str | None = None


_JSONLD = etree.XPath("//script[@type='application/ld+json' or @type='application/json+ld']")
_META = etree.XPath("//meta[@content]")
_H1 = etree.XPath("//h1")
_ARTICLES = etree.XPath("//article")
_PARAS = etree.XPath("//p")
# Attribute tests on the attribute axis (``//@itemprop[...]/..``): libxml2 then visits only
# elements that have the attribute (see rules.metadata.BYLINE_XPATH).
_TIME = etree.XPath("//time | //@itemprop[.='datePublished']/..")
_MODIFIED = etree.XPath("//@itemprop[.='dateModified']/parent::*[@content or @datetime]")
_MICRODATA_ARTICLE = etree.XPath("//@itemscope/parent::*[@itemtype]")
_CANONICAL = etree.XPath("//link[@rel='canonical']/@href")
_HTML_LANG = etree.XPath("/html/@lang | /html/@xml:lang", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})
_TITLE = etree.XPath("//title")
_BYLINE = etree.XPath(rules.BYLINE_XPATH)
_DEK_CANDIDATES = etree.XPath(rules.DEK_CANDIDATES_XPATH)
_TRAILING_COMMA = re.compile(r",\s*([\]}])")
# Wrappers that keep old browsers from showing a script: "//<![CDATA[", "/*<![CDATA[*/", "<!--".
_JSON_WRAPPER_START = re.compile(r"^\s*(?:(?://|/\*)\s*)?(?:<!\[CDATA\[|<!--)\s*(?:\*/)?")
_JSON_WRAPPER_END = re.compile(r"(?:(?://|/\*)\s*)?(?:\]\]>|-->)\s*(?:\*/)?\s*$")


def read_metadata(tree: HtmlElement, url: str | None) -> Metadata:
    """Collect the page's metadata into a :class:`Metadata` record."""
    meta = _meta_tags(tree)
    objects = list(_jsonld_objects(tree))
    article = _article_object(objects) or _microdata_article(tree) or {}
    og_type = _first(meta, ("og:type",))
    article_typed = bool(article) or og_type in {"article", "news", "article:news"}
    if not article_typed:
        # One <article> element with a headline of its own is how plain HTML marks a story
        # (fronts have one <article> per teaser).
        articles = _ARTICLES(tree)
        article_typed = len(articles) == 1 and articles[0].find(".//h1") is not None

    titles = _TITLE(tree)
    title_tag = _text(titles[0]) if titles else None
    site = _str(_jsonld_name(article.get("publisher"))) or _first(meta, rules.SITE_META)
    site_name = normalize_text(site) if site and not site.startswith("@") else (site.lstrip("@") if site else None)
    h1s = _H1(tree)  # one walk for the headline vote, its wordings and the dek search
    voted = _choose_headline(h1s, _str(article.get("headline")) or _str(article.get("name")), meta, title_tag, site_name)
    headline = _declared_headline(_str(article.get("headline")), site_name) or voted
    social = [_strip_site(t, site_name) for t in (_clean(_first(meta, ("og:title",))), _clean(_first(meta, ("twitter:title",)))) if t]
    description = _clean(_str(article.get("description")) or _first(meta, rules.DESCRIPTION_META))
    dek = _clean(_str(article.get("alternativeHeadline"))) or _visible_dek(tree, h1s, headline)
    if dek is None:
        dek = _description_dek(tree, description)

    canonical = _CANONICAL(tree)
    base = url or (canonical[0] if canonical else None)
    canonical_url = _absolute(canonical[0].strip(), base) if canonical else _absolute(_first(meta, ("og:url",)), base)
    page_url = url or canonical_url
    declared = _declared_languages(tree, article, meta)
    language = first_declared(declared)  # checked against the body text later

    section = article.get("articleSection")
    if isinstance(section, list):
        section = section[0] if section else None
    body = article.get("articleBody") or article.get("text") or _howto_steps(objects)
    modified = _modified_date(tree, article, meta, language)
    return Metadata(
        headline=headline,
        headline_variants=tuple(dict.fromkeys(h for h in (headline, voted, *_visible_headlines(h1s, site_name), *social) if h)),
        alternativeHeadline=dek,
        description=description,
        authors=_authors(tree, article, objects, meta, site_name, page_url),
        datePublished=_published_date(tree, h1s, article, meta, language, page_url, modified),
        dateModified=modified,
        inLanguage=language,
        declared_languages=declared,
        articleSection=_clean(_str(section) or _first(meta, rules.SECTION_META)),
        keywords=_keywords(article.get("keywords"), meta),
        url=page_url,
        canonicalUrl=canonical_url,
        siteName=site_name,
        article_body=body.strip() if isinstance(body, str) and body.strip() else None,
        image_urls=tuple(_images(article.get("image"), meta, page_url)),
        article_typed=article_typed,
        listing_typed=any(_types(obj) & rules.LISTING_TYPES for obj in objects) and not article,
        website_typed=og_type in {"website", "profile", "product", "place"},
        title_tag=title_tag,
    )


def _modified_date(tree: HtmlElement, article: Mapping[str, Any], meta: dict[str, list[str]], language: str | None) -> str | None:
    """When the page says the article was last updated: its metadata, then ``itemprop=dateModified``."""
    modified = [_str(article.get("dateModified")), *(_first(meta, (key,)) for key in rules.MODIFIED_META)]
    return _first_date(modified, language) or _first_date([_attr_date(el) for el in _MODIFIED(tree)[:3]], language)


def _published_date(
    tree: HtmlElement, h1s: list[HtmlElement], article: Mapping[str, Any], meta: dict[str, list[str]],
    language: str | None, url: str | None, modified: str | None,
) -> str | None:
    """When the article was published: metadata, then the date shown near the headline, then
    any date the metadata wrote loosely, then the text, then the update date; an earlier date
    in the URL wins."""
    published = [_str(article.get("datePublished")), *(_first(meta, (key,)) for key in rules.PUBLISHED_META)]
    date = _first_date(published, language)
    shown: list[str] = []
    if date is None:
        date, shown = _visible_date(tree, h1s, language)
    if date is None:
        date = _fallback_date([v for v in published if v] + shown, language)
    if date is None:
        date = _date_line(h1s, language)
    if date is None:
        date = _text_date(tree)
    if date is None:
        date = modified
    return _url_date_if_earlier(url, date)


# -- sources ---------------------------------------------------------------------------------


def _meta_tags(tree: HtmlElement) -> dict[str, list[str]]:
    """All <meta> values by lower-cased name/property/itemprop/http-equiv, in page order."""
    found: dict[str, list[str]] = {}
    for el in _META(tree):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        value = el.get("content", "").strip()
        if key and value:
            found.setdefault(key.strip().lower(), []).append(value)
    return found


def _first(meta: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        values = meta.get(key)
        if values:
            return values[0]
    return None


def _jsonld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, flattening arrays, ``@graph`` and ``mainEntity``."""
    for script in _JSONLD(tree):
        raw = (script.text or "").strip()
        if not raw:
            continue
        if raw[0] in "/<":  # a wrapper ("//<![CDATA[", "<!--"): only then the regexes
            raw = _JSON_WRAPPER_END.sub("", _JSON_WRAPPER_START.sub("", raw)).strip()
        raw = raw.rstrip(";")
        data = _load_json(raw)
        if data is not None:
            yield from _flatten(data, 0)


def jsonld_types(tree: HtmlElement) -> set[str]:
    """Every JSON-LD ``@type`` on a page, lower-cased, as :func:`read_metadata` reads them
    (arrays, ``@graph``, ``mainEntity`` flattened; lenient, depth-capped). For the spiders."""
    return {kind for obj in _jsonld_objects(tree) for kind in _types(obj)}


def _load_json(raw: str) -> Any:
    """Parse a JSON-LD text, or None. Depth-capped: orjson refuses nesting over 1024 levels
    with an error, and the lenient fallback (control characters in strings, trailing
    commas) catches the RecursionError of a deeper document, so a hostile script loses
    only itself, never the page."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        pass
    for text in (raw, _TRAILING_COMMA.sub(r"\1", raw)):
        try:
            return json.loads(text, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _flatten(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if isinstance(data.get(key), (list, dict)):
                yield from _flatten(data[key], depth + 1)


def _as_list(value: Any) -> list[Any]:
    """A JSON-LD value that may be one item or a list of them, as a list (``None``: empty)."""
    return value if isinstance(value, list) else [value] if value is not None else []


def _types(obj: dict[str, Any]) -> set[str]:
    return {k.rsplit("/", 1)[-1].lower() for k in _as_list(obj.get("@type")) if isinstance(k, str)}


def _article_object(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The JSON-LD object that describes the article: article-typed, richest first."""
    candidates = [obj for obj in objects if _types(obj) & rules.ARTICLE_TYPES]
    if not candidates:
        return None
    candidates.sort(key=lambda o: (("headline" in o) + ("datePublished" in o) + ("articleBody" in o) + ("author" in o)), reverse=True)
    chosen = dict(candidates[0])
    chosen["@ids"] = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    return chosen


def _howto_steps(objects: list[dict[str, Any]]) -> str | None:
    """The steps of a JSON-LD ``HowTo`` as text, one line a step (its name, then its text),
    for how-to pages whose HTML shell leaves the steps to a script."""
    for obj in objects:
        if "howto" not in _types(obj):
            continue
        lines: list[str] = []
        for step in _as_list(obj.get("step")):
            if isinstance(step, dict):
                lines += [v for v in (_str(step.get("name")), _str(step.get("text"))) if v]
                lines += [v for v in (_str(d.get("text")) for d in _as_list(step.get("itemListElement")) if isinstance(d, dict)) if v]
            elif isinstance(step, str):
                lines.append(step)
        if lines:
            return "\n".join(lines)
    return None


def _microdata_article(tree: HtmlElement) -> dict[str, Any] | None:
    """A flat dict of the first article-typed microdata item (itemprop -> value)."""
    for scope in _MICRODATA_ARTICLE(tree):
        kind = scope.get("itemtype", "").rstrip("/").rsplit("/", 1)[-1].lower()
        if kind not in rules.ARTICLE_TYPES:
            continue
        item: dict[str, Any] = {}
        authors: list[dict[str, str | None]] = []
        for el in scope.iter():
            if not isinstance(el.tag, str) or el is scope:
                continue
            prop = el.get("itemprop")
            if not prop:
                continue
            # A nested item's properties are its own: a breadcrumb's "name" is not the headline.
            owner = next(el.iterancestors(), None)
            while owner is not None and owner is not scope and owner.get("itemscope") is None:
                owner = owner.getparent()
            if owner is not scope:
                continue
            value = el.get("content") or el.get("datetime") or el.get("src") or el.get("href")
            if prop == "author":
                name = el.xpath(".//*[@itemprop='name']")
                link = el.xpath("(self::a | .//*[@itemprop='url'])/@href")
                if value and "://" in value and not link:
                    link = [value]  # <a itemprop="author" href="/authors/x">Name</a>
                authors.append({"name": value if value and "://" not in value and el.tag != "a" else _text(name[0] if name else el),
                                "url": str(link[0]) if link else None})
            elif prop == "articleBody":
                item[prop] = "\n".join(_text(p) for p in el.xpath(".//p") if _text(p)) or _text(el)
            elif prop not in item:
                item[prop] = value or _text(el)
        if authors:
            item["author"] = authors
        return item
    return None


def _jsonld_name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _str(value.get("name"))
    return _str(value)


Byline = tuple[str, "str | None"]  # a byline text and the author page it links (if any)


def _jsonld_authors(value: Any, objects: list[dict[str, Any]], base: str | None) -> list[Byline]:
    ids = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    found: list[Byline] = []
    for item in _as_list(value):
        link: str | None = None
        if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
            item = ids.get(item["@id"], item)
        if isinstance(item, dict):
            name = _str(item.get("name"))
            kinds = _types(item)
            if kinds & rules.ORGANIZATION_TYPES and "person" not in kinds and (name or "").casefold() not in rules.WIRE_AGENCIES:
                continue  # the publisher, a company; a wire agency signing the story stays
            if not name and (item.get("givenName") or item.get("familyName")):
                name = f"{_str(item.get('givenName')) or ''} {_str(item.get('familyName')) or ''}"
            link = _author_url(_str(item.get("url")), base)
        else:
            name = _str(item)
        if name and "://" not in name:
            found.append((name, link))
    return found


def _author_url(value: str | None, base: str | None) -> str | None:
    """An author page link, absolute; only http(s) pages count (no mailto:, no javascript:)."""
    url = _absolute(value, base)
    return url if url and url.startswith(("http://", "https://")) else None


def _authors(tree: HtmlElement, article: dict[str, Any], objects: list[dict[str, Any]], meta: dict[str, list[str]],
             site: str | None, base: str | None) -> tuple[Person, ...]:
    """Authors from the first source that names a person: JSON-LD, <meta>, then the visible
    byline; failing those, a user name that the JSON-LD or a ``rel=author`` link gives."""
    publisher = article.get("publisher")
    if isinstance(publisher, dict) and "@type" not in publisher and isinstance(publisher.get("@id"), str):
        publisher = article.get("@ids", {}).get(publisher["@id"], publisher)
    if isinstance(publisher, dict) and "person" in _types(publisher):
        site = None  # a personal site: its name is its author's, and no publisher to leave out
    # A user name ("gizzmo") is the author only when no source names a person: the
    # visible byline often writes out the name that the JSON-LD gives as a login.
    handles = clean_authors(_jsonld_authors(article.get("author"), objects, base), site, handles=True)
    found = tuple(person for person in handles if _is_name(person.name, site))
    if found:
        return found
    written: list[str | Byline] = []
    for number in "1234":
        if rules.WRITTEN_BY_LABEL.match(_first(meta, (f"twitter:label{number}",)) or ""):
            written.append(_first(meta, (f"twitter:data{number}",)) or "")
    for key in rules.AUTHOR_META:
        written.extend(v for v in meta.get(key, []) if "://" not in v)
    found = clean_authors(written, site)
    if found:
        return found
    bylines: list[Person] = []
    for el in _BYLINE(tree)[:12]:
        if el.tag in {"meta", "link", "script", "style", "body", "html", "button"} or el.getparent() is None:
            continue
        text = normalize_text(" ".join(el.itertext()))  # "Author<b>Jane Doe</b>": words stay apart
        if text and 2 < len(text) < 120 and not text.endswith(":"):  # not a label ("Autor:")
            links = {_text(a).casefold(): a.get("href") for a in el.iter("a") if a.get("href")}
            if el.tag == "a" and el.get("href"):
                links[text.casefold()] = el.get("href")
            found = clean_authors([text], site, links={k: v for k, v in ((k, _author_url(v, base)) for k, v in links.items()) if v},
                                  handles=el.get("rel") == "author" or any(a.get("rel") == "author" for a in el.iter("a")))
            if any(_is_name(person.name, site) for person in found):
                return found
            bylines = bylines or list(found)
    return handles or tuple(bylines)


def _first_date(values: Sequence[str | None], language: str | None) -> str | None:
    """The first of ``values`` that reads as a date."""
    for value in values:
        date = normalize_date(value, language)
        if date:
            return date
    return None


def _attr_date(el: HtmlElement) -> str | None:
    value: str | None = el.get("datetime") or el.get("content")
    return value


def _visible_date(tree: HtmlElement, h1s: list[HtmlElement], language: str | None) -> tuple[str | None, list[str]]:
    """The first readable ``<time>`` / ``itemprop=datePublished`` date (attribute, then text)
    of the story, and the short texts of those that did not read, for the fallback parser."""
    elements = _TIME(tree)
    # When the headline sits in an <article>/<main>, times outside it date other stories
    # (teasers in a sidebar) or the page chrome: only the story's own count.
    story = next((a for h1 in h1s[:1] for a in h1.iterancestors() if a.tag in {"article", "main"}), None)
    if story is not None:
        elements = [el for el in elements if any(a is story for a in el.iterancestors())]
    elements = elements[:5]
    for el in elements:  # machine-readable first: a header's "today" clock has no datetime
        date = normalize_date(_attr_date(el), language)
        if date:
            return date, []
    unread: list[str] = []
    for el in elements:
        text = _text(el) if el.tag not in {"meta", "link"} and not _attr_date(el) else ""
        if text and len(text) <= 80:
            date = normalize_date(text, language)
            if date:
                return date, []
            unread.append(text)
    return None, unread


def _url_date_if_earlier(url: str | None, date: str | None) -> str | None:
    """The day in the URL path ("/2017/7/12/") when the declared date is days later: the
    path was fixed at first publication, a later datePublished is a republication."""
    match = rules.URL_DATE.search(urlsplit(url).path) if url and date else None
    if not match or not date:
        return date
    try:
        day = datetime(int(match[1]), int(match[2]), int(match[3]))
        declared = datetime.fromisoformat(date[:10])
    except ValueError:
        return date
    return day.strftime("%Y-%m-%d") if declared - day > timedelta(days=1) and _plausible(day.year) else date


def _fallback_date(values: list[str], language: str | None) -> str | None:
    """dateparser, for date strings none of our parsers read, only in the page's language.

    It knows the wordings of some 200 languages, but it is slow (milliseconds a string) and,
    left to guess the language, reads numbers in running text as dates: so it is asked
    only when every cheaper source failed, only about short strings with a digit, and only
    in the language the page declares.
    """
    primary = (language or "").split("-")[0]
    candidates = [v for v in dict.fromkeys(values) if 6 <= len(v) <= 80 and any(ch.isdigit() for ch in v)][:4]
    if not primary or not candidates:
        return None
    try:
        import dateparser
    except ImportError:  # an optional speed-up of htmldate; without it the fallback is skipped
        return None
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    for value in candidates:
        try:
            parsed = dateparser.parse(value, languages=[primary], settings=settings)
        except (ValueError, TypeError, KeyError, OverflowError):
            return None  # a language dateparser does not know: it raises for every string
        if parsed is not None and _plausible(parsed.year):
            if parsed.hour or parsed.minute:
                return format_datetime(parsed)
            return str(parsed.strftime("%Y-%m-%d"))
    return None


# A numeric date written on a line of its own under the headline ("Handball Schweiz • 02.02.2022",
# "Datum 25.01.2022", "2022-02-02 | News"): at most this many other characters on the line, and
# only in the first elements after the headline.
DATE_LINE_OTHER_CHARS = 40
DATE_LINE_ELEMENTS = 25


def _date_line(h1s: list[HtmlElement], language: str | None) -> str | None:
    """The date of a short line under the headline, for pages with no date in their markup.

    Only a full numeric date (day, month and year; day first as Europe writes it, or ISO)
    on a short line: in running text, and further down, dates are of other things.
    """
    if not h1s:
        return None
    for el in itertools.islice(_following(h1s[0]), DATE_LINE_ELEMENTS):
        for text in (el.text, el.tail):
            line = (text or "").strip()
            match = rules.NUMERIC_DATE.search(line) if len(line) <= DATE_LINE_OTHER_CHARS + 10 else None
            if match and len(line) - len(match.group()) <= DATE_LINE_OTHER_CHARS:
                date = normalize_date(match.group().replace(" ", ""), language)
                if date:
                    return date
    return None


def _following(el: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after ``el`` in document order (its own descendants first)."""
    yield from el.iterdescendants()
    node: HtmlElement | None = el
    while node is not None:
        for sibling in node.itersiblings():
            yield sibling
            yield from sibling.iterdescendants()
        node = node.getparent()


def _text_date(tree: HtmlElement) -> str | None:
    """Last resort, for pages whose date is only in running text: htmldate's search (on a copy,
    because htmldate cleans the tree it is given), else the first date the text writes out
    in words ("Thursday, September 14, 2006").

    htmldate's own ``extensive_search`` is not used: it hands free text to dateparser, which
    cost ~90 ms on each page that got here (two thirds of web/) plus seconds of regex
    compiling in every fresh worker process, and picked wrong dates. Same-day matches on
    snippets/: 75.5% with it, 77.9% so; news/ 98.2% either way."""
    from copy import deepcopy

    from htmldate import find_date

    try:
        found = find_date(deepcopy(tree), extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError, AttributeError):
        found = None
    return normalize_date(found) if found else parse_human_date(tree.text_content())


def _description_dek(tree: HtmlElement, description: str | None) -> str | None:
    """The page's description when it is also printed as a paragraph (a teaser line under the
    headline): a <p>, or an <h2>, <div> or <span> holding no paragraph, block or line break
    of its own (a post's text written in one <div> with <br>s is no teaser line)."""
    if not description:
        return None
    for p in _PARAS(tree)[:40]:
        if _text(p) == description:
            return description
    # Any <h2>, <div> or <span> whose own text starts with the description's first word is
    # worth the full comparison; one pass over those elements' direct text.
    first_word = description.split()[0]
    for el in tree.iter("h2", "div", "span"):
        own = el.text
        if own and own.lstrip().startswith(first_word) and _teaser_line(el) and _text(el) == description:
            return description
    return None


def _teaser_line(el: HtmlElement) -> bool:
    """An <h2>, <div> or <span> that holds no paragraph, block or line break of its own."""
    if el.tag == "span":
        return len(el) == 0
    return el.tag in ("h2", "div") and el.find(".//p") is None and el.find(".//div") is None and el.find(".//br") is None


def _visible_dek(tree: HtmlElement, h1s: list[HtmlElement], headline: str | None) -> str | None:
    """A subtitle element near the top: shortish, not the headline, not a link list."""
    scope = h1s[0].getparent() if h1s and h1s[0].getparent() is not None else tree
    for root in (scope, scope.getparent()):
        if root is None:
            continue
        candidates = (el for el in _DEK_CANDIDATES(root) if el.get("itemprop") in rules.DEK_ITEMPROPS or rules.DEK_CLASS.search(el.get("class", "")))
        for el in list(itertools.islice(candidates, 8)):
            classes = (el.get("class") or "").lower()
            if any(word in classes for word in rules.NOT_DEK_WORDS) or any(a.tag == "figure" for a in el.iterancestors()):
                continue
            if el.find(".//img") is not None or el.find(".//figure") is not None:
                continue  # a "lead" container holding the lead image: its text is the caption
            text = _text(el)
            if text and 30 <= len(text) <= 400 and text != headline and not el.xpath(".//a[string-length(normalize-space()) > 20] | .//p[2]"):
                return text
    return None


def _images(value: Any, meta: dict[str, list[str]], base: str | None) -> list[tuple[str, str | None, str | None]]:
    found: list[tuple[str, str | None, str | None]] = []
    for item in _as_list(value):
        if isinstance(item, dict):
            src = _str(item.get("url") or item.get("contentUrl"))
            caption = _clean(_str(item.get("caption")) or _str(item.get("description")))
            credit = _clean(_str(item.get("creditText")) or _jsonld_name(item.get("copyrightHolder")) or _jsonld_name(item.get("author")))
        else:
            src, caption, credit = _str(item), None, None
        if src:
            found.append((_absolute(src, base) or src, caption, credit))
    og = _first(meta, ("og:image", "og:image:url", "twitter:image"))
    if og and not found:
        found.append((_absolute(og, base) or og, _clean(_first(meta, ("og:image:alt",))), None))
    return found[:1]


def _keywords(value: Any, meta: dict[str, list[str]]) -> tuple[str, ...]:
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list):
        items = [v for v in value if isinstance(v, str)]
    else:
        items = meta.get("article:tag") or (meta.get("news_keywords") or meta.get("keywords") or [""])[0].split(",")
    seen: dict[str, None] = {}
    for item in items:
        word = normalize_text(item)
        if word and len(word) <= 80 and word.casefold() not in {k.casefold() for k in seen}:
            seen[word] = None
    return tuple(seen)[:30]


def _declared_languages(tree: HtmlElement, article: dict[str, Any], meta: dict[str, list[str]]) -> tuple[tuple[str, str], ...]:
    """Every language the page declares, as ``(source, value)``, most trusted first:
    ``<html lang>`` (what browsers and screen readers use), JSON-LD ``inLanguage``, then the
    ``<meta>`` forms (Content-Language, og:locale, ...)."""
    found: list[tuple[str, str]] = [("<html lang>", str(value)) for value in _HTML_LANG(tree)[:1]]
    declared = article.get("inLanguage")
    if isinstance(declared, dict):
        declared = declared.get("alternateName") or declared.get("name")
    if _str(declared):
        found.append(("JSON-LD inLanguage", _str(declared) or ""))
    for key in rules.LANGUAGE_META:
        found.extend((f"<meta {key}>", value) for value in meta.get(key, [])[:1])
    return tuple(found)


# -- headline -------------------------------------------------------------------------------


def _declared_headline(headline: str | None, site: str | None) -> str | None:
    """The article's schema.org ``headline`` (JSON-LD or microdata), when it reads like one.

    This is the headline the publisher declares for the story, and the property our
    output is named after; the visible <h1> or og:title are often a teaser or social
    variant of it (on the news corpus the declared one is the annotated title on 11 more
    pages than a vote between the sources). A value that is a fragment ("… groups
    concerned"), a single word (a site or author name put in the wrong field) or the site
    name is not trusted. A trailing " | Section" or a part naming the site is cut, as in a <title>.
    """
    text = _clean(headline)
    if not text or not _headline_shaped(text, site):
        return None
    head, bar, tail = text.rpartition(" | ")
    if bar and len(tail) < len(head):
        text = head.strip()
    return _strip_site(text, site, guess=False)


def _headline_shaped(text: str, site: str | None) -> bool:
    """Not a fragment ("… groups concerned"), a lone word (a name in the wrong field) or the site name."""
    if text[0] in "….," or (site and text.casefold() == site.casefold()):
        return False
    return len(text.split()) >= 3 or len(text) >= 12


def _h1_text(el: HtmlElement, site: str | None) -> str | None:
    """An <h1>'s text when it can be a headline: not empty or huge, not the site's logo."""
    text = _text(el)
    if not text or not 3 <= len(text) <= 400 or (site and text.casefold() == site.casefold()):
        return None
    return text


def _visible_headlines(h1s: list[HtmlElement], site: str | None) -> list[str]:
    """The texts of the page's first <h1>s (not the site's logo)."""
    return [t for t in (_h1_text(el, site) for el in h1s[:3]) if t]


def _choose_headline(h1_elements: list[HtmlElement], structured: str | None, meta: dict[str, list[str]], title_tag: str | None, site: str | None) -> str | None:
    """The visible <h1> is what readers (and annotators) call the headline; fall back to metadata.

    Among several <h1>s, prefer one that another source confirms, then one inside
    ``<article>``/``<main>``; a logo <h1> holding the site name never counts.
    """
    structured = _clean(structured)
    if structured and not _headline_shaped(structured, site):
        structured = None
    og = _clean(_first(meta, rules.TITLE_META))
    h1s: list[tuple[str, bool]] = []
    for el in h1_elements[:6]:
        text = _h1_text(el, site)
        if not text:
            continue
        entry = _entry_title(el, text, title_tag)
        if entry is not None:
            h1s.append((entry, False))  # the <h1> is the blog's name; the entry's heading is the headline
            continue
        if any(a.tag in {"header", "nav", "footer"} and not a.xpath(".//p") for a in el.iterancestors()) and len(text) < 30:
            continue
        h1s.append((text, any(a.tag in {"article", "main"} for a in el.iterancestors())))
    references = [s.casefold() for s in (structured, og, title_tag) if s]
    visible = None
    for h1, _ in h1s:
        folded = h1.casefold()
        if any(folded in ref or ref in folded for ref in references):
            visible = _without_kicker(h1, references)
            break
    if visible is None and h1s:
        in_article = [text for text, inside in h1s if inside]
        visible = in_article[0] if in_article else h1s[0][0]
        # An <h1> that shares no words with any title the page declares is a section,
        # widget or blog name ("News", "While you are here…"), not this story's headline.
        # A one-word title ("Home") is itself a site-wide name and vetoes nothing.
        vetoes = [ref for ref in references if len(ref.split()) >= 2]
        if vetoes and all(_similarity(visible, ref) < rules.HEADLINE_MIN_SIMILARITY for ref in vetoes):
            visible = None
    # Sites often give a different (SEO) title to one channel: the wording most sources
    # share is the headline; ties go to JSON-LD, then the visible <h1>.
    twitter = _clean(_first(meta, ("twitter:title",)))
    candidates = [_strip_site(c, site, guess=False) for c in (structured, visible) if c]
    candidates += [_strip_site(c, site) for c in (og, twitter) if c]
    if candidates:
        keys = [_vote_key(c, visible) for c in candidates]
        votes = {key: keys.count(key) for key in keys}
        return candidates[max(range(len(candidates)), key=lambda n: (votes[keys[n]], -n))]
    return _strip_site(title_tag, site) if title_tag else None


def _vote_key(candidate: str, visible: str | None) -> str:
    """What a headline candidate votes for: typography folded (the <h1>'s "d’actions" and the
    og:title's "d'actions" are one wording), and a title that is the <h1> followed by more
    site parts ("Headline | site.ch | Slogan", of which one suffix was cut) votes for the <h1>."""
    if visible and len(candidate) > len(visible) and candidate.startswith(visible) and rules.TITLE_SEPARATORS.match(candidate, len(visible)):
        candidate = visible
    return candidate.translate(rules.TYPOGRAPHY_FOLD)


# A kicker printed in the <h1> before the headline ("Tunesien", "Abstandsregeln und
# Fieberkontrollen :") is at most this share of the <h1>'s text.
MAX_KICKER_SHARE = 0.4


def _without_kicker(h1: str, references: list[str]) -> str:
    """The <h1>'s text without a kicker before the headline that the page declares.

    When the <h1> ends with a title the page declares elsewhere (og:title, JSON-LD, the
    <title>), and what comes before it is short, that part is a kicker (a topic or place
    label set in a <small> or an "overline" span): the headline is the declared wording.
    """
    folded = h1.casefold()
    for ref in references:
        if len(ref.split()) < 3 or len(ref) >= len(folded) or not folded.endswith(ref):
            continue
        # Case folding can change a text's length ("ß" is "ss"): cut the <h1> where its own
        # rest folds to the reference.
        for start in range(1, int(MAX_KICKER_SHARE * len(h1)) + 1):
            if h1[start:].casefold() == ref:
                return h1[start:].strip()
    return h1


def _entry_title(h1: HtmlElement, text: str, title_tag: str | None) -> str | None:
    """The entry's own heading when the <h1> is the blog's name.

    Blog themes put the blog's name in the page's only <h1> and the entry's title in an
    <h2> or <h3>; the <title> then reads "Blog name » Entry title". When the <h1> is one
    end of the <title>, the rest is longer, and a lower heading after the <h1> reads as
    that rest, the heading is the headline.
    """
    if not title_tag:
        return None
    folded = text.casefold()
    for separator in rules.TITLE_SEPARATORS.finditer(title_tag):
        head, rest = title_tag[: separator.start()].strip(), title_tag[separator.end() :].strip()
        if head.casefold() == folded and len(rest) > len(head):
            entry = rest
        elif rest.casefold() == folded and len(head) > len(rest):
            entry = head
        else:
            continue
        for heading in _LOWER_HEADINGS(h1):
            heading_text = _text(heading)
            if heading_text and heading_text.casefold() == entry.casefold():
                return heading_text
    return None


_LOWER_HEADINGS = etree.XPath("following::*[self::h2 or self::h3]")
_WORDS = re.compile(r"\w+")


def _similarity(a: str, b: str) -> float:
    """Share of the shorter text's words that the other has (0..1), case-folded."""
    words_a, words_b = set(_WORDS.findall(a.casefold())), set(_WORDS.findall(b.casefold()))
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def _strip_site(title: str, site: str | None, *, guess: bool = True) -> str:
    """Cut the site name off a title ("Title | Site", "Title | Section | Site", "Site: Title",
    "Site - Title"), keeping the rest verbatim.

    Without a part that names the site, ``guess`` cuts the last part when it is shorter
    than the rest (right for ``<title>`` and og:title, which nearly always carry a
    suffix); headlines from JSON-LD or an ``<h1>`` are only cut where the site is named.
    """
    if site:
        cut = _cut_site(title, site)
        if cut != title:
            return cut
    separators = list(rules.TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title
    first, last = separators[0], separators[-1]
    head = title[: first.start()]
    if guess and len(title[last.end() :]) < len(title[: last.start()]):
        return title[: last.start()].strip()
    if guess and first.group(0).strip() in {"::", "|", "»"} and len(head) < len(title[first.end() :]):
        return title[first.end() :].strip()  # "Site :: Headline": a site-name prefix
    return title


def _names_site(part: str, site: str) -> bool:
    """Whether a title part is the site's name (or contains it, or is a word of it)."""
    folded, name = part.strip().casefold(), site.casefold()
    return bool(folded) and (folded == name or name in folded or (len(folded) >= 3 and folded in name))


def _cut_site(title: str, site: str) -> str:
    """``title`` without the parts at either end that name the site, and without a short
    section part left before a cut site suffix ("Title | Section | Site" -> "Title")."""
    text = title
    prefix = rules.SITE_PREFIX.match(text)
    if prefix and _names_site(prefix.group(1), site) and len(text) - prefix.end() >= 10:
        return text[prefix.end() :].strip()
    separators = list(rules.TITLE_SEPARATORS.finditer(text))
    if not separators:
        return text
    first, last = separators[0], separators[-1]
    if _names_site(text[last.end() :], site):
        text = text[: last.start()].strip()
        head, bar, section = text.rpartition(" | ")
        if bar and len(section.split()) <= 3 and len(section) < len(head):
            text = head.strip()  # a section between the headline and the site name
        return text
    if _names_site(text[: first.start()], site):
        return text[first.end() :].strip()
    return text


# -- normalisation ---------------------------------------------------------------------------


def clean_authors(raw: Sequence[str | Byline], site: str | None = None, *, links: Mapping[str, str] | None = None,
                  handles: bool = False) -> tuple[Person, ...]:
    """Persons only: no "By", no job titles, no publisher names or handles, no duplicates.

    Each entry is a byline text, or a ``(text, url)`` pair when the source links the
    author's page. A byline naming several people is split; the url then goes to none of
    them unless ``links`` (link text -> url, from the byline's anchors) names one.
    ``handles`` also keeps user names in lower case ("gizzmo"), for sources that mark
    their text as the author (see :func:`_is_handle`).
    """
    people: dict[str, Person] = {}
    for entry in raw:
        text, url = (entry, None) if isinstance(entry, str) else entry
        text = normalize_text(re.sub(r"\S+@\S+|https?://\S+|\(.*?\)|(?:^|\s)@\w+", " ", htmllib.unescape(text)))
        text = rules.BYLINE_DATE_TAIL.sub("", rules.BYLINE_PREFIX.sub("", text))
        names = [_name_part(rules.BYLINE_PREFIX.sub("", part)) for part in rules.NAME_SEPARATORS.split(text)]
        names = [name for name in names if _is_name(name, site) or (handles and _is_handle(name, site))]
        for name in names:
            link = url if len(names) == 1 else None
            if links:
                link = links.get(name.casefold(), link)
            people.setdefault(name.casefold(), Person(name, link))
    return tuple(people.values())[:12]


_TRAILING_INITIAL = re.compile(r"\s\w\.$")


def _name_part(part: str) -> str:
    """One name of a byline without the punctuation around it; a final initial keeps its
    full stop ("Juan Carlos Muñoz C.")."""
    name = part.strip(" .:-–|·•@")
    if name and _TRAILING_INITIAL.search(part.rstrip(" :-–|·•@")):
        name += "."
    return name


_HANDLE = re.compile(r"[a-z][a-z0-9._]{2,29}")


def _is_handle(name: str, site: str | None) -> bool:
    """A user name in lower case ("gizzmo", "freeman1984"): a blog's author where the page
    marks it as the author (a JSON-LD Person, a ``rel=author`` link); not a desk word, and
    not the publisher's own account ("derspiegel" on DER SPIEGEL)."""
    if _HANDLE.fullmatch(name) is None or rules.NOT_A_NAME.search(name) or rules.DESK_HANDLE.search(name):
        return False
    # The publisher's own account: its name squashed, or its first word ("luxurious" on
    # Luxurious Magazine), as :func:`_is_name` leaves out "Acme" on Acme Media.
    login = _squashed(name.split(".")[0])
    return not site or login not in {_squashed(site), _squashed(site.split()[0])}


def _squashed(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _is_name(name: str, site: str | None) -> bool:
    if name.casefold() in rules.WIRE_AGENCIES:
        return True
    if "?" in name or "!" in name:
        return False  # a prompt ("Found a mistake?"), not a name
    words = name.split()
    if not words or len(words) > 5 or len(name) < 3 or len(name) > 60:
        return False
    if rules.BYLINE_PREFIX.match(name + " "):
        return False  # the byline's label alone ("Von", "Artikel von")
    if len(words) > 1 and words[0][:1].isupper() and words[-1][:1].islower():
        return False  # a label before a date or a name ("Posted on", "Veröffentlicht am"): names end capitalised
    if any(ch.isdigit() for ch in name) or rules.NOT_A_NAME.search(name) or rules.NOT_AUTHORS.match(name) or rules.NOT_NAME_SHAPE.search(name):
        return False
    if site:
        # The publisher under its own name is no byline: "Acme Herald", "Acme" (a one-word
        # short form of "Acme Media"), "Acme Herald" for "Acme Herald Ltd".
        folded, site_folded = name.casefold(), site.casefold()
        rest = site[len(name):].strip(" ,") if site_folded.startswith(folded) else None
        if folded == site_folded or (len(words) == 1 and site_folded.split()[:1] == [folded]):
            return False
        if rest and rules.LEGAL_FORM.fullmatch(" " + rest):
            return False
    return True


_DATE_ONLY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# ISO 8601 as pages write it: "2026-03-03T16:15:00.000+0100", "2026-03-03 16:15 +01:00", "…Z".
_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$", re.I
)
# Day first ("14.03.2026, 08:15 Uhr", "12/03/2026 09h30"); month first only when the day cannot be one.
_EU_DATE = re.compile(r"(\d{1,2})[./]\s?(\d{1,2})[./]\s?(\d{4})(?:\D{1,6}(\d{1,2})[:.hH](\d{2}))?")


def normalize_date(value: str | None, language: str | None = None) -> str | None:
    """ISO 8601 ``YYYY-MM-DDTHH:MM:SS[+HH:MM]`` (or ``YYYY-MM-DD``); None if not a plausible date.

    Parsers run from the strictest to the loosest, so that none reads a string another
    one understands better: ISO 8601, RFC 2822 (only strings of exactly that shape:
    ``email.utils`` would read "March 3, 2026, 4:15 pm" as 04:15), a date written for people
    (month names of ``language`` first, see :mod:`newsclean.rules.dates`), then a numeric
    day-first date. The page's UTC offset is kept when it gives one.
    """
    if not value or not isinstance(value, str):
        return None
    value = value.strip()[:200]
    if _DATE_ONLY.match(value):
        return value if _plausible(int(value[:4])) else None
    iso = _ISO.match(value)
    if iso and iso.group(4) is None:  # a day with an offset ("2026-03-03+01:00"): the day
        return value[:10] if _plausible(int(value[:4])) else None
    parsed = _iso_date(iso)
    if parsed is None and date_rules.RFC2822_DATE.match(value):
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is not None:
        return format_datetime(parsed) if _plausible(parsed.year) else None
    return parse_human_date(value, language) or _numeric_date(value)


def _iso_date(match: re.Match[str] | None) -> datetime | None:
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    tz: timezone | None = None
    if zone:
        tz = _offset(zone)
        if tz is None:
            return None
    try:
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), tzinfo=tz)
    except ValueError:
        return None


def _offset(zone: str | None) -> timezone | None:
    """``Z``/``UTC``/``GMT`` -> UTC; ``+01``, ``+0100``, ``+01:00`` -> that offset; else None."""
    if not zone:
        return None
    if zone.upper() in {"Z", "UTC", "GMT"}:
        return timezone.utc
    digits = zone[1:].replace(":", "")
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    if hours > 14 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if zone[0] == "-" else delta)


def _numeric_date(value: str) -> str | None:
    match = _EU_DATE.search(value)
    if not match:
        return None
    day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if month > 12 >= day:
        day, month = month, day
    if not _plausible(year):
        return None
    try:
        if match.group(4) is None:
            return datetime(year, month, day).strftime("%Y-%m-%d")
        return format_datetime(datetime(year, month, day, int(match.group(4)), int(match.group(5))))
    except ValueError:
        return None


def parse_human_date(text: str, language: str | None = None) -> str | None:
    """A date written for people, in many languages: "March 3, 2026, 4:15 pm", "3. März 2026",
    "3 марта 2026", "2026年3月3日 16:15". ``language`` (BCP 47) picks the month names that
    differ between languages ("listopad" is November in Czech, October in Croatian)."""
    cjk = date_rules.CJK_DATE.search(text)
    if cjk:
        return _assemble(int(cjk["y"]), int(cjk["m"]), int(cjk["d"]), cjk["h"], cjk["min"], None, None, None)
    months = date_rules.months_for(language)
    for match in date_rules.HUMAN_DATE.finditer(text):
        month = months.get(date_rules.fold(match["m1"] or match["m2"] or ""))
        if not month:
            continue
        zone = match["off"] or match["utc"]
        return _assemble(int(match["y1"] or match["y2"]), month, int(match["d1"] or match["d2"]),
                         match["h"], match["min"], match["s"], match["ampm"], zone)
    return None


def _assemble(year: int, month: int, day: int, hour: str | None, minute: str | None, second: str | None,
              ampm: str | None, zone: str | None) -> str | None:
    if not _plausible(year):
        return None
    try:
        if hour is None or minute is None:
            return datetime(year, month, day).strftime("%Y-%m-%d")
        h = int(hour)
        if ampm:
            if h > 12:
                return datetime(year, month, day).strftime("%Y-%m-%d")
            h = h % 12 + (12 if ampm.lower().startswith("p") else 0)
        tz = _offset(zone) if zone else None
        return format_datetime(datetime(year, month, day, h, int(minute), int(second or 0), tzinfo=tz))
    except ValueError:
        return None


def format_datetime(parsed: datetime) -> str:
    """Seconds precision; the offset as ``+HH:MM`` when known (UTC as ``+00:00``)."""
    text = parsed.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%S")
    offset = parsed.utcoffset()
    if offset is not None:
        if offset == timedelta(0):
            return text + "+00:00"
        sign = "-" if offset < timedelta(0) else "+"
        minutes = abs(int(offset.total_seconds())) // 60
        text += f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return text


def _plausible(year: int) -> bool:
    return 1990 <= year <= datetime.now(timezone.utc).year + 1


# -- small helpers ---------------------------------------------------------------------------


def _text(el: Any) -> str:
    if el is None:
        return ""
    try:
        return normalize_text(el.text_content())
    except (AttributeError, ValueError):
        return ""


def _str(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    text = normalize_text(htmllib.unescape(re.sub(r"<[^>]{1,200}>", " ", value)))
    return text or None


def _absolute(value: str | None, base: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    try:
        return urljoin(base, value) if base else value
    except ValueError:
        return value
