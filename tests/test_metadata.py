"""Metadata you can trust: language, dates, authors as Person objects, headlines, JSON-LD limits."""

from __future__ import annotations

import json

import langcodes
import lxml.html
import pytest

import newsclean
from newsclean.evaluation.engines import run_newsclean
from newsclean.evaluation.metrics import score_snippet_metadata
from newsclean.model import Person
from newsclean.stages.language import choose_language, guess_language, to_bcp47
from newsclean.stages.metadata import _date_line, _fallback_date, clean_authors, normalize_date, parse_human_date

PARAGRAPHS = [
    "The city council voted on Tuesday to reopen the old harbour bridge after three years of repairs, officials said.",
    "Engineers replaced most of the steel deck and strengthened the piers, which had been damaged by a winter storm.",
    "Traffic is expected to return to normal levels within a week, according to the regional transport authority.",
]


def page(*, head: str = "", body: str = "", lang: str = "en", h1: str = "Harbour bridge reopens after three years",
         paragraphs: list[str] | None = None) -> str:
    text = "".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    lang_attr = f" lang='{lang}'" if lang else ""
    return (f"<html{lang_attr}><head><title>{h1} | Example Herald</title>{head}</head>"
            f"<body><article><h1>{h1}</h1>{body}{text}</article></body></html>")


