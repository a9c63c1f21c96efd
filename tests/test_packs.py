"""Rule packs: a language added as a file, a site pack, and packs that are refused."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

import newsclean
from newsclean.rules import packs
from newsclean.stages import cleaning

STORY = "".join(
    f"<p>Paragraph {i} of the story tells the reader a good deal about the matter at hand, "
    f"with names, places and the numbers that go with them.</p>"
    for i in range(4)
)


def page(body: str, title: str = "A council votes to keep the library open") -> str:
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def texts(article: newsclean.Article) -> list[str]:
    return [block.text for block in article.blocks]


def removed_by(article: newsclean.Article, rule: str) -> list[str]:
    return [r.text for r in article.removed or () if r.rule == rule]


# -- a language the built-in packs lack, added as a file ------------------------------------

ICELANDIC = """
# Icelandic wordings, for the test: no Python is touched.
language = "is"

[rules.subscription-wall]
patterns = ['^aðeins fyrir áskrifendur']

[terms]
read-more-heading = ['lesið einnig']
share-label = ['deila']
"""

URL = "https://news.example/2026/03/14/council-votes-to-keep-library"


def test_a_new_language_pack_changes_the_output_without_code(tmp_path):
    body = page(STORY + "<p>Deila</p>" + "<p>Aðeins fyrir áskrifendur. Skráðu þig inn til að lesa áfram.</p><p>Short tail line here</p>")
    before = newsclean.extract(body, url=URL, explain=True)
    assert "Deila" in texts(before) and any(t.startswith("Aðeins fyrir áskrifendur") for t in texts(before))

    config = newsclean.Config(rules=[write(tmp_path, "is.toml", ICELANDIC)])
    after = newsclean.extract(body, url=URL, explain=True, config=config)
    # The term joins the built-in share-bar rule; the pattern joins the subscription wall,
    # an "end" rule: the prompt and what follows it leave the body.
    assert removed_by(after, "share-bar") == ["Deila"]
    assert removed_by(after, "subscription-wall")[0].startswith("Aðeins fyrir áskrifendur")
    assert texts(after) == texts(before)[: len(texts(after))] and len(texts(after)) == 4


def test_a_read_more_heading_from_a_language_pack_ends_the_article(tmp_path):
    body = page(STORY + "<h3>Lesið einnig</h3><p>Another story about the harbour and its fishermen, told at length here.</p>")
    config = newsclean.Config(rules=[write(tmp_path, "is.toml", ICELANDIC)])
    assert "Lesið einnig" in texts(newsclean.extract(body, url=URL))
    after = newsclean.extract(body, url=URL, explain=True, config=config)
    assert removed_by(after, "read-more") == ["Lesið einnig"]
    assert "Lesið einnig" not in texts(after)


def test_a_language_file_next_to_the_built_in_ones_adds_its_vocabularies(tmp_path):
    extra = write(tmp_path, "is.toml", ICELANDIC + """
[vocabulary]
months = ["janúar jan", "febrúar feb", "mars", "apríl apr", "maí", "júní", "júlí", "ágúst", "september sep",
          "október okt", "nóvember nóv", "desember des"]
stopwords = "og að í á er sem það við til"
""")
    rule_set = packs.load_builtin([*packs.builtin_paths(), Path(extra)])
    assert rule_set.months["is"][7] == "ágúst" and "is" not in packs.BUILTIN.months
    assert "að" in rule_set.stopwords["is"]
    assert "lesið einnig" in rule_set.terms["read-more-heading"]
    read_more = next(r for r in rule_set.text_rules if r.name == "read-more")
    assert read_more.compiled().search("Lesið einnig:")


# -- a site pack ----------------------------------------------------------------------------

def site_pack(tmp_path: Path, until: datetime.date) -> str:
    return write(tmp_path, "site.toml", f"""
[site."news.example"]
prune = ["div.house-box"]
disable = ["ad-label"]

