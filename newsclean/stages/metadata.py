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
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement

from newsclean.canonical import normalize_text
from newsclean.rules import metadata as rules


@dataclass
class Metadata:
    """What the page says about itself. Internal; the pipeline turns it into an Article."""

    headline: str | None = None
    headline_variants: tuple[str, ...] = ()  # every wording of the headline the page shows
    alternativeHeadline: str | None = None
    description: str | None = None
    authors: tuple[str, ...] = ()
    datePublished: str | None = None
    dateModified: str | None = None
    inLanguage: str | None = None
    articleSection: str | None = None
    keywords: tuple[str, ...] = ()
    url: str | None = None
    canonicalUrl: str | None = None
    siteName: str | None = None
    article_body: str | None = None
    image_urls: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    article_typed: bool = False
    listing_typed: bool = False
    website_typed: bool = False
    title_tag: str | None = None


_JSONLD = etree.XPath("//script[@type='application/ld+json' or @type='application/json+ld']")
_META = etree.XPath("//meta[@content]")
_H1 = etree.XPath("//h1")
_ARTICLES = etree.XPath("//article")
_PARAS = etree.XPath("//p")
_TIME = etree.XPath("//time[@datetime] | //*[@itemprop='datePublished'][@content or @datetime]")
_MICRODATA_ARTICLE = etree.XPath("//*[@itemscope][@itemtype]")
_CANONICAL = etree.XPath("//link[@rel='canonical']/@href")
_HTML_LANG = etree.XPath("/html/@lang | /html/@xml:lang", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})
_TITLE = etree.XPath("//title")
_BYLINE = etree.XPath(rules.BYLINE_XPATH)
_DEK_CANDIDATES = etree.XPath(rules.DEK_CANDIDATES_XPATH)
_TRAILING_COMMA = re.compile(r",\s*([\]}])")


def read_metadata(tree: HtmlElement, url: str | None) -> Metadata:
    """Collect the page's metadata into a :class:`Metadata` record."""
    meta = _meta_tags(tree)
    objects = list(_jsonld_objects(tree))
    article = _article_object(objects) or _microdata_article(tree) or {}
    md = Metadata()
    md.article_typed = (
        bool(article)
        or _first(meta, ("og:type",)) in {"article", "news", "article:news"}
        # One <article> element with a headline of its own is how plain HTML marks a story
        # (fronts have one <article> per teaser).
        or (len(_ARTICLES(tree)) == 1 and _ARTICLES(tree)[0].find(".//h1") is not None)
    )
    md.website_typed = _first(meta, ("og:type",)) in {"website", "profile", "product", "place"}
    md.listing_typed = any(_types(obj) & rules.LISTING_TYPES for obj in objects) and not article

    title_tag = _text(_TITLE(tree)[0]) if _TITLE(tree) else None
    md.title_tag = title_tag
    site = _str(_jsonld_name(article.get("publisher"))) or _first(meta, rules.SITE_META)
    md.siteName = normalize_text(site) if site and not site.startswith("@") else (site.lstrip("@") if site else None)
    h1s = _H1(tree)  # one walk for the headline vote, its wordings and the dek search
    voted = _choose_headline(h1s, _str(article.get("headline")) or _str(article.get("name")), meta, title_tag, md.siteName)
    md.headline = _declared_headline(_str(article.get("headline")), md.siteName) or voted
    social = [_strip_site(t, md.siteName) for t in (_clean(_first(meta, ("og:title",))), _clean(_first(meta, ("twitter:title",)))) if t]
    md.headline_variants = tuple(dict.fromkeys(h for h in (md.headline, voted, *_visible_headlines(h1s, md.siteName), *social) if h))
    md.alternativeHeadline = _clean(_str(article.get("alternativeHeadline"))) or _visible_dek(tree, h1s, md.headline)
    md.description = _clean(_str(article.get("description")) or _first(meta, rules.DESCRIPTION_META))
    if md.alternativeHeadline is None:
        md.alternativeHeadline = _description_dek(tree, md.description)

    md.authors = _authors(tree, article, objects, meta, md.siteName)

    md.datePublished = normalize_date(_str(article.get("datePublished")) or _first(meta, rules.PUBLISHED_META))
    md.dateModified = normalize_date(_str(article.get("dateModified")) or _first(meta, rules.MODIFIED_META))
    if md.datePublished is None:
        md.datePublished = _visible_date(tree)
    if md.datePublished is None:
        md.datePublished = _text_date(tree)
    if md.datePublished is None:
        md.datePublished = md.dateModified

    md.inLanguage = normalize_language(_str(article.get("inLanguage")) or _html_lang(tree) or _first(meta, rules.LANGUAGE_META))
    section = article.get("articleSection")
    if isinstance(section, list):
        section = section[0] if section else None
    md.articleSection = _clean(_str(section) or _first(meta, rules.SECTION_META))
    md.keywords = _keywords(article.get("keywords"), meta)

    canonical = _CANONICAL(tree)
    base = url or (canonical[0] if canonical else None)
    md.canonicalUrl = _absolute(canonical[0].strip(), base) if canonical else _absolute(_first(meta, ("og:url",)), base)
    md.url = url or md.canonicalUrl
    body = article.get("articleBody") or article.get("text")
    md.article_body = body.strip() if isinstance(body, str) and body.strip() else None
    md.image_urls = _images(article.get("image"), meta, md.url)
    return md


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
        raw = raw.removeprefix("<![CDATA[").removesuffix("]]>").strip().rstrip(";")
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            try:
                data = json.loads(_TRAILING_COMMA.sub(r"\1", raw), strict=False)
            except ValueError:
                continue
        yield from _flatten(data, 0)


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


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1].lower() for k in kinds if isinstance(k, str)}


