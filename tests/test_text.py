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