def jsonld(data: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


# -- language ----------------------------------------------------------------------------------

TEXTS = {
    "uk": "Уряд України сьогодні оголосив нову програму підтримки малого бізнесу. Міністр економіки заявив, що "
          "кошти отримають підприємства в усіх областях країни, а заявки можна буде подавати вже з наступного місяця.",
    "bg": "Правителството на България обяви днес нова програма за подкрепа на малкия бизнес. Министърът на "
          "икономиката заяви, че средствата ще бъдат разпределени във всички области на страната още от следващия месец.",
    "fa": "دولت امروز برنامه تازه‌ای برای حمایت از کسب‌وکارهای کوچک اعلام کرد. وزیر اقتصاد گفت که این بودجه "
          "از ماه آینده در همه استان‌های کشور میان شرکت‌ها تقسیم خواهد شد و درخواست‌ها به صورت اینترنتی پذیرفته می‌شود.",
    "ca": "El govern ha anunciat avui un nou programa d'ajuts per a les petites empreses. La consellera d'Economia "
          "ha explicat que els diners arribaran a totes les comarques del país a partir del mes que ve i que les "
          "sol·licituds es podran presentar per internet.",
    "hr": "Vlada je danas predstavila novi program potpore malim poduzećima. Ministar gospodarstva rekao je da će "
          "sredstva dobiti tvrtke u svim županijama, a zahtjevi će se moći podnositi već od sljedećeg mjeseca putem interneta.",
    "id": "Pemerintah hari ini mengumumkan program baru untuk mendukung usaha kecil dan menengah. Menteri ekonomi "
          "mengatakan bahwa dana tersebut akan dibagikan kepada perusahaan di seluruh provinsi mulai bulan depan, "
          "dan permohonan dapat diajukan secara daring.",
    "ko": "정부는 오늘 중소기업을 지원하기 위한 새로운 프로그램을 발표했다. 경제부 장관은 다음 달부터 전국의 "
          "모든 지역에서 기업들이 지원금을 신청할 수 있으며 신청은 인터넷으로 받는다고 밝혔다.",
}


@pytest.mark.parametrize("expected", sorted(TEXTS))
def test_the_text_identifier_tells_close_languages_apart(expected):
    # The old stop-word guesser said ru for Ukrainian and Bulgarian, ar for Persian, es for
    # Catalan and nothing for Croatian and Indonesian.
    assert guess_language(TEXTS[expected]) == expected


@pytest.mark.parametrize("expected", ["uk", "bg", "fa", "ca", "hr", "id"])
def test_undeclared_pages_get_the_language_of_their_text(expected):
    sentences = [s + "." for s in TEXTS[expected].split(". ") if s]
    article = newsclean.extract(page(lang="", paragraphs=sentences * 2, h1=sentences[0][:40]))
    assert article.inLanguage == expected


@pytest.mark.parametrize(
    ("value", "tag"),
    [("en_US", "en-US"), ("eng", "en"), ("iw", "he"), ("jp", "ja"), ("pt_BR.UTF-8", "pt-BR"), ("de, en", "de"),
     ("en-uk", "en-GB"), ("utf-8", None), ("utf", None), ("x-default", None), ("und", None), ("", None)],
)
def test_declared_values_become_valid_bcp47_tags_or_nothing(value, tag):
    assert to_bcp47(value) == tag
    if tag:
        assert langcodes.tag_is_valid(tag)


def test_content_language_holding_a_charset_is_not_a_language():
    article = newsclean.extract(page(lang="", head='<meta http-equiv="Content-Language" content="utf-8">'))
    assert article.inLanguage == "en"  # was "utf"


def test_html_lang_keeps_its_region_over_a_jsonld_three_letter_code():
    data = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after three years", "inLanguage": "eng"}
    article = newsclean.extract(page(lang="en-US", head=jsonld(data)))
    assert article.inLanguage == "en-US"  # was "eng"


def test_html_lang_wins_over_a_country_code_in_jsonld():
    data = {"@type": "NewsArticle", "headline": "새로운 중소기업 지원 프로그램 발표", "inLanguage": "kr"}
    sentences = [s + "." for s in TEXTS["ko"].split(". ")]
    html = page(lang="ko", head=jsonld(data), paragraphs=sentences * 3, h1="새로운 중소기업 지원 프로그램 발표")
    article = newsclean.extract(html, config=newsclean.Config(require_article=False))
    assert article.inLanguage == "ko"  # was "kr"


def test_a_country_code_is_read_as_its_language_when_the_text_agrees():
    tag, why = choose_language([("JSON-LD inLanguage", "kr")], TEXTS["ko"])
    assert tag == "ko"
    assert "country code" in why


def test_a_sure_reading_of_the_text_overrules_a_template_lang():
    german = ("Der Stadtrat hat am Dienstag beschlossen, die alte Hafenbrücke nach drei Jahren Bauzeit wieder zu öffnen. "
              "Die Ingenieure haben den größten Teil der Fahrbahn ersetzt und die Pfeiler verstärkt, die bei einem "
              "Wintersturm beschädigt worden waren. Der Verkehr soll sich innerhalb einer Woche normalisieren.")
    tag, why = choose_language([("<html lang>", "en")], german)
    assert tag == "de"
    assert "overruling <html lang> en" in why


def test_explain_says_why_the_language_was_chosen(validate):
    data = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after three years", "inLanguage": "eng"}
    record = newsclean.extract(page(lang="en-US", head=jsonld(data)), explain=True).to_dict()
    assert record["inLanguage"] == "en-US"
    assert record["reasons"]["inLanguage"].startswith("<html lang> en-US, the text reads as en")
    validate(record)
    assert "reasons" not in newsclean.extract(page()).to_dict()


def test_a_short_text_does_not_overrule_the_declaration():
    tag, _why = choose_language([("<html lang>", "de")], "Breaking news today")
    assert tag == "de"


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("March 3, 2026, 4:15 pm", "2026-03-03T16:15:00"),  # email.utils made it 04:15
        ("Tue, 03 Mar 2026 16:15:00 +0100", "2026-03-03T16:15:00+01:00"),
        ("2026-03-03T16:15:00.000+0100", "2026-03-03T16:15:00+01:00"),
        ("2026-03-03T16:15:00Z", "2026-03-03T16:15:00+00:00"),
        ("March 3, 2026, 4:15 pm UTC+1", "2026-03-03T16:15:00+01:00"),
        ("2026年3月3日 16時15分", "2026-03-03T16:15:00"),
        ("2026年3月3日", "2026-03-03"),
        ("3 марта 2026, 16:15", "2026-03-03T16:15:00"),
        ("3. března 2026 v 16:15", "2026-03-03T16:15:00"),
        ("3 Μαρτίου 2026, 16:15", "2026-03-03T16:15:00"),
        ("3 marca 2026 r., 16:15", "2026-03-03T16:15:00"),
        ("14.03.2026, 08:15 Uhr", "2026-03-14T08:15:00"),
        ("3 de marzo de 2026", "2026-03-03"),
        ("not a date", None),
        ("3 Nonsense 2026", None),
    ],
)
def test_normalize_date_reads_each_wording_with_the_right_parser(value, expected):
    assert normalize_date(value) == expected


