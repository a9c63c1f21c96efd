"""Plain-text cleaning: the seed dump is the acceptance case."""

from __future__ import annotations

import pytest

import newsclean
from tests.conftest import FIXTURES, SEED

SEED_TEXT = (FIXTURES / "text-seed" / "page.txt") if (FIXTURES / "text-seed" / "page.txt").exists() else SEED


def test_seed_dump_is_cleaned_as_the_issue_asks(validate):
    if not SEED_TEXT.exists():
        pytest.skip("seed dump not found")
    article = newsclean.clean_text(SEED_TEXT.read_text("utf-8"))
    assert article.headline == "In Azerbaijan, Gantz discusses defense ties with president and other top officials"
    assert article.alternativeHeadline.startswith("Defense chief touts ‘strategic relations’ between Jerusalem and Baku")
    assert article.blocks[0].text.startswith("Defense Minister Benny Gantz on Monday wrapped up")
    assert article.blocks[-1].text.endswith("but Israel has never confirmed that figure.")
    assert len(article.blocks) == 9
    assert all(b.type == "paragraph" for b in article.blocks)
    captions = [i.caption for i in article.images]
    assert len(captions) == 2 and len(set(captions)) == 2
    assert all(i.credit == "Nicole Laskavi/MOD" for i in article.images)
    dumped = article.to_json().decode()
    for residue in ("read more:", "Never miss breaking news", "Register for free", "Or Continue with", "Check your email"):
        assert residue not in dumped
    assert "search" not in [b.text for b in article.blocks] and '"image"' not in dumped
    assert "(Nicole Laskavi/MOD)" not in article.articleBody
    validate(article.to_dict())


def test_text_and_html_share_the_rules():
    text = "A headline that is long enough\n\n" + "\n\n".join(
        ["The first paragraph of the story explains what happened in the town on Monday morning."] * 1
        + ["Jetzt Newsletter abonnieren", "The second paragraph gives the details that matter to readers of the story."]
    )
    article = newsclean.clean_text(text, explain=True)
    assert "Newsletter" not in article.articleBody
    assert ("Jetzt Newsletter abonnieren", "newsletter-prompt") in [(r.text, r.rule) for r in article.removed]


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_text_raises(text):
    with pytest.raises(newsclean.EmptyDocumentError):
        newsclean.clean_text(text)


def test_text_with_no_article_raises():
    with pytest.raises(newsclean.NoArticleError):
        newsclean.clean_text("Home\nWorld\nPolitics\nSign up\nLog in")


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Kelso ferry returns</title></head>
<body><article><h1>Kelso ferry returns after winter repairs</h1>
<p>The Kelso ferry is back in service after three months in dry dock, the harbour board said on Sunday morning.</p>
<p>The repairs cost more than planned because the old engine had to be replaced, but the new one uses less fuel.</p>
</article></body></html>"""


@pytest.mark.parametrize("page", [HTML_PAGE, HTML_PAGE.encode(), b"\xef\xbb\xbf" + HTML_PAGE.encode(), "\n  " + HTML_PAGE])
def test_html_given_to_clean_text_is_routed_to_extract(page):
    article = newsclean.clean_text(page, url="https://example.org/ferry")
    assert article.to_json() == newsclean.extract(page, url="https://example.org/ferry").to_json()
    assert article.headline == "Kelso ferry returns after winter repairs"
    assert not any("<" in block.text for block in article.blocks)


def test_text_that_mentions_markup_is_still_a_dump():
    text = "How to write a web page\n\n" + "\n\n".join(
        [
            "Every page starts with <!DOCTYPE html> and then an <html> element, the teacher told the class on Monday.",
            "The pupils then wrote their first paragraphs and headings, and most of them had a working page by noon.",
        ]
    )
    article = newsclean.clean_text(text)
    assert "<!DOCTYPE html>" in article.articleBody


PARAGRAPHS = [
    f"Paragraph {n} of the harbour story says what the board decided on Sunday and why the ferry will run again from the old quay this spring."
    for n in range(1, 7)
]


def test_a_wrong_barrier_never_loses_the_article():
    """Section headings inside the text ("Comments", "Most read") cut it into thirds: the retry relaxes them."""
    text = "\n\n".join(["Harbour story headline for the test", *PARAGRAPHS[:2], "Comments", *PARAGRAPHS[2:4], "Most read", *PARAGRAPHS[4:]])
    article = newsclean.clean_text(text)
    assert [b.text for b in article.blocks] == PARAGRAPHS


def test_comments_heading_ends_the_article():
    comments = [f"Reader comment {n}: I have taken this ferry every week for twenty years and the new engine is far too loud." for n in (1, 2)]
    text = "\n\n".join(["Harbour story headline for the test", *PARAGRAPHS, "Comments", *comments])
    article = newsclean.clean_text(text)
    assert [b.text for b in article.blocks] == PARAGRAPHS


def test_spanish_dump_with_menus_above_and_below_gives_headline_and_prose():
    menu = "\n".join(["Inicio", "España", "Internacional", "Economía", "Deportes"])
    prose = [
        "El ayuntamiento aprobó el lunes el nuevo plan de tráfico para el centro de la ciudad, que entrará en vigor en enero.",
        "Los comerciantes de la zona temen que la medida reduzca las ventas, pero los vecinos la reciben con alivio.",
        "La alcaldesa dijo que el plan se revisará dentro de un año con los datos de tráfico y de ventas de la zona.",
    ]
    text = "\n\n".join([menu, "El centro de la ciudad cerrará al tráfico en enero", *prose, menu])
    article = newsclean.clean_text(text)
    assert article.headline == "El centro de la ciudad cerrará al tráfico en enero"
    assert [b.text for b in article.blocks] == prose
