"""No dead rules: switching off any single rule changes at least one fixture's output."""

from __future__ import annotations

import pytest

from newsclean import fixtures
from newsclean.config import RULE_NAMES, Config
from newsclean.rules.boilerplate import RULES
from newsclean.rules.packs import ACTIONS
from newsclean.stages.cleaning import match_rule
from tests.conftest import FIXTURES

CASES = fixtures.load_cases(FIXTURES) if FIXTURES.exists() else []
# RULE_NAMES is the one registry: the text rules, then the named checks of the cleaning
# stage and the pipeline (caption, headline-repeat, rescue-lead, ...), which count as rules too.


@pytest.fixture(scope="module")
def baseline():
    return {case.name: fixtures.render(fixtures.run(case)) for case in CASES}


@pytest.mark.parametrize("name", RULE_NAMES)
def test_every_rule_is_needed_by_a_fixture(name, baseline):
    if not CASES:
        pytest.skip("no fixtures")
    config = Config(disabled_rules=frozenset({name}))
    changed = [case.name for case in CASES if fixtures.render(fixtures.run(case, config)) != baseline[case.name]]
    assert changed, f"rule {name!r} changes no fixture: it is dead or untested"


def test_rule_names_are_unique():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


def test_every_pattern_compiles_and_rules_are_data():
    for rule in RULES:
        assert rule.compiled().pattern
        assert rule.action in ACTIONS


def test_a_closing_line_ending_in_an_emoticon_is_a_sentence_not_residue():
    from newsclean.model import Block
    from newsclean.stages.cleaning import Removals, clean_blocks

    body = "The jacket came back from the cleaners with one button missing, and the shop replaced it the same week."
    lines = [
        "Ich wünsche euch allen einen schönen Sonntag <3", "Welcher gefällt euch besser? 😀", "See you at the market :)",
        # a full-width closing parenthesis ends a CJK line as ")" ends a Latin one
        "正是有了英勇的你们，才有这座英雄的城！（评论员 罗博）",
    ]
    for line in lines:
        kept = clean_blocks([Block("paragraph", body), Block("paragraph", line)], Removals(keep=True))
        assert [b.text for b in kept] == [body, line]
    menu = clean_blocks([Block("paragraph", body), Block("paragraph", "Kontakt Impressum")], Removals(keep=True))
    assert [b.text for b in menu] == [body]


def test_trailing_lines_numbered_in_sequence_are_a_ranking_not_a_menu():
    from newsclean.model import Block
    from newsclean.stages.cleaning import Removals, clean_blocks

    body = "Our readers voted for the best rock singers of all time, and the last places were closer than ever."
    ranking = [f"{n}. Singer {chr(64 + n)}" for n in range(1, 9)]
    kept = clean_blocks([Block("paragraph", body), *(Block("paragraph", line) for line in ranking)], Removals(keep=True))
    assert [b.text for b in kept] == [body, *ranking]
    menu = ["Home", "News", "Sport", "Music", "Contact", "Imprint"]
    kept = clean_blocks([Block("paragraph", body), *(Block("paragraph", line) for line in menu)], Removals(keep=True))
    assert [b.text for b in kept] == [body]


def test_short_closing_lines_a_sentence_leads_into_are_the_text_s_list():
    from newsclean.model import Block
    from newsclean.stages.cleaning import Removals, clean_blocks

    body = "We are excited to announce the first destinations of next year's tour, and the signup pages are live."
    places = ["Belgium", "South Africa", "Italy", "Some of our favourite pictures from the earlier tours:", "Tokyo, Japan", "Costa Rica"]
    kept = clean_blocks([Block("paragraph", body), *(Block("paragraph", line) for line in places)], Removals(keep=True))
    assert [b.text for b in kept] == [body, *places]
    # A label is no lead-in: the titles under "Read more:" are furniture.
    related = ["Read more:", "Bears Wake Early", "Grey Is Good", "Winter Was Short"]
    kept = clean_blocks([Block("paragraph", body), *(Block("paragraph", line) for line in related)], Removals(keep=True))
    assert [b.text for b in kept] == [body]


def test_a_salutation_the_text_goes_on_from_is_not_leading_residue():
    from newsclean.model import Block
    from newsclean.stages.cleaning import Removals, clean_blocks

    letter = ["Hi folks,", "the title says it all, so please bear with us while we move the blog to its own domain."]
    kept = clean_blocks([Block("paragraph", line) for line in letter], Removals(keep=True))
    assert [b.text for b in kept] == letter
    kicker = ["Politics", "The council voted on Tuesday to close the old bridge to cars from the first of May onwards."]
    kept = clean_blocks([Block("paragraph", line) for line in kicker], Removals(keep=True))
    assert [b.text for b in kept] == kicker[1:]