def test_month_names_that_differ_between_languages_follow_the_page_language():
    # "listopad(a)" is November in Polish and Czech, October in Croatian.
    assert parse_human_date("3 listopada 2026", "pl") == "2026-11-03"
    assert parse_human_date("3 listopada 2026", "hr") == "2026-10-03"
    assert parse_human_date("3 listopada 2026") is None  # ambiguous without a language


def test_dateparser_is_asked_only_in_the_page_language():
    lithuanian = "3 kovo 2026"  # no month table of ours covers Lithuanian
    assert normalize_date(lithuanian, "lt") is None
    assert _fallback_date([lithuanian], "lt") == "2026-03-03"
    assert _fallback_date([lithuanian], None) is None


def test_cdata_wrapped_jsonld_is_read():
    data = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after three years",
            "datePublished": "2026-03-03T16:15:00+01:00", "dateModified": "2026-03-04T09:00:00+01:00"}
    script = f'<script type="application/ld+json">\n//<![CDATA[\n{json.dumps(data)}\n//]]>\n</script>'
    article = newsclean.extract(page(head=script))
    assert article.datePublished == "2026-03-03T16:15:00+01:00"  # the time zone is kept
    assert article.dateModified == "2026-03-04T09:00:00+01:00"


def test_date_modified_from_microdata():
    body = '<meta itemprop="dateModified" content="2026-03-04T09:00:00+01:00"><time datetime="2026-03-03">3 March</time>'
    article = newsclean.extract(page(body=body))
    assert article.datePublished == "2026-03-03"
    assert article.dateModified == "2026-03-04T09:00:00+01:00"


@pytest.mark.parametrize(
    ("lang", "shown", "expected"),
    [("ja", "2026年3月3日 16:15", "2026-03-03T16:15:00"), ("ru", "3 марта 2026, 16:15", "2026-03-03T16:15:00"),
     ("cs", "3. března 2026", "2026-03-03"), ("el", "3 Μαρτίου 2026", "2026-03-03"), ("pl", "3 marca 2026", "2026-03-03")],
)
def test_visible_dates_in_many_languages(lang, shown, expected):
    article = newsclean.extract(page(lang=lang, body=f"<time>{shown}</time>"))
    assert article.datePublished == expected


def test_a_machine_readable_time_beats_a_clock_in_the_header():
    body = "<time>Mittwoch, 8. Juli 2026</time><time datetime='2026-04-27T18:50:00+02:00'>27.04.2026</time>"
    assert newsclean.extract(page(lang="de", body=body)).datePublished == "2026-04-27T18:50:00+02:00"


def test_times_outside_the_story_are_other_stories_dates():
    html = ("<html lang='en'><head><title>Harbour bridge reopens</title></head><body>"
            "<aside><time datetime='2020-12-03T07:32:49'>3 December 2020</time></aside><article>"
            "<h1>Harbour bridge reopens after three years</h1><time datetime='2026-03-03'>3 March 2026</time>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>")
    assert newsclean.extract(html).datePublished == "2026-03-03"


