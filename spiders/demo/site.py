"""The demo news site: articles (from :mod:`.content`) rendered in three CMS styles, with the
boilerplate real sites carry, plus fronts, tag pages, robots.txt, sitemaps and feeds.

``build(origin)`` returns every path with its status, content type and body, and a
manifest (which paths are articles) that tests use as ground truth.
"""

from __future__ import annotations

import gzip
import html
import json
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime

from spiders.demo.content import ARTICLES

SECTIONS = ("world", "politics", "business", "science", "culture")
LANGUAGES = {"stadtfest-bilanz": "de", "orgel-restauriert": "de", "festival-cinema": "fr"}
TAGS = {"harbour": ("harbour-bridge-reopens", "port-container-record", "shipyard-orders", "fishing-quotas-talks"),
        "climate": ("drought-wells-dry", "storm-warning-coast", "slow-glacier-data", "algae-bloom")}
REDIRECTS = {"/old/harbour-bridge.html": "/news/world/harbour-bridge-reopens.html", "/old/science-front.html": "/news/science/"}
SLOW = {"/news/science/slow-glacier-data.html": 2.0}
MISSING = "/news/world/deleted-story.html"
PRIVATE = "/private/secret.html"


@dataclass
class Page:
    """One served resource."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200


@dataclass
class Site:
    """All pages by path, plus the ground truth for tests."""

    pages: dict[str, Page] = field(default_factory=dict)
    manifest: dict[str, object] = field(default_factory=dict)


def _path(slug: str, section: str) -> str:
    return f"/news/{section}/{slug}.html"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _chrome(title: str, head: str, body: str, lang: str = "en") -> str:
    nav = "".join(f'<li><a href="/news/{s}/">{s.title()}</a></li>' for s in SECTIONS)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{_esc(title)} | Harwick Herald</title>'
        f'<meta name="viewport" content="width=device-width">{head}</head><body>'
        f'<header class="masthead"><a class="logo" href="/">Harwick Herald</a><nav class="main-nav"><ul>{nav}</ul></nav>'
        f'<form class="search" action="/search"><input name="q" placeholder="Search"></form></header>'
        f'<main>{body}</main>'
        '<div class="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept all</button></div>'
        '<footer class="site-footer"><p>© 2026 Harwick Herald</p><a href="/about.html">About us</a> <a href="/privacy.html">Privacy</a></footer>'
        "</body></html>"
    )


def _article(index: int, origin: str, art: tuple) -> str:
    slug, section, headline, dek, author, date, paragraphs, caption, credit = art
    lang = LANGUAGES.get(slug, "en")
    url = f"{origin}{_path(slug, section)}"
    image = f"{origin}/img/{slug}.jpg"
    style = index % 3
    related = [a for a in ARTICLES if a[1] == section and a[0] != slug][:3]
    read_more = "".join(f'<li><a href="{_path(a[0], a[1])}">{_esc(a[2])}</a></li>' for a in related)
    figure = (
        f'<figure class="lead-figure"><img src="/img/{slug}.jpg" alt="{_esc(caption)}">'
        f"<figcaption>{_esc(caption)} <span class=\"credit\">(Photo: {_esc(credit)})</span></figcaption></figure>"
    )
    share = '<div class="share-bar"><a href="#">Facebook</a><a href="#">X</a><a href="#">Email</a><button>Copy link</button></div>'
    paras = [f"<p>{_esc(p)}</p>" for p in paragraphs]
    if style == 0:  # JSON-LD, inline newsletter box, "Read more:" list, registration wall
        head = (
            '<meta property="og:type" content="article">'
            f'<script type="application/ld+json">{json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline, "description": dek, "author": [{"@type": "Person", "name": author}], "datePublished": date, "image": [image], "articleSection": section.title(), "keywords": [section, "Harwick"], "url": url, "publisher": {"@type": "Organization", "name": "Harwick Herald"}})}</script>'
        )
        paras.insert(2, '<div class="newsletter-box"><p>Sign up for our daily newsletter</p><p>Get the Harwick Herald by email and never miss our top stories</p><button>Free Sign Up</button></div>')
        body = (
            f'<article><h1>{_esc(headline)}</h1><p class="dek">{_esc(dek)}</p><p class="byline">By {_esc(author)}</p>'
            f'<time datetime="{date}">{date[:10]}</time>{figure}{share}{"".join(paras)}</article>'
            f'<section class="read-more"><h3>Read more:</h3><ul>{read_more}</ul></section>'
            '<div class="regwall"><p>Register for free and continue reading</p><p>Already registered? Enter your email to sign in.</p><p>Or continue with</p></div>'
        )
    elif style == 1:  # OpenGraph only, ad labels, related aside, author bio, follow line
        head = (
            f'<meta property="og:type" content="article"><meta property="og:title" content="{_esc(headline)}">'
            f'<meta property="og:description" content="{_esc(dek)}"><meta property="og:url" content="{url}">'
            f'<meta property="og:image" content="{image}"><meta property="article:published_time" content="{date}">'
            f'<meta property="article:section" content="{section.title()}"><meta name="author" content="{_esc(author)}">'
            f'<link rel="canonical" href="{url}">'
        )
        paras.insert(1, '<div class="ad-slot"><p>Advertisement</p></div>')
        body = (
            f'<div class="post"><h1 class="entry-title">{_esc(headline)}</h1><h2 class="subtitle">{_esc(dek)}</h2>'
            f'<div class="wp-caption"><img src="/img/{slug}.jpg" alt="{_esc(caption)}"><p class="wp-caption-text">{_esc(caption)} (Photo: {_esc(credit)})</p></div>'
            f'<div class="entry-content">{"".join(paras)}<p>Follow us on Facebook and Instagram for more local news.</p></div>'
            f'<div class="author-bio"><p>{_esc(author)} is a reporter at the Harwick Herald covering {section}. Follow them on social media.</p></div>'
            f'<aside class="related-articles"><h3>Related articles</h3><ul>{read_more}</ul></aside></div>'
        )
    else:  # microdata, recommended block, app prompt, subscription prompt
        head = '<meta property="og:type" content="article">'
        body = (
            f'<article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">{_esc(headline)}</h1>'
            f'<p class="standfirst" itemprop="description">{_esc(dek)}</p>'
            f'<p class="byline">By <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">{_esc(author)}</span></span></p>'
            f'<meta itemprop="datePublished" content="{date}">{figure}'
            f'<div itemprop="articleBody">{"".join(paras)}<p>Download our app to get breaking news alerts</p></div>'
            f'<div class="recommended"><h3>Recommended for you</h3><ul>{read_more}</ul></div>'
            '<div class="subscribe-prompt"><p>Subscribe to continue reading our best journalism</p></div></article>'
        )
    return _chrome(headline, head, body, lang)


def _front(title: str, items: list[tuple], lang: str = "en") -> str:
    teasers = "".join(
        f'<div class="teaser"><h2><a href="{_path(a[0], a[1])}">{_esc(a[2])}</a></h2><p>{_esc(a[3])}</p></div>' for a in items
    )
    head = '<meta property="og:type" content="website">'
    return _chrome(title, head, f'<h1>{_esc(title)}</h1><div class="teaser-list">{teasers}</div>', lang)


def _urlset(origin: str, articles: list[tuple], news: bool = False) -> str:
    entries = []
    for a in articles:
        loc = f"{origin}{_path(a[0], a[1])}"
        if news:
            entries.append(
                f"<url><loc>{loc}</loc><news:news><news:publication><news:name>Harwick Herald</news:name>"
                f"<news:language>{LANGUAGES.get(a[0], 'en')}</news:language></news:publication>"
                f"<news:publication_date>{a[5]}</news:publication_date><news:title>{_esc(a[2])}</news:title></news:news></url>"
            )
        else:
            entries.append(f"<url><loc>{loc}</loc><lastmod>{a[5]}</lastmod></url>")
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>{"".join(entries)}</urlset>'


def _rss(origin: str, articles: list[tuple]) -> str:
    items = "".join(
        f"<item><title>{_esc(a[2])}</title><link>{origin}{_path(a[0], a[1])}</link><description>{_esc(a[3])}</description>"
        f"<pubDate>{format_datetime(datetime.fromisoformat(a[5]))}</pubDate></item>"
        for a in articles
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Harwick Herald</title><link>{origin}/</link><description>News</description>{items}</channel></rss>'


def _atom(origin: str, articles: list[tuple]) -> str:
    entries = "".join(
        f'<entry><title>{_esc(a[2])}</title><link href="{origin}{_path(a[0], a[1])}"/><id>{origin}{_path(a[0], a[1])}</id>'
        f"<updated>{a[5]}</updated><summary>{_esc(a[3])}</summary></entry>"
        for a in articles
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Harwick Herald</title><id>{origin}/</id><updated>2026-11-20T00:00:00Z</updated>{entries}</feed>'


def _rdf(origin: str, articles: list[tuple]) -> str:
    seq = "".join(f'<rdf:li rdf:resource="{origin}{_path(a[0], a[1])}"/>' for a in articles)
    items = "".join(
        f'<item rdf:about="{origin}{_path(a[0], a[1])}"><title>{_esc(a[2])}</title><link>{origin}{_path(a[0], a[1])}</link><dc:date>{a[5]}</dc:date></item>'
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="{origin}/feeds/science.rdf"><title>Harwick Herald: Science</title><link>{origin}/news/science/</link>'
        f"<description>Science</description><items><rdf:Seq>{seq}</rdf:Seq></items></channel>{items}</rdf:RDF>"
    )


def build(origin: str, scale: int = 0) -> Site:
    """Render the whole site for a server at ``origin`` (e.g. ``http://127.0.0.1:8731``)."""
    site = Site()
    pages = site.pages
    newest = sorted(ARTICLES, key=lambda a: a[5], reverse=True)
    for index, art in enumerate(ARTICLES):
        pages[_path(art[0], art[1])] = Page(_article(index, origin, art).encode())
    home = _front("Harwick Herald", newest[:12])
    home = home.replace(
        "</main>",
        f'<ul class="more-links"><li><a href="/old/harbour-bridge.html">Bridge archive</a></li><li><a href="{MISSING}">A story that was deleted</a></li>'
        f'<li><a href="{PRIVATE}">Staff only</a></li><li><a href="/tags/harbour.html">Harbour</a></li><li><a href="/tags/climate.html">Climate</a></li></ul></main>',
    )
    pages["/"] = Page(home.encode())
    for section in SECTIONS:
        pages[f"/news/{section}/"] = Page(_front(section.title(), [a for a in newest if a[1] == section]).encode())
    for tag, slugs in TAGS.items():
        pages[f"/tags/{tag}.html"] = Page(_front(f"Tag: {tag}", [a for a in ARTICLES if a[0] in slugs]).encode())
    secret = ARTICLES[0]
    pages[PRIVATE] = Page(_article(0, origin, (secret[0] + "-private", *secret[1:])).encode())
    pages["/404.html"] = Page(_chrome("Page not found", "", "<h1>Page not found</h1><p>Sorry, we could not find that page.</p>").encode(), status=404)
    pages["/robots.txt"] = Page(f"User-agent: *\nDisallow: /private/\n\nSitemap: {origin}/sitemap.xml\n".encode(), "text/plain")
    index_entries = "".join(
        f"<sitemap><loc>{origin}{p}</loc></sitemap>"
        for p in ("/sitemaps/news.xml", "/sitemaps/articles-2026-10.xml.gz", "/sitemaps/articles-2026-11.xml", "/sitemaps/sections.xml")
    )
    xml = "application/xml"
    pages["/sitemap.xml"] = Page(f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index_entries}</sitemapindex>'.encode(), xml)
    pages["/sitemaps/news.xml"] = Page(_urlset(origin, newest[:10], news=True).encode(), xml)
    october = [a for a in ARTICLES if a[5].startswith("2026-10")]
    november = [a for a in ARTICLES if a[5].startswith("2026-11")]
    pages["/sitemaps/articles-2026-10.xml.gz"] = Page(gzip.compress(_urlset(origin, october).encode(), mtime=0), "application/x-gzip")
    pages["/sitemaps/articles-2026-11.xml"] = Page(_urlset(origin, november).encode(), xml)
    fronts = "".join(f"<url><loc>{origin}{p}</loc></url>" for p in ["/", *(f"/news/{s}/" for s in SECTIONS), *(f"/tags/{t}.html" for t in TAGS)])
    pages["/sitemaps/sections.xml"] = Page(f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{fronts}</urlset>'.encode(), xml)
    pages["/feeds/rss.xml"] = Page(_rss(origin, newest[:15]).encode(), "application/rss+xml")
    pages["/feeds/atom.xml"] = Page(_atom(origin, newest).encode(), "application/atom+xml")
    pages["/feeds/science.rdf"] = Page(_rdf(origin, [a for a in ARTICLES if a[1] == "science"]).encode(), "application/rdf+xml")
    if scale:
        _scaled(site, origin, scale)
    site.manifest = {
        "articles": sorted(_path(a[0], a[1]) for a in ARTICLES),
        "non_articles": ["/", *(f"/news/{s}/" for s in SECTIONS), *(f"/tags/{t}.html" for t in TAGS)],
        "missing": [MISSING],
        "private": [PRIVATE],
        "redirects": dict(REDIRECTS),
        "slow": dict(SLOW),
        "dates": {_path(a[0], a[1]): a[5] for a in ARTICLES},
    }
    return site


def _scaled(site: Site, origin: str, count: int) -> None:
    """``count`` distinct article pages under /scaled/, listed in /scaled-sitemap.xml (for throughput runs)."""
    locs = []
    for number in range(count):
        art = ARTICLES[number % len(ARTICLES)]
        paragraphs = tuple(f"{p} (Update {number}.)" for p in art[6])
        clone = (f"{art[0]}-{number}", art[1], f"{art[2]} ({number})", *art[3:6], paragraphs, *art[7:])
        path = f"/scaled/{number}.html"
        site.pages[path] = Page(_article(number, origin, clone).encode())
        locs.append(f"<url><loc>{origin}{path}</loc></url>")
    site.pages["/scaled-sitemap.xml"] = Page(
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{"".join(locs)}</urlset>'.encode(),
        "application/xml",
    )
