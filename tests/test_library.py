"""The public API: bad input, determinism, schema, explain, encodings."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

import newsclean
from newsclean import (
    DocumentTooLargeError,
    EmptyDocumentError,
    ExtractionError,
    NoArticleError,
    NotHTMLError,
)
from tests.conftest import FIXTURES

PARAGRAPHS = [
    "The city council voted on Tuesday to reopen the old harbour bridge after three years of repairs, officials said.",
    "Engineers replaced most of the steel deck and strengthened the piers, which had been damaged by a winter storm.",
    "Traffic is expected to return to normal levels within a week, according to the regional transport authority.",
]


def page(body: str = "", head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html lang='en'><head><title>Harbour bridge reopens | Example Herald</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>Harbour bridge reopens</h1>{paragraphs}{body}</article>"
        "<footer>Copyright 2026 Example Herald</footer></body></html>"
    )


def test_extract_returns_a_valid_article(validate):
    article = newsclean.extract(page(), url="https://example.com/bridge")
    assert article.headline == "Harbour bridge reopens"
    assert [b.text for b in article.blocks] == PARAGRAPHS
    assert article.inLanguage == "en"
    assert article.url == "https://example.com/bridge"
    assert article.wordCount == sum(len(p.split()) for p in PARAGRAPHS)
    validate(article.to_dict())


def test_article_is_immutable():
    article = newsclean.extract(page())
    with pytest.raises(AttributeError):
        article.headline = "changed"  # type: ignore[misc]


def test_json_is_deterministic_and_sorted():
    first = newsclean.extract(page().encode()).to_json()
    second = newsclean.extract(page().encode()).to_json()
    assert first == second
    keys = list(newsclean.extract(page()).to_dict())
    assert keys == sorted(keys)
    assert b"\\u" not in first  # UTF-8, not ASCII escapes


def test_explain_names_the_rule_that_dropped_text():
    html = page("<p>Sign up for our daily newsletter</p><p>Advertisement</p>")
    plain = newsclean.extract(html)
    assert plain.removed is None and "removed" not in plain.to_dict()
    explained = newsclean.extract(html, explain=True)
    rules = {r.text: r.rule for r in explained.removed or ()}
    assert rules["Sign up for our daily newsletter"] == "newsletter-prompt"
    assert rules["Advertisement"] == "ad-label"
    assert "newsletter" not in explained.articleBody


def test_http_header_charset_is_used():
    html = page().replace("Harbour bridge reopens</h1>", "Café crème reopens</h1>").encode("cp1252")
    article = newsclean.extract(html, headers={"Content-Type": "text/html; charset=windows-1252"})
    assert article.headline == "Café crème reopens"


def test_invalid_utf8_is_decoded_without_crashing():
    data = page().encode() + b"\xff\xfe\xfa broken bytes \xc3\x28"
    assert newsclean.extract(data).headline == "Harbour bridge reopens"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyDocumentError),
        (b"   \n\t  ", EmptyDocumentError),
        ("", EmptyDocumentError),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(2000), NotHTMLError),
        (b"%PDF-1.7\n" + os.urandom(500), NotHTMLError),
        (b"\x00" * 5000, NotHTMLError),
        (b"<html><body>" + b"\x00" * 4000 + b"</body></html>", NotHTMLError),
        (b"<html><head><title>x</title></head><body></body></html>", NoArticleError),
        (b"<html><body><p>Too short.</p></body></html>", NoArticleError),
    ],
    ids=["empty", "whitespace", "empty-str", "jpeg", "pdf", "nul", "nul-in-html", "no-body", "too-short"],
)
def test_bad_input_raises_a_documented_error(data, error):
    with pytest.raises(error) as raised:
        newsclean.extract(data)
    assert isinstance(raised.value, ExtractionError)
    assert raised.value.reason and str(raised.value)


def test_random_bytes_never_raise_anything_else():
    for seed in range(20):
        data = bytes((seed * 31 + i * 17) % 256 for i in range(3000))
        try:
            newsclean.extract(data)
        except ExtractionError:
            pass


def test_huge_input_is_refused_before_parsing():
    data = b"<html><body>" + b"<p>word </p>" * (55 * 1024 * 1024 // 12) + b"</body></html>"
    assert len(data) > 50 * 1024 * 1024
    with pytest.raises(DocumentTooLargeError):
        newsclean.extract(data)


def test_limit_is_configurable():
    with pytest.raises(DocumentTooLargeError):
        newsclean.extract(page().encode(), config=newsclean.Config(max_bytes=100))


def test_deep_nesting_does_not_crash():
    deep = "<html><body>" + "<div>" * 100_000 + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>" * 100_000 + "</body></html>"
    try:
        article = newsclean.extract(deep)
    except ExtractionError:
        return
    assert article.blocks


def test_errors_carry_the_url():
    with pytest.raises(EmptyDocumentError) as raised:
        newsclean.extract(b"", url="https://example.com/x")
    assert raised.value.url == "https://example.com/x"
    assert "https://example.com/x" in str(raised.value)


def test_jsonld_body_wins_when_html_is_an_app_shell():
    paragraphs = [f"Part {n}: {text}" for n in range(3) for text in PARAGRAPHS]
    body = "\\n".join(paragraphs)
    head = (
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
        f'"headline":"Shell story","articleBody":"{body}","datePublished":"2026-03-14T08:15:00Z"}}</script>'
    )
    html = f"<html><head>{head}</head><body><div id='app'><h1>Shell story</h1><p>Loading...</p></div></body></html>"
    article = newsclean.extract(html)
    assert article.headline == "Shell story"
    assert article.datePublished == "2026-03-14T08:15:00+00:00"
    assert [b.text for b in article.blocks] == paragraphs


def test_declared_headline_wins_unless_it_is_not_a_headline():
    def ld(headline: str) -> str:
        return f'<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{headline}"}}</script>'

    declared = newsclean.extract(page(head=ld("Old harbour bridge opens again after three years")))
    assert declared.headline == "Old harbour bridge opens again after three years"
    # The <h1> wording is the title as printed, so it is not kept as body text either.
    assert "Harbour bridge reopens" not in declared.articleBody
    for junk in ("Eddie", "… residents relieved", "Example Herald"):
        head = ld(junk) + '<meta property="og:site_name" content="Example Herald">'
        assert newsclean.extract(page(head=head)).headline == "Harbour bridge reopens", junk


def test_nested_microdata_items_keep_their_own_properties():
    crumbs = (
        "<ol itemprop='breadcrumb' itemscope itemtype='https://schema.org/BreadcrumbList'>"
        "<li itemprop='itemListElement' itemscope itemtype='https://schema.org/ListItem'>"
        "<a itemprop='item' href='/'><span itemprop='name'>example frontpage</span></a></li></ol>"
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (
        "<html><head><title>Harbour bridge reopens | Example Herald</title></head><body>"
        f"<div itemscope itemtype='https://schema.org/NewsArticle'>{crumbs}"
        f"<h1 itemprop='headline'>Harbour bridge reopens</h1><div itemprop='articleBody'>{paragraphs}</div></div></body></html>"
    )
    assert newsclean.extract(html).headline == "Harbour bridge reopens"


@pytest.mark.parametrize(("meta", "authors"), [("derspiegel", ()), ("sn_aktuell", ()), ("dpa", ("dpa",)), ("Jane Doe", ("Jane Doe",))])
def test_social_handles_are_not_authors_but_agencies_are(meta, authors):
    article = newsclean.extract(page(head=f'<meta name="author" content="{meta}">'))
    assert article.author_names == authors


# -- the contract: caller mistakes, page errors and our own bugs are three different things --


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: newsclean.extract(Path("page.html")), TypeError, "read the file first"),
        (lambda: newsclean.extract(None), TypeError, "bytes or str"),
        (lambda: newsclean.extract(page(), url=b"https://example.com"), TypeError, "url"),
        (lambda: newsclean.extract(page(), headers=[("Content-Type", "text/html")]), TypeError, "headers"),
        (lambda: newsclean.extract(page(), config={"max_bytes": 10}), TypeError, "newsclean.Config"),
        (lambda: newsclean.extract(page(), explain="yes"), TypeError, "explain"),
        (lambda: newsclean.Config(max_bytes="10"), TypeError, "max_bytes"),
        (lambda: newsclean.Config(max_bytes=True), TypeError, "max_bytes"),
        (lambda: newsclean.Config(max_bytes=0), ValueError, "max_bytes"),
        (lambda: newsclean.Config(min_body_chars=-1), ValueError, "min_body_chars"),
        (lambda: newsclean.Config(favor="precisoin"), ValueError, "precision"),
        (lambda: newsclean.Config(require_article="no"), TypeError, "require_article"),
        (lambda: newsclean.Config(disabled_rules={"x"}), ValueError, "unknown rule name"),
        (lambda: newsclean.Config(disabled_rules="ad-label"), TypeError, "iterable"),
        (lambda: newsclean.Config(disabled_rules=[3]), TypeError, "non-string"),
    ],
    ids=["path", "none", "bytes-url", "header-list", "dict-config", "str-explain", "str-max-bytes", "bool-max-bytes", "zero-max-bytes",
         "negative-min-body", "typo-favor", "str-require-article", "unknown-rule", "bare-str-rules", "int-rule"],
)
def test_caller_mistakes_raise_at_the_call_not_as_page_errors(call, error, words):
    with pytest.raises(error, match=words) as raised:
        call()
    assert not isinstance(raised.value, ExtractionError)


def test_disabled_rules_accept_any_iterable_and_are_frozen():
    for given in ({"ad-label"}, ["ad-label"], ("ad-label",), frozenset({"ad-label"}), (n for n in ["ad-label"])):
        config = newsclean.Config(disabled_rules=given)
        assert config.disabled_rules == frozenset({"ad-label"}) and isinstance(config.disabled_rules, frozenset)
    assert hash(newsclean.Config(disabled_rules={"caption"})) == hash(newsclean.Config(disabled_rules=["caption"]))
    html = page("<p>Advertisement</p>")
    rules = {r.rule for r in newsclean.extract(html, explain=True).removed or ()}
    off = {r.rule for r in newsclean.extract(html, explain=True, config=newsclean.Config(disabled_rules={"ad-label"})).removed or ()}
    assert "ad-label" in rules and "ad-label" not in off


def test_every_rule_name_is_known_once():
    from newsclean.config import BUILTIN_CHECKS
    from newsclean.rules.boilerplate import RULES

    assert newsclean.RULE_NAMES == tuple(r.name for r in RULES) + BUILTIN_CHECKS
    assert len(set(newsclean.RULE_NAMES)) == len(newsclean.RULE_NAMES)
    for name in newsclean.RULE_NAMES:
        newsclean.Config(disabled_rules={name})  # each one is accepted


def test_an_internal_bug_is_an_internal_error_with_its_cause_and_an_error_log(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise TypeError("injected bug")

    monkeypatch.setattr("newsclean.pipeline.clean_blocks", broken)
    with caplog.at_level(logging.ERROR, logger="newsclean"), pytest.raises(newsclean.InternalError) as raised:
        newsclean.extract(page(), url="https://example.com/bug")
    error = raised.value
    assert isinstance(error, ExtractionError) and error.reason == "internal-error"
    assert isinstance(error.__cause__, TypeError) and error.__cause__.__traceback__ is not None
    assert error.url == "https://example.com/bug"
    records = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert records and records[0].exc_info and "https://example.com/bug" in records[0].getMessage()


def test_no_fixture_expects_an_internal_error():
    # test_fixtures compares every case byte for byte, so this holds for today's code too.
    for expected in FIXTURES.glob("*/expected.json"):
        assert b"InternalError" not in expected.read_bytes(), expected.parent.name


def test_error_reasons_are_distinct_and_documented():
    classes = [newsclean.EmptyDocumentError, newsclean.NotHTMLError, newsclean.DocumentTooLargeError, newsclean.CorruptArchiveError,
               newsclean.NoArticleError, newsclean.FetchError, newsclean.InternalError]
    reasons = [c.reason for c in classes]
    assert len(set(reasons)) == len(reasons)
    assert all(issubclass(c, ExtractionError) and c.__doc__ for c in classes)
    with pytest.raises(ValueError):
        newsclean.FetchError("x", reason="no-such-reason")


def test_work_per_page_is_bounded_by_the_element_count() -> None:
    # Extraction time grows with the element count: a page past the cap is refused with its
    # own reason before any stage walks it, and the limit is a Config option.
    page = ("<html><body><article><h1>Long</h1>" + "<p>A short line of text.</p>" * 2_000 + "</article></body></html>").encode()
    with pytest.raises(newsclean.DocumentTooComplexError) as caught:
        newsclean.extract(page, config=newsclean.Config(max_elements=1_000))
    assert caught.value.reason == "too-complex" and "2004 elements" in caught.value.message  # html, body, article, h1 + 2,000 p
    assert isinstance(caught.value, newsclean.InputError)
    assert newsclean.extract(page, config=newsclean.Config(max_elements=10_000, require_article=False)).blocks
    with pytest.raises(ValueError):
        newsclean.Config(max_elements=0)


# -- decoding the way a browser does (WHATWG): issue 19, case 13 --

STORY = "<html><head><title>Crème brûlée wins</title></head><body><article><h1>Crème brûlée wins</h1>" + (
    "<p>The crème brûlée stall at the Saturday market won the regional food prize, the judges said on Sunday, after three rounds of tasting.</p>" * 3
) + "</article></body></html>"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le"])
@pytest.mark.parametrize("header", [None, "text/html; charset={}"])
def test_utf16_and_utf32_without_bom_are_text_not_binary(codec: str, header: str | None) -> None:
    headers = {"Content-Type": header.format(codec.replace("-", ""))} if header else None
    article = newsclean.extract(STORY.encode(codec), headers=headers)
    assert article.headline == "Crème brûlée wins"


def test_an_unknown_charset_label_means_windows_1252() -> None:
    page = STORY.replace("<head>", '<head><meta charset="x-no-such-charset">').encode("cp1252")
    assert "crème brûlée stall" in newsclean.extract(page).articleBody
    headers = {"Content-Type": "text/html; charset=bogus-label"}
    assert "crème brûlée stall" in newsclean.extract(STORY.encode("cp1252"), headers=headers).articleBody


def test_broken_bytes_in_a_utf8_page_become_replacement_characters() -> None:
    data = STORY.encode("utf-8").replace(b"Saturday", b"Satur\xff\xfeday")
    article = newsclean.extract(data, headers={"Content-Type": "text/html; charset=utf-8"})
    assert "crème brûlée stall" in article.articleBody  # not "crÃ¨me" mojibake
    assert "Satur\ufffd\ufffdday" in article.articleBody


def test_characters_xml_cannot_hold_are_dropped_and_lone_surrogates_replaced() -> None:
    # A BEL or a form feed from a CMS export: the article is kept, without them.
    article = newsclean.extract(STORY.replace("Saturday", "Satur\x07day\x0c\ufffe"))
    assert "Saturday" in article.articleBody
    # A str with a lone surrogate (a caller's broken string) keeps its paragraph.
    article = newsclean.extract(STORY.replace("Saturday", "Satur\ud800day"))
    assert "Satur\ufffdday" in article.articleBody


@pytest.mark.parametrize("where", ["head", "body"])
def test_a_giant_inline_script_does_not_hide_the_page(where: str) -> None:
    # libxml2 drops everything after a text node over 10 MB: the script's text is cut first.
    script = "<script>var state = '" + "a" * 11_000_000 + "';</script>"
    html = page().replace("</head>", script + "</head>") if where == "head" else page().replace("<article>", script + "<article>")
    article = newsclean.extract(html.encode(), config=newsclean.Config(max_bytes=50_000_000))
    assert [b.text for b in article.blocks] == PARAGRAPHS


def _standfirst_page(dek_html: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<html lang='en'><head><title>Harbour bridge reopens</title></head><body><main>"
        f"<div class='article-head'><h1>Harbour bridge reopens</h1>{dek_html}</div>"
        f"<div class='article-body'><div class='text'>{paragraphs}</div></div>"
        "</main><footer>Copyright 2026 Example Herald</footer></body></html>"
    )


def test_the_standfirst_above_the_text_opens_the_body():
    """A dek printed above the text (here a <div>, not a <p>) is the article's opening,
    also when the base extraction starts below it; it stays the alternativeHeadline too."""
    dek = "The crossing was shut for three years after a winter storm damaged its piers."
    article = newsclean.extract(_standfirst_page(f"<div class='standfirst'>{dek}</div>"), url="https://example.com/bridge")
    assert article.alternativeHeadline == dek
    assert [b.text for b in article.blocks] == [dek, *PARAGRAPHS]


def test_a_dek_that_is_a_date_line_or_holds_the_headline_stays_out_of_the_body():
    for dek in ("2025/1/14 21:17 (updated 1/14 21:17)", "Transport Harbour bridge reopens after three years of repairs"):
        article = newsclean.extract(_standfirst_page(f"<div class='standfirst'>{dek}</div>"), url="https://example.com/bridge")
        assert article.alternativeHeadline == dek
        assert [b.text for b in article.blocks] == PARAGRAPHS


def test_the_description_printed_under_the_headline_is_the_dek_and_the_standfirst():
    """The page's description printed as an <h2> under the <h1> (no dek class to mark it) is
    the dek, and opens the body; a description that is no printed line stays out of both."""
    dek = "The crossing was shut for three years after a winter storm damaged its piers."
    head = f"<meta name='description' content='{dek}'>"
    article = newsclean.extract(_standfirst_page(f"<h2 class='underline'>{dek}</h2>").replace("<head>", "<head>" + head), url="https://example.com/bridge")
    assert article.alternativeHeadline == dek
    assert [b.text for b in article.blocks] == [dek, *PARAGRAPHS]
    article = newsclean.extract(_standfirst_page("").replace("<head>", "<head>" + head), url="https://example.com/bridge")
    assert article.alternativeHeadline is None
    assert [b.text for b in article.blocks] == PARAGRAPHS


def test_pictures_set_in_the_text_are_images_but_smileys_icons_and_pixels_are_not():
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    body = (
        f"<p><a href='/big/harbour.jpg'><img src='/img/harbour.jpg' alt='The bridge at dawn'></a></p>{text}"
        "<p><img src='/img/piers.jpg' width='600'></p>"
        f"<p>{PARAGRAPHS[0]} <img class='wp-smiley' src='/smilies/smile.png'></p>"
        "<p><img src='/icons/pdf.png' width='16' height='16'> <img src='/stats/pixel.gif'></p>"
        "<p><img src='/plugins/lazy-load/images/1x1.trans.gif' width='600'></p>"
        "<div><a href='https://ads.example/click'><img src='/ads/winter.jpg'><p>Five ways to cut your power bill</p></a></div>"
        f"<p><a href='/2026/03/another-story'><img src='/img/teaser.jpg'></a></p><p>{PARAGRAPHS[1]}</p>"
    )
    article = newsclean.extract(page(body=body), url="https://example.com/story")
    assert [(i.url, i.alt, i.caption) for i in article.images] == [
        ("https://example.com/img/harbour.jpg", "The bridge at dawn", None),
        ("https://example.com/img/piers.jpg", None, None),
    ]
    assert "The bridge at dawn" not in article.articleBody


STORY_CAPTIONS = [
    "Children carry the paper fish they spent three weeks building in art class at the harbour school.",
    "The procession stops at the lifeboat station, where the crew switch off the floodlights for the lanterns.",
    "Fishing boats moored three deep along the east quay hang lanterns from their masts for the first time.",
    "Volunteers float candle boats on the inner basin at the end of the night, one for every boat lost at sea.",
]


def _photo_post(intro: list[str]) -> str:
    figures = "".join(
        f"<div class='wp-caption'><img src='/img/lantern-{n}.jpg' width='1000' height='667'><p class='wp-caption-text'>{caption}</p></div>"
        for n, caption in enumerate(STORY_CAPTIONS)
    )
    text = "".join(f"<p>{p}</p>" for p in intro)
    return (
        "<html lang='en'><head><title>Photos: lantern night | Harbourside Notes</title></head>"
        f"<body><article><h1>Photos: lantern night</h1><div class='entry-content'>{text}{figures}</div></article></body></html>"
    )


@pytest.mark.parametrize(
    ("figure", "image"),
    [
        # The credit in an element of its own: a figure's <footer>, a last "(Name)" span.
        ("<figcaption>The bridge at dawn.</figcaption><footer>Imago/Jane Doe</footer>", ("The bridge at dawn.", "Imago/Jane Doe")),
        ("<figcaption><span>The bridge at dawn.</span> <span>(Edu Luque)</span></figcaption>", ("The bridge at dawn.", "Edu Luque")),
        # A position or a year in brackets is the caption's own.
        ("<figcaption><span>The mayor at the ribbon</span> <i>(left)</i></figcaption>", ("The mayor at the ribbon (left)", None)),
        ("<figcaption>The bridge in <b>(2019)</b></figcaption>", ("The bridge in (2019)", None)),
    ],
)
def test_a_credit_the_markup_sets_apart_is_the_credit(figure, image):
    article = newsclean.extract(page(body=f"<figure><img src='/bridge.jpg'>{figure}</figure>"), url="https://example.com/2026/bridge")
    assert [(i.caption, i.credit) for i in article.images] == [image]


@pytest.mark.parametrize(
    "figure",
    [
        # A furniture word in the figure's own class: the share buttons are pruned, not the photo.
        "<figure class='img-container shareable-image'><img src='/bridge.jpg'><figcaption>The bridge at dawn (Picture: Ada Rusk)</figcaption>"
        "<div class='share-buttons'><a href='/share'>Share</a></div></figure>",
        # A caption hidden from screen readers, since the alt text says it, is still the caption.
        "<figure><img src='/bridge.jpg' alt='The bridge at dawn'><figcaption><span aria-hidden='true'>The bridge at dawn</span>"
        "<span class='image-byline'>Picture: Ada Rusk</span></figcaption></figure>",
    ],
)
def test_a_figure_is_the_images_stage_s_to_judge_whatever_its_class_or_aria_says(figure):
    article = newsclean.extract(page(body=figure), url="https://example.com/2026/bridge")
    assert [(i.caption, i.credit) for i in article.images] == [("The bridge at dawn", "Ada Rusk")]
    assert "Share" not in article.articleBody

@pytest.mark.parametrize(
    "box",
    [
        # The picture links its large version.
        "<div class='newsitem-image'><div class='image'><a href='/big/bridge.jpg'><img src='/bridge.jpg'></a></div>"
        "<div class='info'><span class='caption'>The bridge at dawn, seen from the north bank</span></div></div>",
        # The picture's own wrapper holds a zoom button; the caption sits one box further out.
        "<div class='editor-img-box'><div class='img-box'><img src='/bridge.jpg'><button>Zoom</button></div>"
        "<div class='caption'><p>The bridge at dawn, seen from the north bank</p></div></div>",
        # A <figure> closed around the picture alone, its <figcaption> right after it.
        "<div class='voc-img-container'><figure class='voc-img-figure'><img src='/bridge.jpg'></figure>"
        "<figcaption><span>The bridge at dawn, seen from the north bank</span></figcaption></div>",
        # A box classed as a caption that holds the picture and its text (Blogger's caption tables too).
        "<p class='caption'><span class='imagecontainer'><img src='/bridge.jpg'></span><span class='bu'>The bridge at dawn, seen from the north bank</span></p>",
    ],
)
def test_a_picture_s_caption_is_found_however_the_template_wraps_it(box):
    article = newsclean.extract(page(body=box), url="https://example.com/2026/bridge")
    assert [i.caption for i in article.images] == ["The bridge at dawn, seen from the north bank"]
    assert "north bank" not in article.articleBody


def test_the_page_s_own_classes_do_not_make_every_figure_an_author_photo():
    # WordPress marks the <body> of a site with a logo "wp-custom-logo"; a byline box's photo is still no article image.
    figure = "<figure class='wp-caption'><img src='/bridge.jpg'><figcaption>The bridge at dawn</figcaption></figure>"
    html = page(body=figure + "<div class='author-box'><figure><img src='/ada.jpg'><figcaption>Ada Rusk</figcaption></figure></div>")
    html = html.replace("<body>", "<body class='post-template-default single wp-custom-logo'>")
    article = newsclean.extract(html, url="https://example.com/2026/bridge")
    assert [(i.url, i.caption) for i in article.images] == [("https://example.com/bridge.jpg", "The bridge at dawn")]


def test_a_photo_story_keeps_its_captions_in_the_text_and_an_article_beside_pictures_does_not():
    url = "https://example.com/2026/11/14/photos-lantern-night"
    intro = ["About four thousand people walked the quays on Saturday night. These are the pictures."]
    story = newsclean.extract(_photo_post(intro), url=url, explain=True)
    assert [b.text for b in story.blocks][1:] == STORY_CAPTIONS
    assert [i.caption for i in story.images] == STORY_CAPTIONS  # still the pictures' captions too
    assert [r.rule for r in story.removed] == ["photo-story"]
    off = newsclean.Config(disabled_rules={"photo-story"}, require_article=False)
    assert not any(c in newsclean.extract(_photo_post(intro), url=url, config=off).articleBody for c in STORY_CAPTIONS)
    # A text that holds more than its captions is an article with pictures: captions stay out.
    article = newsclean.extract(_photo_post(PARAGRAPHS * 2), url=url, explain=True)
    assert not any(c in article.articleBody for c in STORY_CAPTIONS)
    assert "photo-story" not in [r.rule for r in article.removed]


def test_captions_count_once_as_printed_for_the_photo_story_check():
    """Captions with a credit ("... Photo: Ines Calloway") are printed once; the caption list
    the text rules match also holds "caption (credit)" variants, which must not double them.
    A text longer than the printed captions is an article beside pictures: no second
    extraction (profile() lists "photo-story" only when the check fires)."""
    from newsclean.pipeline import profile

    intro = [*PARAGRAPHS[:3], "The lanterns were made by the town's schools and clubs over the autumn, and the night ended on the quay."]
    assert 409 < sum(len(p) for p in intro) < 2 * 409
    credited = _photo_post(intro).replace("</p></div>", " Photo: Ines Calloway</p></div>")
    assert "photo-story" not in profile(credited)
    assert "photo-story" in profile(_photo_post(intro[-1:]))


def test_a_list_item_holding_a_list_keeps_the_text_after_it():
    # A forum thread as trafilatura returns it: one item per post, the poster, a sublist
    # (date, post number), then the post as a quote and lines between <lb/>s.
    from lxml import etree

    from newsclean.stages import body

    xml = etree.fromstring(
        "<body><list><item>Jane<lb/><list><item>03.03.2011, 14:17</item><item>#661</item></list>"
        "<quote>Das war noch nicht das Update.</quote><lb/><lb/>Mit der App geschrieben.<lb/></item>"
        "<item>Top level<list><item>inner<list><item>deepest</item></list></item></list>after</item></list></body>"
    )
    assert [(b.type, b.text) for b in body.blocks_from_xml(xml)] == [
        ("list_item", "Jane"), ("list_item", "03.03.2011, 14:17"), ("list_item", "#661"),
        ("quote", "Das war noch nicht das Update."), ("list_item", "Mit der App geschrieben."),
        ("list_item", "Top level"), ("list_item", "inner"), ("list_item", "deepest"), ("list_item", "after"),
    ]


def test_blocks_nested_in_a_paragraph_or_item_are_lines_of_their_own_in_document_order():
    # trafilatura can leave a raw <table> in a <p>, or <head>s and <article>s in an <item>:
    # their words were glued to the words around them ("EignerVorname").
    from lxml import etree

    from newsclean.stages import body

    xml = etree.fromstring(
        "<body><p>Werkliste<table><tr><td>Eigner</td><td>Vorname</td></tr></table>Anhang</p>"
        "<list><item>Grundmodul<article>SM</article><head>LF 12</head>Vernetzte Systeme</item></list>"
        "<p>one <hi>two <hi>three</hi> four</hi> five</p>"
        "<table><row><cell>Fahrwerk<lb/>Bremsen</cell><cell>2 Lj.</cell></row></table>"
        "<quote><li>Name: Stolen Sack</li><li>Level: 70</li></quote></body>"
    )
    assert [(b.type, b.text) for b in body.blocks_from_xml(xml)] == [
        ("paragraph", "Werkliste"), ("paragraph", "Eigner"), ("paragraph", "Vorname"), ("paragraph", "Anhang"),
        ("list_item", "Grundmodul"), ("list_item", "SM"), ("list_item", "LF 12"), ("list_item", "Vernetzte Systeme"),
        ("paragraph", "one two three four five"), ("table", "Fahrwerk Bremsen | 2 Lj."),
        ("quote", "Name: Stolen Sack"), ("quote", "Level: 70"),
    ]