def test_an_opening_sentence_that_leads_into_the_text_is_not_leading_residue():
    from newsclean.model import Block
    from newsclean.stages.cleaning import Removals, clean_blocks

    post = ["A reader asked a variant of a question we hear every week:",
            "How do I move a large table to the new cluster without stopping the service that writes to it?"]
    kept = clean_blocks([Block("paragraph", line) for line in post], Removals(keep=True))
    assert [b.text for b in kept] == post
    # A label ending in a colon is no sentence: "Updated:" before the text is residue.
    labelled = ["Updated:", *post[1:]]
    kept = clean_blocks([Block("paragraph", line) for line in labelled], Removals(keep=True))
    assert [b.text for b in kept] == post[1:]


@pytest.mark.parametrize(
    ("text", "rule"),
    [("This story contains a piece of media that requires your computer to have Adobe Flash and JavaScript enabled.", "embed-placeholder"),
     ("Get the Flash Player to see this player.", "embed-placeholder"),
     ("This video requires the Flash plugin.", "embed-placeholder"),
     # a camera's flash is not a plugin notice
     ("The camera requires the flash to be fully charged before each shot, which takes about two seconds.", None),
     # A sign-in link sent by e-mail is a registration wall ...
     ("We sent an email to you at .", "registration-wall"),
     ("It has a link that will sign you in.", "registration-wall"),
     ("We've sent you a link to sign in to your account", "registration-wall"),
     # ... an e-mail the story is about is text.
     ("We sent an email to the mayor about the park and have not heard back since March.", None)],
)
def test_notices_standing_in_for_media_or_sign_in_are_rules_and_their_look_alikes_text(text, rule):
    found = match_rule(text)
    assert (found.name if found else None) == rule


@pytest.mark.parametrize(
    ("caption", "split"),
    [("The centre above the lake, with the new block on the left. Photo © Ada Rusk",
      ("The centre above the lake, with the new block on the left.", "Ada Rusk")),
     ("Photos © Ada Rusk", (None, "Ada Rusk")),  # a credit line only: no caption left
     ("Das Haus am See. Foto © dpa", ("Das Haus am See.", "dpa")),
     ("Crowds at the gate. © Jane Doe", ("Crowds at the gate.", "Jane Doe")),
     ("Crowds at the gate. (AP Photo/Ted S. Warren)", ("Crowds at the gate.", "AP Photo/Ted S. Warren")),
     # the words for a picture with no photographer's name, a dash before "Picture by", Zulu's label
     ("The lobby was redesigned from the ground up. Supplied", ("The lobby was redesigned from the ground up.", "Supplied")),
     ("A vigil for Mahsa Amini. Uncredited/AP/dpa", ("A vigil for Mahsa Amini.", "Uncredited/AP/dpa")),
     ("Crowds in Shah Alam on November 19, 2024. — Picture by Ada Rusk", ("Crowds in Shah Alam on November 19, 2024.", "Ada Rusk")),
     ("Rejoice Ndlovu. Isithombe: Sithunyelwe", ("Rejoice Ndlovu.", "Sithunyelwe")),
     ("Kara Lindsay (© Tristan Fuge)", ("Kara Lindsay", "Tristan Fuge")),  # the copyright sign is hint enough
     ("The team in the final (2019)", ("The team in the final (2019)", None)),
     # a short parenthesis that starts like a name after the last sentence, a slashed
     # photographer/agency, a slash or bar before the agency, Korean's "사진 출처 =" label
     ("He said he could not recall meeting her. (AAP)", ("He said he could not recall meeting her.", "AAP")),
     ("The mayor at the ribbon. (left)", ("The mayor at the ribbon. (left)", None)),
     ("Training before the match. (FILE)", ("Training before the match. (FILE)", None)),
     ("Rest helps to get well. Unsplash/Kelly Sikkema", ("Rest helps to get well.", "Unsplash/Kelly Sikkema")),
     ("Ursula von der Leyen. Philipp von Ditfurth/dpa", ("Ursula von der Leyen.", "Philipp von Ditfurth/dpa")),
     ("We went home. Then/now", ("We went home. Then/now", None)),
     ("Crowds in two decades. / AFP via Getty Images", ("Crowds in two decades.", "AFP via Getty Images")),
     ("당선인 모습. [사진 출처 = 이재명 캠프]", ("당선인 모습.", "이재명 캠프")),
     ("We supplied the town. Supplied water lasts a week", ("We supplied the town. Supplied water lasts a week", None))],
)
def test_a_credit_word_before_the_copyright_sign_goes_with_the_credit(caption, split):
    from newsclean.stages.images import split_credit

    assert split_credit(caption) == split