[site."expired.example"]
prune = ["p"]
valid_until = {until.isoformat()}
""")


SITE_PAGE = page(
    STORY[: len(STORY) // 2]
    + "<div class='house-box'><p>Our house offers a splendid range of merchandise for every reader and every season.</p></div>"
    + "<p>Advertisement</p>"
    + STORY[len(STORY) // 2 :]
)


def test_a_site_pack_prunes_its_selectors_and_switches_rules_off_on_its_host_only(tmp_path, caplog):
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    config = newsclean.Config(rules=[site_pack(tmp_path, yesterday)])
    assert "expired.example" in caplog.text and "expired" in caplog.text

    plain = newsclean.extract(SITE_PAGE, url=URL, explain=True)
    assert any("splendid range" in t for t in texts(plain)) and "Advertisement" not in texts(plain)

    site = newsclean.extract(SITE_PAGE, url=URL, explain=True, config=config)
    assert not any("splendid range" in t for t in texts(site))
    assert any("splendid range" in t for t in removed_by(site, "site:prune"))
    assert "Advertisement" in texts(site)  # ad-label is off for this host

    elsewhere = newsclean.extract(SITE_PAGE, url="https://www.other.example/2026/03/14/story-of-the-day", config=config)
    assert texts(elsewhere) == texts(newsclean.extract(SITE_PAGE, url="https://www.other.example/2026/03/14/story-of-the-day"))

    # The expired section (prune every <p>) is ignored: the page keeps its text.
    expired = newsclean.extract(SITE_PAGE, url="https://expired.example/2026/03/14/story-of-the-day", config=config)
    assert len(texts(expired)) >= 4


def test_a_site_section_still_valid_applies(tmp_path):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    config = newsclean.Config(rules=[site_pack(tmp_path, tomorrow)])
    assert [s.host for s in config.sites] == ["news.example", "expired.example"]


def test_a_site_body_container_keeps_only_its_text(tmp_path):
    pack = write(tmp_path, "body.toml", '[site."news.example"]\nbody = "div.story-text"\n')
    html = (
        "<html><head><title>A council votes to keep the library open</title></head><body>"
        "<div class='wrap'><div class='intro-blurb'><p>This long blurb about the newspaper and its many fine offers "
        "sits beside the story and has enough words to look like prose to anyone.</p></div>"
        f"<div class='story-text'><h1>A council votes to keep the library open</h1>{STORY}</div></div></body></html>"
    )
    assert any("blurb" in t for t in texts(newsclean.extract(html, url=URL)))
    article = newsclean.extract(html, url=URL, explain=True, config=newsclean.Config(rules=[pack]))
    assert not any("blurb" in t for t in texts(article)) and len(texts(article)) == 4
    assert any("blurb" in t for t in removed_by(article, "site:body"))


def test_a_global_prune_selector_and_a_user_rule(tmp_path):
    pack = write(tmp_path, "user.toml", """
prune = ["div.house-box"]
disable = ["ad-label"]