@pytest.mark.parametrize(
    ("h1", "expected"),
    [("<small>Tunesien</small><br> Große Aufgaben für die neue Regierung", "Große Aufgaben für die neue Regierung"),
     ("<small>Hauptstraße</small> Große Aufgaben für die neue Regierung", "Große Aufgaben für die neue Regierung"),
     # No kicker: more than a label comes before the declared title.
     ("Nach der Wahl im Herbst und den Protesten im Süden des Landes: Große Aufgaben für die neue Regierung",
      "Nach der Wahl im Herbst und den Protesten im Süden des Landes: Große Aufgaben für die neue Regierung")],
)
def test_a_kicker_printed_before_the_declared_headline_in_the_h1_is_not_the_headline(h1, expected):
    head = '<meta property="og:title" content="Große Aufgaben für die neue Regierung">'
    html = (f"<html lang='de'><head><title>Große Aufgaben für die neue Regierung</title>{head}</head>"
            f"<body><article><h1>{h1}</h1>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</article></body></html>")
    assert newsclean.extract(html).headline == expected


@pytest.mark.parametrize(
    ("h1", "social", "expected"),
    [  # one wording, two typographies: the <h1>'s own wins over two social copies
     ("Un peu de tension, beaucoup d’actions", "Un peu de tension, beaucoup d'actions - Bondy Nord", "Un peu de tension, beaucoup d’actions"),
     ("Alles hat seine Zeit…", "Alles hat seine Zeit...", "Alles hat seine Zeit…"),
     # the <h1> followed by two site parts, of which only the last is cut from og:title
     ("Winterhechte im Bielersee", "Winterhechte im Bielersee | fischen.ch | Dein Fischereimagazin", "Winterhechte im Bielersee"),
     ("Gottesdienste bleiben unter strengen Auflagen möglich", "Gottesdienste bleiben unter strengen Auflagen möglich › kirche.at",
      "Gottesdienste bleiben unter strengen Auflagen möglich"),
     # a longer social wording that is not the <h1> plus site parts still outvotes it
     ("Tubeless umrüsten", "Tubeless umrüsten leicht gemacht: Schritt für Schritt", "Tubeless umrüsten leicht gemacht: Schritt für Schritt")],
)
def test_social_titles_vote_for_the_h1_they_only_retype_or_extend_with_site_parts(h1, social, expected):
    head = f'<meta property="og:title" content="{social}"><meta name="twitter:title" content="{social}">'
    html = (f"<html lang='de'><head><title>{social}</title>{head}</head>"
            f"<body><article><h1>{h1}</h1>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</article></body></html>")
    assert newsclean.extract(html).headline == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("<p class='subtitle'>Handball Schweiz &bull; 02.02.2022</p>", "2022-02-02"),
     ("<div><span class='label'>Datum</span> <span class='value'>25.01.2022</span></div>", "2022-01-25"),
     ("<p><strong>01.02.2022</strong> Der Arbeitsmarkt ist gut in das Jahr gestartet.</p>", "2022-02-01"),
     # A date in running text is the date of something else, not of the page.
     ("<p>Die Brücke war seit dem 12.03.2023 gesperrt, sagte die Stadt am Dienstag.</p>", None)],
)
def test_a_numeric_date_line_under_the_headline_dates_a_page_without_date_markup(line, expected):
    assert newsclean.extract(page(lang="de", body=line)).datePublished == expected


def test_a_date_line_far_below_the_headline_is_not_read_as_the_page_date():
    near, far = (lxml.html.fromstring(page(lang="de", paragraphs=paragraphs))
                 for paragraphs in (["Stand: 02.02.2022", *PARAGRAPHS], [*PARAGRAPHS * 10, "Stand: 02.02.2022"]))
    assert _date_line(near.findall(".//h1"), "de") == "2022-02-02"
    assert _date_line(far.findall(".//h1"), "de") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://example.com/2017/7/12/bridge", "2017-07-12"),  # declared 2019: a republication
     ("https://example.com/2019/06/17/bridge", "2019-06-17T18:28:00+02:00"),  # agrees: the declared instant
     ("https://example.com/2020/01/01/bridge", "2019-06-17T18:28:00+02:00"),  # URL later: not a first publication
     ("https://example.com/news/bridge", "2019-06-17T18:28:00+02:00")],
)
def test_a_url_date_beats_a_later_declared_date(url, expected):
    data = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after three years", "datePublished": "2019-06-17T18:28:00+0200"}
    assert newsclean.extract(page(head=jsonld(data)), url=url).datePublished == expected