def _article_object(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The JSON-LD object that describes the article: article-typed, richest first."""
    candidates = [obj for obj in objects if _types(obj) & rules.ARTICLE_TYPES]
    if not candidates:
        return None
    candidates.sort(key=lambda o: (("headline" in o) + ("datePublished" in o) + ("articleBody" in o) + ("author" in o)), reverse=True)
    chosen = dict(candidates[0])
    chosen["@ids"] = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    return chosen


def _microdata_article(tree: HtmlElement) -> dict[str, Any] | None:
    """A flat dict of the first article-typed microdata item (itemprop -> value)."""
    for scope in _MICRODATA_ARTICLE(tree):
        kind = scope.get("itemtype", "").rstrip("/").rsplit("/", 1)[-1].lower()
        if kind not in rules.ARTICLE_TYPES:
            continue
        item: dict[str, Any] = {}
        authors: list[str] = []
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
                authors.append(value if value and "://" not in value else _text(name[0] if name else el))
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


def _jsonld_authors(value: Any, objects: list[dict[str, Any]]) -> list[str]:
    ids = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
            item = ids.get(item["@id"], item)
        if isinstance(item, dict):
            if _types(item) & {"organization", "newsmediaorganization", "corporation"}:
                continue
            name = _str(item.get("name"))
            if not name and (item.get("givenName") or item.get("familyName")):
                name = f"{_str(item.get('givenName')) or ''} {_str(item.get('familyName')) or ''}"
        else:
            name = _str(item)
        if name and "://" not in name:
            names.append(name)
    return names


def _authors(tree: HtmlElement, article: dict[str, Any], objects: list[dict[str, Any]], meta: dict[str, list[str]], site: str | None) -> tuple[str, ...]:
    """Authors from the first source that names a person: JSON-LD, <meta>, then the visible byline."""
    found = clean_authors(_jsonld_authors(article.get("author"), objects), site)
    if found:
        return found
    written: list[str] = []
    for number in "1234":
        if rules.WRITTEN_BY_LABEL.match(_first(meta, (f"twitter:label{number}",)) or ""):
            written.append(_first(meta, (f"twitter:data{number}",)) or "")
    for key in rules.AUTHOR_META:
        written.extend(v for v in meta.get(key, []) if "://" not in v)
    found = clean_authors(written, site)
    if found:
        return found
    for el in _BYLINE(tree)[:12]:
        if el.tag in {"meta", "link", "script", "style", "body", "html"} or el.getparent() is None:
            continue
        text = _text(el)
        if text and 2 < len(text) < 120:
            found = clean_authors([text], site)
            if found:
                return found
    return ()


def _visible_date(tree: HtmlElement) -> str | None:
    for el in _TIME(tree)[:5]:
        date = normalize_date(el.get("datetime") or el.get("content"))
        if date:
            return date
    return None


def _text_date(tree: HtmlElement) -> str | None:
    """Last resort, for pages whose date is only in running text: htmldate's search (on a copy,
    because htmldate cleans the tree it is given)."""
    from copy import deepcopy

    from htmldate import find_date

    try:
        found = find_date(deepcopy(tree), extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError, AttributeError):
        return None
    return normalize_date(found) if found else None


def _description_dek(tree: HtmlElement, description: str | None) -> str | None:
    """The page's description when it is also printed as a paragraph (a teaser line under the headline)."""
    if not description:
        return None
    for p in _PARAS(tree)[:40]:
        if _text(p) == description:
            return description
    return None


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
    for item in value if isinstance(value, list) else [value]:
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