[rules.house-motto]
action = "drop"
max_chars = 60
patterns = ['^the paper that never sleeps$']
""")
    config = newsclean.Config(rules=[pack])
    assert "house-motto" in config.rule_set.rule_names and "ad-label" in config.disabled_rules
    half = len(STORY) // 2
    html = page(STORY[:half] + "<p>The paper that never sleeps</p>" + "<div class='house-box'><p>Shop text that is long enough to count as "
                "prose for trafilatura and for the cleaning stage too.</p></div>" + STORY[half:])
    article = newsclean.extract(html, url=URL, explain=True, config=config)
    assert removed_by(article, "house-motto") == ["The paper that never sleeps"]
    assert removed_by(article, "pack:prune") and not any("Shop text" in t for t in texts(article))
    # A user rule can be switched off like a built-in one.
    off = newsclean.extract(html, url=URL, config=newsclean.Config(rules=[pack], disabled_rules={"house-motto"}))
    assert "The paper that never sleeps" in texts(off)


# -- invalid packs: the message names the file and the key ----------------------------------

BAD_PACKS = [
    ("bad regex", "[rules.mine]\naction = 'drop'\npatterns = ['^(unclosed']\n", "rules.mine.patterns[0]", "bad regex"),
    ("unknown rule name", "[rules.navigaton]\npatterns = ['^menu$']\n", "rules.navigaton", "unknown rule name"),
    ("unknown rule in disable", "disable = ['ad-labels']\n", "disable", "unknown rule name"),
    ("unknown site rule", "[site.'a.example']\ndisable = ['nope']\n", 'site."a.example".disable', "unknown rule name"),
    ("unknown key", "prune_selectors = ['div']\n", "prune_selectors", "unknown key"),
    ("unknown rule key", "[rules.mine]\naction = 'drop'\npattern = ['x']\n", "rules.mine.pattern", "unknown key"),
    ("unknown site key", "[site.'a.example']\nselectors = ['div']\n", 'site."a.example".selectors', "unknown key"),
    ("bad selector", "prune = ['div[[']\n", "prune[0]", "bad CSS selector"),
    ("bad body selector", "[site.'a.example']\nbody = '>>>'\n", 'site."a.example".body', "bad CSS selector"),
    ("wrong type", "[rules.mine]\naction = 'drop'\npatterns = '^x'\n", "rules.mine.patterns", "list of strings"),
    ("wrong max_chars", "[rules.mine]\naction = 'drop'\nmax_chars = '60'\npatterns = ['^x']\n", "rules.mine.max_chars", "int"),
    ("bad valid_until", "[site.'a.example']\nvalid_until = '2027-06-30'\n", 'site."a.example".valid_until', "TOML date"),
    ("unknown action", "[rules.mine]\naction = 'delete'\npatterns = ['^x']\n", "rules.mine.action", "unknown action"),
    ("duplicate rule", "[rules.ad-label]\naction = 'drop'\npatterns = ['^x']\n", "rules.ad-label", "duplicate rule"),
    ("check as rule", "[rules.caption]\naction = 'drop'\npatterns = ['^x']\n", "rules.caption", "built-in check"),
    ("unknown term", "[rules.mine]\naction = 'drop'\npatterns = ['^{{nope}}$']\n", "rules.mine.patterns[0]", "unknown term"),
    ("built-in only key", "[vocabulary]\nmonths = []\n", "vocabulary", "unknown key"),
    ("not TOML", "[rules.mine\n", "", "line 1"),
    ("key after a table", "[terms]\nshare-label = ['deila']\nprune = ['div.x']\n", "terms.prune", "top-level key"),
]


@pytest.mark.parametrize(("case", "text", "key", "message"), BAD_PACKS, ids=[c[0] for c in BAD_PACKS])
def test_an_invalid_pack_fails_at_config_construction_naming_file_and_key(tmp_path, case, text, key, message):
    path = write(tmp_path, "bad.toml", text)
    with pytest.raises(ValueError) as caught:
        newsclean.Config(rules=[path])
    assert isinstance(caught.value, packs.PackError)
    assert str(caught.value).startswith(f"rule pack {path}: {key}")
    assert message in str(caught.value)


def test_a_missing_pack_file_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match=r"rule pack .*missing\.toml: cannot read"):
        newsclean.Config(rules=[tmp_path / "missing.toml"])


# -- the built-in packs ---------------------------------------------------------------------

def test_built_in_packs_name_no_domain_and_hold_no_site_sections():
    host = re.compile(r"(?<![\\\w])[a-z0-9-]+\.(?:com|org|net|de|fr|es|it|nl|at|ch|uk|io|info)\b", re.I)
    for path in packs.builtin_paths():
        text = path.read_text(encoding="utf-8")
        assert not host.search(text), f"{path.name} names a domain: {host.search(text)}"
        assert not packs.read_pack(path, builtin=True).sites
    with pytest.raises(packs.PackError, match="unknown key"):
        packs.parse_pack({"site": {"a.example": {}}}, "common.toml", builtin=True)


def test_every_language_file_says_its_language():
    for path in packs.builtin_paths():
        if path.name != "common.toml":
            assert packs.read_pack(path, builtin=True).language == path.stem


def test_the_registry_is_the_packs_and_the_cleaning_stage_uses_it():
    assert newsclean.RULE_NAMES == packs.BUILTIN.rule_names
    stage_checks = {cleaning.CAPTION, cleaning.HEADLINE_REPEAT, cleaning.REPEATED_TEXT, cleaning.LEADING_RESIDUE,
                    cleaning.TRAILING_RESIDUE, cleaning.RESCUE_LEAD, cleaning.PHOTO_STORY}
    assert stage_checks == set(packs.BUILTIN.check_names)
    with pytest.raises(packs.PackError, match="not a built-in check"):
        packs.builtin_check("headline-repeats")


def test_the_example_pack_is_valid_and_not_loaded_by_default():
    example = Path(__file__).resolve().parent.parent / "examples" / "packs" / "example-site.toml"
    config = newsclean.Config(rules=[example])
    assert "house-motto" in config.rule_set.rule_names and "house-motto" not in newsclean.RULE_NAMES
    assert config.rule_set.prune == ("aside.house-ad",)
    assert [s.host for s in config.rule_set.sites] == ["example.com"]