# -- JSON-LD limits ----------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [1000, 5000, 200_000])
def test_deeply_nested_jsonld_loses_only_itself(depth):
    hostile = '<script type="application/ld+json">' + '{"a":' * depth + "1" + "}" * depth + "</script>"
    hostile += '<script type="application/ld+json">' + "[" * depth + "]" * depth + "</script>"
    data = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after three years", "datePublished": "2026-03-03"}
    article = newsclean.extract(page(head=hostile + jsonld(data)))
    assert article.headline == "Harbour bridge reopens after three years"
    assert article.datePublished == "2026-03-03"
    assert len(article.blocks) == len(PARAGRAPHS)


# -- authors -----------------------------------------------------------------------------------


def test_authors_are_person_objects_with_their_page(validate):
    data = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after three years",
            "author": [{"@type": "Person", "name": "Jane Doe", "url": "/people/jane-doe"},
                       {"@type": "Organization", "name": "Example Herald Media Ltd"},
                       {"@type": "Organization", "name": "AP"}],
            "publisher": {"@type": "Organization", "name": "Example Herald"}}
    article = newsclean.extract(page(head=jsonld(data)), url="https://example.com/2026/bridge")
    assert article.authors == (Person("Jane Doe", "https://example.com/people/jane-doe"), Person("AP"))
    record = article.to_dict()
    assert record["authors"] == [{"name": "Jane Doe", "url": "https://example.com/people/jane-doe"}, {"name": "AP", "url": None}]
    assert record["schemaVersion"] == "1.1"
    validate(record)


def test_a_visible_byline_link_gives_the_author_url():
    body = '<p class="byline">By <a href="/authors/ann-lee">Ann Lee</a> and Ben Ortiz</p>'
    article = newsclean.extract(page(body=body), url="https://example.com/story")
    assert article.authors == (Person("Ann Lee", "https://example.com/authors/ann-lee"), Person("Ben Ortiz"))


@pytest.mark.parametrize(
    "byline",
    [
        '<p class="date-author">Jane Doe, 01.12.2021</p>',
        '<span class="blog-author">By <a href="/authors/jane-doe">Jane Doe</a> -</span>',
        '<h5 class="field field--name-field-term-author">Jane Doe</h5>',
        '<div class="article__meta__authors"><p>von <strong>Jane Doe</strong></p></div>',
    ],
)
def test_a_byline_class_with_author_inside_a_compound_token_is_read(byline):
    assert newsclean.extract(page(body=byline)).author_names == ("Jane Doe",)


@pytest.mark.parametrize(
    "body",
    [
        # A label element of its own, before the date or the name, is no byline.
        '<span class="meta-prep meta-prep-author">Posted on</span> <time>May 3, 2021</time>',
        '<span class="meta-prep meta-prep-author">Veröffentlicht am</span> 3. Mai 2021',
        '<div class="td-author-by">Von</div>',
        '<span class="liveArticleAuthorDateBlockLabel">Datum:</span> 19.11.2021',
        # Other authors' names: a comment's, a photo's, a follow button.
        '<span class="comment-author-name">Ben Ortiz</span>',
        '<div class="bildautor">Ben Ortiz</div>',
        '<button class="followAuthorBtn">Folgen</button>',
    ],
)
def test_author_tokens_of_labels_comments_photos_and_buttons_give_no_author(body):
    assert newsclean.extract(page(body=body)).authors == ()