def _html_lang(tree: HtmlElement) -> str | None:
    langs = _HTML_LANG(tree)
    return str(langs[0]) if langs else None


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
        if any(a.tag in {"header", "nav", "footer"} and not a.xpath(".//p") for a in el.iterancestors()) and len(text) < 30:
            continue
        h1s.append((text, any(a.tag in {"article", "main"} for a in el.iterancestors())))
    references = [s.casefold() for s in (structured, og, title_tag) if s]
    visible = None
    for h1, _ in h1s:
        folded = h1.casefold()
        if any(folded in ref or ref in folded for ref in references):
            visible = h1
            break
    if visible is None and h1s:
        in_article = [text for text, inside in h1s if inside]
        visible = in_article[0] if in_article else h1s[0][0]
    # Sites often give a different (SEO) title to one channel: the wording most sources
    # share is the headline; ties go to JSON-LD, then the visible <h1>.
    twitter = _clean(_first(meta, ("twitter:title",)))
    candidates = [_strip_site(c, site, guess=False) for c in (structured, visible) if c]
    candidates += [_strip_site(c, site) for c in (og, twitter) if c]
    if candidates:
        votes = {c: sum(1 for other in candidates if other == c) for c in candidates}
        return max(candidates, key=lambda c: (votes[c], -candidates.index(c)))
    return _strip_site(title_tag, site) if title_tag else None