def test_a_person_needs_a_name():
    with pytest.raises(ValueError):
        Person("  ")


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
        ("Von Anna Schmidt und Peter Braun", ["Anna Schmidt", "Peter Braun"]),
        ("Par Marie Dupont et Jean Martin", ["Marie Dupont", "Jean Martin"]),
        ("Por Ana Ruiz y Luis Gómez", ["Ana Ruiz", "Luis Gómez"]),
        ("Di Marco Rossi e Lucia Bianchi", ["Marco Rossi", "Lucia Bianchi"]),
        ("Door Jan de Vries en Sanne Bakker", ["Jan de Vries", "Sanne Bakker"]),
        ("Av Erik Lund och Anna Berg", ["Erik Lund", "Anna Berg"]),
        ("Tekst Jan Kowalski i Anna Nowak", ["Jan Kowalski", "Anna Nowak"]),
        ("Автор: Иван Петров и Анна Смирнова", ["Иван Петров", "Анна Смирнова"]),
        ("Γράφει: Νίκος Παππάς και Μαρία Οικονόμου", ["Νίκος Παππάς", "Μαρία Οικονόμου"]),
        ("Oleh Budi Santoso dan Siti Aminah", ["Budi Santoso", "Siti Aminah"]),
        ("Erstellt von Andri Bryner", ["Andri Bryner"]),
        ("Jane Doe, Senior Political Correspondent", ["Jane Doe"]),
        ("Williams Perdomo @wperdomod", ["Williams Perdomo"]),
        ("Jane Doe | Example Herald", ["Jane Doe"]),
        ("Por Juan Carlos Muñoz C.", ["Juan Carlos Muñoz C."]),
        ("By Jane Doe.", ["Jane Doe"]),
    ],
)
def test_bylines_split_into_people_in_many_languages(byline, names):
    assert [p.name for p in clean_authors([byline], "Example Herald")] == names


@pytest.mark.parametrize(
    "credit",
    ["Example Herald", "Example", "Hanns-Seidel-Stiftung e.V", "Acme Petcare GmbH", "Copyright Acme AG", "Unknown", "Redaktion",
     "derspiegel", "Sie haben einen Fehler gefunden?"],
)
def test_publishers_companies_placeholders_and_handles_are_not_authors(credit):
    assert clean_authors([credit], "Example Herald Ltd") == ()


def test_a_user_name_the_page_marks_as_the_author_is_the_author():
    def story(author, body="", site="Example Herald"):
        data = {"@type": "BlogPosting", "headline": "Harbour bridge reopens after three years",
                "author": {"@type": "Person", "name": author}, "publisher": {"@type": "Organization", "name": site}}
        return newsclean.extract(page(head=jsonld(data), body=body)).author_names

    assert story("gizzmo") == ("gizzmo",)
    assert story("freeman1984") == ("freeman1984",)
    # A desk's login, or the publisher's own account, is no author.
    assert story("wordpressadmin") == ()
    assert story("exampleherald") == ()
    # A name written out in the byline wins over the login the JSON-LD gives.
    assert story("janedoe", body='<p class="byline">By Jane Doe</p>') == ("Jane Doe",)
    # A rel=author link in the byline is as explicit.
    rel = '<span class="author vcard"><a rel="author" href="/author/g1zzm0/">gizzmo</a></span>'
    assert newsclean.extract(page(body=rel)).author_names == ("gizzmo",)
    # Outside those, a lower-case word is no name.
    assert newsclean.extract(page(body='<span class="author">gizzmo</span>')).author_names == ()


def test_the_publisher_is_no_author_unless_the_site_is_a_person():
    company = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after three years",
               "author": {"@type": "Person", "name": "Example"}, "publisher": {"@type": "Organization", "name": "Example eG"}}
    personal = {"@type": "BlogPosting", "headline": "Harbour bridge reopens after three years",
                "author": {"@type": ["Person", "Organization"], "name": "Wolf Schmal"},
                "publisher": {"@type": "Person", "name": "Wolf Schmal"}}
    assert newsclean.extract(page(head=jsonld(company))).authors == ()
    assert newsclean.extract(page(head=jsonld(personal))).author_names == ("Wolf Schmal",)