def _strip_site(title: str, site: str | None, *, guess: bool = True) -> str:
    """Cut a " | Site Name" suffix (or "Site: " prefix) off a title, keeping the rest verbatim.

    Without a part that names the site, ``guess`` cuts the last part when it is shorter
    than the rest (right for ``<title>`` and og:title, which nearly always carry a
    suffix); headlines from JSON-LD or an ``<h1>`` are only cut where the site is named.
    """
    separators = list(rules.TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title
    first, last = separators[0], separators[-1]
    head, tail = title[: first.start()], title[last.end() :]
    folded = site.casefold() if site else None
    if folded and (folded in tail.casefold() or tail.casefold() in folded):
        return title[: last.start()].strip()
    if folded and (folded in head.casefold() or head.casefold() in folded):
        return title[first.end() :].strip()
    if guess and len(tail) < len(title[: last.start()]):
        return title[: last.start()].strip()
    if guess and first.group(0).strip() in {"::", "|", "»"} and len(head) < len(title[first.end() :]):
        return title[first.end() :].strip()  # "Site :: Headline": a site-name prefix
    return title


# -- normalisation ---------------------------------------------------------------------------


def clean_authors(raw: list[str], site: str | None = None) -> tuple[str, ...]:
    """Person names only: no "By", no job titles, no agencies or publisher names, no duplicates."""
    names: dict[str, str] = {}
    for entry in raw:
        text = normalize_text(re.sub(r"\S+@\S+|https?://\S+|\(.*?\)", " ", entry))
        text = rules.BYLINE_PREFIX.sub("", text)
        for part in rules.NAME_SEPARATORS.split(text):
            name = rules.BYLINE_PREFIX.sub("", part).strip(" .:-–|·•@")
            if not _is_name(name, site):
                continue
            names.setdefault(name.casefold(), name)
    return tuple(names.values())[:12]


def _is_name(name: str, site: str | None) -> bool:
    words = name.split()
    if not words or len(words) > 5 or len(name) < 3 or len(name) > 60:
        return False
    if any(ch.isdigit() for ch in name) or rules.NOT_A_NAME.search(name) or rules.NOT_AUTHORS.match(name) or rules.NOT_NAME_SHAPE.search(name):
        return False
    return not (site and name.casefold() == site.casefold())


_DATE_ONLY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# Day first ("14.03.2026, 08:15 Uhr", "12/03/2026 09h30"); month first only when the day cannot be one.
_EU_DATE = re.compile(r"(\d{1,2})[./]\s?(\d{1,2})[./]\s?(\d{4})(?:\D{1,6}(\d{1,2})[:.hH](\d{2}))?")


def normalize_date(value: str | None) -> str | None:
    """ISO 8601 ``YYYY-MM-DDTHH:MM:SS[+HH:MM]`` (or ``YYYY-MM-DD``); None if not a plausible date."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    if _DATE_ONLY.match(value):
        return value if _plausible(int(value[:4])) else None
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            human = parse_human_date(value)
            if human:
                return human
            match = _EU_DATE.search(value)
            if match:
                day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
                if month > 12 >= day:
                    day, month = month, day
                hour, minute = int(match.group(4) or 0), int(match.group(5) or 0)
                try:
                    parsed = datetime(year, month, day, hour, minute)
                except ValueError:
                    return None
                if match.group(4) is None:
                    return parsed.strftime("%Y-%m-%d") if _plausible(year) else None
    if parsed is None or not _plausible(parsed.year):
        return None
    return format_datetime(parsed)


def parse_human_date(text: str) -> str | None:
    """A date written for people, in several languages: "March 3, 2026, 4:15 pm", "3. März 2026"."""
    match = rules.HUMAN_DATE.search(text)
    if not match:
        return None
    groups = match.groupdict()
    month = rules.MONTHS.get((groups["m1"] or groups["m2"] or "").lower().rstrip("."))
    if not month:
        return None
    day, year = int(groups["d1"] or groups["d2"]), int(groups["y1"] or groups["y2"])
    if not _plausible(year):
        return None
    try:
        if groups["h"] is None:
            return datetime(year, month, day).strftime("%Y-%m-%d")
        hour = int(groups["h"]) % 12 + (12 if (groups["ampm"] or "").lower().startswith("p") else 0) if groups["ampm"] else int(groups["h"])
        return format_datetime(datetime(year, month, day, hour, int(groups["min"])))
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


_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}|[A-Za-z]{4}))?")


def normalize_language(value: str | None) -> str | None:
    """BCP 47 primary tag (and region): ``en_US`` -> ``en-US``, ``DE`` -> ``de``."""
    if not value:
        return None
    match = _LANG.match(value.strip())
    if not match:
        return None
    primary, region = match.group(1).lower(), match.group(2)
    if primary in {"x", "und", "zxx", "mul"}:
        return None
    if region:
        region = region.title() if len(region) == 4 else region.upper()
        return f"{primary}-{region}"
    return primary


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