def test_the_evaluation_gets_author_names():
    data = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after three years",
            "author": {"@type": "Person", "name": "Jane Doe", "url": "https://example.com/jane"}}
    extraction = run_newsclean(page(head=jsonld(data)).encode(), "https://example.com/story")
    assert extraction.authors == ("Jane Doe",)


def test_the_fixture_checker_compares_author_names():
    from pathlib import Path

    from newsclean import fixtures

    case = fixtures.Case(path=Path("case"), input=Path("case/page.html"), check={"authors": ["Jane Doe"]})
    output = newsclean.extract(page()).to_dict()
    output["authors"] = [{"name": "Jane Doe", "url": None}]
    assert fixtures.check_by_key(case, output) == []
    output["authors"] = [{"name": "John Roe", "url": None}]
    assert [key for key, _ in fixtures.check_by_key(case, output)] == ["authors"]


# -- headline ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["Harbour bridge reopens after three years | Local | Example Herald", "Example Herald: Harbour bridge reopens after three years",
     "Harbour bridge reopens after three years - Example Herald"],
)
def test_site_name_is_cut_from_title_forms(title):
    html = (f"<html lang='en'><head><title>{title}</title><meta property='og:site_name' content='Example Herald'></head>"
            "<body><div>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div></body></html>")
    assert newsclean.extract(html, config=newsclean.Config(require_article=False)).headline == "Harbour bridge reopens after three years"


def test_a_section_heading_in_h1_loses_to_the_titles_that_agree():
    head = ("<meta property='og:title' content='Harbour bridge reopens after three years'>"
            "<meta name='twitter:title' content='Harbour bridge reopens after three years of repairs'>")
    html = page(head=head, h1="News").replace("<title>News | Example Herald</title>", "<title>Harbour bridge reopens</title>")
    assert newsclean.extract(html).headline == "Harbour bridge reopens after three years"
    # A one-word title is a site-wide name: it does not overrule the <h1>.
    lone = page(h1="Harbour bridge reopens after three years").replace("<title>Harbour bridge reopens after three years | Example Herald</title>",
                                                                   "<title>Home</title>")
    assert newsclean.extract(lone).headline == "Harbour bridge reopens after three years"


# -- evaluation --------------------------------------------------------------------------------


def test_snippet_metadata_scoring():
    from newsclean.evaluation.engines import Extraction

    got = Extraction(title="A title", authors=("Lars Fischer", "Alina Schadwinkel"), date="2020-02-26T10:00:00+01:00")
    gold = {"title": "A title", "author": "Lars Fischer und Alina Schadwinkel", "date": "2020-02-26"}
    assert score_snippet_metadata(gold, got) == {"title": True, "authors": True, "date_day": True}
    nobody = {"title": None, "author": "", "date": ""}
    assert score_snippet_metadata(nobody, got) == {"title": None, "authors": False, "date_day": False}
    assert score_snippet_metadata(nobody, Extraction()) == {"title": None, "authors": True, "date_day": True}


@pytest.mark.parametrize(
    ("byline", "lang", "names"),
    [("By Jane Doe on March 3, 2026", "en", ("Jane Doe",)),
     ("Posted by Jane Doe and John Roe on 03/03/2026", "en", ("Jane Doe", "John Roe")),
     ("VON <a href='/autoren/gathmann'>MORITZ GATHMANN</a> am 21. April 2026", "de", ("MORITZ GATHMANN",)),
     ("Par Jean Dupont le 3 mars 2026", "fr", ("Jean Dupont",)),
     # the preposition inside a name, with no date after it, stays
     ("Par Jean le Grand", "fr", ("Jean le Grand",))],
)
def test_a_byline_that_ends_with_its_date_gives_the_names(byline, lang, names):
    assert newsclean.extract(page(body=f"<p class='byline__author'>{byline}</p>", lang=lang)).author_names == names
