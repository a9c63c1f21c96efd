"""Stage 7: apply the text rules to the blocks, in one pass from top to bottom.

The same function cleans blocks from HTML and lines from plain-text dumps, so a rule
means the same thing on both paths.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

try:  # the regex parser, to tell anchored patterns (Python 3.11 renamed the modules)
    from re import _constants as _sre_constants  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre_constants
    import sre_parse as _sre_parse

from newsclean.model import Block, Removed
from newsclean.normalize import SENTENCE_END, is_label_line
from newsclean.rules.packs import BUILTIN, RuleSet, TextRule, builtin_check

_UNSPACED = re.compile("[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]{8}")
_QUOTE_MARKS = frozenset("\"“”„«»‘’‚‹›「『")
# A list of this many items (or lines of one shape) is the article's, unless proven otherwise.
MIN_LIST_RUN = 5
# Average length under which a run of short trailing lines is a menu, not a list.
MENU_LINE_CHARS = 30
# How far above a thread's first signature its start (a label, the entry's footer) is looked for.
THREAD_LOOKBACK = 12
# A line ending in a colon with this many words in lower case is a sentence that leads
# into what follows ("Here are the places we will visit:"), not a label ("Read more:").
LEAD_IN_WORDS = 5


@dataclass
class Removals:
    """Collects dropped text and the rule that dropped it (kept only when explaining)."""

    keep: bool
    items: list[Removed] = field(default_factory=list)

    def __call__(self, text: str, rule: str) -> None:
        if self.keep:
            self.items.append(Removed(text=text, rule=rule))


# The built-in checks of this stage, by their registered names (rules/packs/common.toml
# [checks]): a name missing from the registry fails at import, not silently at run time.
CAPTION = builtin_check("caption")
HEADLINE_REPEAT = builtin_check("headline-repeat")
REPEATED_TEXT = builtin_check("repeated-text")
LEADING_RESIDUE = builtin_check("leading-residue")
TRAILING_RESIDUE = builtin_check("trailing-residue")
RESCUE_LEAD = builtin_check("rescue-lead")  # read by the pipeline
PHOTO_STORY = builtin_check("photo-story")  # read by the pipeline


@lru_cache(maxsize=64)
def _compiled(disabled: frozenset[str], rules: RuleSet = BUILTIN) -> tuple[tuple[TextRule, re.Pattern[str]], ...]:
    return tuple((rule, rule.compiled()) for rule in rules.text_rules if rule.name not in disabled)


def is_real_paragraph(block: Block) -> bool:
    """A block that reads like article prose rather than a link, label or prompt."""
    if block.type not in ("paragraph", "quote", "list_item", "table", "preformatted"):
        return False
    text = block.text
    # Scripts written without spaces carry a word in one or two characters.
    words = len(text) // 2 if _UNSPACED.search(text) else len(text.split())
    long_enough = len(text) >= 120 or (_UNSPACED.search(text) is not None and len(text) >= 40)
    return long_enough or (len(text) >= 50 and words >= 8 and bool(SENTENCE_END.search(text)))


@lru_cache(maxsize=64)
def _any_rule(disabled: frozenset[str], rule_set: RuleSet = BUILTIN) -> tuple[int, re.Pattern[str], re.Pattern[str]]:
    """The longest block any rule looks at, and two patterns that match where some rule's does.

    Nearly every pattern is anchored at the start of the block: their union is tried once,
    at the start (``match``); the few that are not are searched for.
    """
    rules = _compiled(disabled, rule_set)
    anchored: list[str] = []
    floating: list[str] = []
    for rule in rules:
        for pattern in rule[0].patterns:
            (anchored if _is_anchored(pattern) else floating).append(f"(?:{pattern})")
    def union(parts: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(parts) or "(?!)", re.I)
    return max((rule.max_chars for rule, _pattern in rules), default=0), union(anchored), union(floating)


def _is_anchored(pattern: str) -> bool:
    """Whether every match of the pattern starts at the start of the text (a leading ``^``, no top-level ``|``)."""
    parsed = _sre_parse.parse(pattern)
    return len(parsed) > 0 and parsed[0] == (_sre_constants.AT, _sre_constants.AT_BEGINNING)


def match_rule(text: str, disabled: frozenset[str] = frozenset(), rules: RuleSet = BUILTIN) -> TextRule | None:
    """The first rule of ``rules`` (the built-in packs, or ``Config.rule_set`` with the
    user's) that matches this block of text, if any.

    Most blocks match none: one search with the union of all patterns (in C) says so
    before the rules are tried one by one, in order, to name the first that matches.
    """
    longest, anchored, floating = _any_rule(disabled, rules)
    if len(text) > longest or (anchored.match(text) is None and floating.search(text) is None):
        return None
    for rule, pattern in _compiled(disabled, rules):
        if len(text) <= rule.max_chars and pattern.search(text):
            return rule
    return None


def _names_headline(key: str, headline_keys: set[str]) -> bool:
    """A heading that is the headline with a kicker before it or a dek after it."""
    return any(key.startswith(h) or (len(h) >= 20 and key.endswith(h)) for h in headline_keys)


def clean_blocks(
    blocks: Sequence[Block],
    record: Removals,
    *,
    captions: Iterable[str] = (),
    headlines: Iterable[str] = (),
    disabled: frozenset[str] = frozenset(),
    rules: RuleSet = BUILTIN,
) -> list[Block]:
    """Drop boilerplate blocks; keep the rest in order.

    ``headlines`` are every wording the page gives its headline (declared, visible <h1>,
    social title): a block repeating any of them is the title, not text.
    """
    caption_keys = {_key(c) for c in captions if c and len(c) >= 12}
    headline_keys = {_key(h) for h in headlines if h}
    matches = [match_rule(block.text, disabled, rules) for block in blocks]
    blocks, matches = _cut_thread(blocks, matches, record)
    in_list = _list_runs(blocks, matches)
    quoted_again = _repeated_runs(blocks)
    lead = next((i for i, b in enumerate(blocks) if b.type == "paragraph" and is_real_paragraph(b)), None)
    kept: list[Block] = []
    seen: set[str] = set()
    skipping: str | None = None
    for index, block in enumerate(blocks):
        key = _key(block.text)
        rule = matches[index]
        if rule is not None and not (in_list[index] and rule.action != "end"):
            record(block.text, rule.name)
            if rule.action == "end":
                skipping = rule.name
            continue
        if skipping is not None:
            # A subheading followed by prose means the article goes on after the box.
            resumes = block.type == "heading" and index + 1 < len(blocks) and is_real_paragraph(blocks[index + 1])
            if not is_real_paragraph(block) and not resumes:
                record(block.text, skipping)
                continue
            skipping = None
        # The lead is the article's, even when a caption or alt text repeats it (wire photos do).
        if index != lead and CAPTION not in disabled and caption_keys and _is_caption(key, caption_keys):
            record(block.text, CAPTION)
            continue
        if headline_keys and HEADLINE_REPEAT not in disabled and (key in headline_keys or (block.type == "heading" and _names_headline(key, headline_keys))):
            record(block.text, HEADLINE_REPEAT)
            continue
        if len(key) >= 20 and not in_list[index] and not quoted_again[index] and REPEATED_TEXT not in disabled and (key in seen or (block.text[:1] in _QUOTE_MARKS and _quoted_earlier(key, kept))):
            record(block.text, REPEATED_TEXT)
            continue
        seen.add(key)
        kept.append(block)
    kept = _drop_quoted_pullquotes(kept, record, disabled)
    return _trim_leading(_trim_trailing(kept, record, disabled), record, disabled)


def _cut_thread(
    blocks: Sequence[Block], matches: list[TextRule | None], record: Removals
) -> tuple[Sequence[Block], list[TextRule | None]]:
    """Cut a readers' comment thread off the end: see the ``thread`` action in common.toml.

    Returns the blocks and their matches without the thread; a lone signature is no
    evidence and stays, unmatched.
    """
    signatures = [(i, rule) for i, rule in enumerate(matches) if rule is not None and rule.action == "thread"]
    if len(signatures) < 2:
        for i, _ in signatures:
            matches[i] = None
        return blocks, matches
    first, signature = signatures[0]
    start = first
    for i in range(first - 1, max(-1, first - 1 - THREAD_LOOKBACK), -1):
        above = matches[i]
        if _is_residue(blocks[i]) or (above is not None and above.name == "byline"):
            start = i + 1
            break
    for block in blocks[start:]:
        record(block.text, signature.name)
    return blocks[:start], matches[:start]


def _list_runs(blocks: Sequence[Block], matches: Sequence[TextRule | None]) -> list[bool]:
    """Which blocks are items of a list that a rule must not break up.

    A run of ``MIN_LIST_RUN`` or more consecutive list items is one list: a rule that fires
    on a few of its items (a "newsletter" step in a how-to, an ingredient named twice) does
    not show the list is furniture. Only when it fires on at least half of the items does
    it speak for the whole list, and then the items go (the flags stay False).
    """
    flags = [False] * len(blocks)
    start = 0
    while start < len(blocks):
        end = start
        while end < len(blocks) and blocks[end].type == "list_item":
            end += 1
        if end - start >= MIN_LIST_RUN:
            fired = sum(1 for m in matches[start:end] if m is not None)
            if fired < (end - start) / 2:
                flags[start:end] = [True] * (end - start)
        start = end + 1 if end == start else end
    return flags


def _repeated_runs(blocks: Sequence[Block]) -> list[bool]:
    """Which blocks belong to a run of ``MIN_LIST_RUN`` or more consecutive blocks that all
    repeat earlier ones: a document the story quotes again in full (a list discussed item
    by item, then pasted whole): the run repeats that many different blocks. A pull quote
    or a duplicated paragraph repeats alone, a live blog's label repeats the same line.
    """
    flags = [False] * len(blocks)
    seen: set[str] = set()
    run: list[str] = []  # the keys of the current run of repeats, each a different block
    for index, block in enumerate([*blocks, Block("paragraph", "")]):
        key = _key(block.text)
        if key and key in seen and key not in run:
            run.append(key)
            continue
        if len(run) >= MIN_LIST_RUN:
            flags[index - len(run) : index] = [True] * len(run)
        run = []  # a label seen again within the run ("From the campaign trail") ends it
        seen.add(key)
    return flags


def _trim_leading(blocks: list[Block], record: Removals, disabled: frozenset[str]) -> list[Block]:
    """Before the first sentence, label-like lines (kicker, "Name | date", "LIVE") are page residue.

    A line that leads into the text ("A reader asked a variant of a perennial question:")
    is the text's first sentence, as in :func:`_trim_trailing`."""
    if LEADING_RESIDUE in disabled:
        return blocks
    start = 0
    while (
        start < len(blocks) - 1
        and blocks[start].type == "paragraph"
        and is_label_line(blocks[start].text)
        and not _continued(blocks[start].text, blocks[start + 1].text)
        and not _lead_in(blocks[start].text)
    ):
        record(blocks[start].text, LEADING_RESIDUE)
        start += 1
    return blocks[start:]


def _continued(text: str, next_text: str) -> bool:
    """The line is part of a sentence that ``<br>`` broke: both it and the next line are
    phrases of some words, and the next one goes on in lower case.

    A kicker or a "Name | date" line is followed by a line of its own, and "Posted by" /
    "timothy" is a byline; "Visit the blog to see" / "how to make the prints" is the text.
    """
    if text.endswith(",") and next_text[:1].islower():
        return True  # a salutation the letter goes on from ("Liebe Leserinnen," / "vor sieben Jahren ...")
    return next_text[:1].islower() and len(text.split()) >= 4 and len(next_text.split()) >= 3


def _trim_trailing(blocks: list[Block], record: Removals, disabled: frozenset[str]) -> list[Block]:
    """After the last sentence, label-like lines (no final punctuation, short) are page residue."""
    if TRAILING_RESIDUE in disabled:
        return blocks
    end = len(blocks)
    while end > 1 and _is_residue(blocks[end - 1]):
        end -= 1
    # A long run of such lines is a list written as lines (product picks, dates), not
    # residue, unless its lines are as short as menu entries.
    run = blocks[end:]
    if len(run) >= MIN_LIST_RUN and (sum(len(b.text) for b in run) / len(run) >= MENU_LINE_CHARS or _written_lines(run) or _numbered(run)):
        return blocks
    # A sentence that leads into the lines after it ("Some of our favourite images from
    # earlier tours:") says they are the text's own list; a menu has no such sentence.
    if any(_lead_in(block.text) for block in run[:-1]):
        return blocks
    for block in run:
        record(block.text, TRAILING_RESIDUE)
    return blocks[:end]


def _lead_in(text: str) -> bool:
    """A sentence ending in a colon, written in words (five or more in lower case), not a
    label ("Read more:", "Related:", "Lue myös:")."""
    return text.endswith(":") and _lower_words(text) >= LEAD_IN_WORDS


def _lower_words(text: str) -> int:
    """How many words of the line start in lower case: text is written so, menus and titles capitalise."""
    return sum(1 for word in text.split() if word[:1].islower())


def _written_lines(run: list[Block]) -> bool:
    """Short lines written in words, not menu entries: most of them hold two or more words in
    lower case ("2 tsp vegetable oil", "salt and pepper to taste"), where menus capitalise
    each entry ("About Us", "Contact", "Privacy Policy")."""
    written = sum(1 for b in run if _lower_words(b.text) >= 2)
    return written > len(run) / 2


_NUMBER = re.compile(r"^(\d{1,4})[.)]\s")


def _numbered(run: list[Block]) -> bool:
    """Lines numbered in sequence ("98. Joshua Todd", "99. Kevin Dubrow", "100. Ray Gillen"):
    a ranking written as lines; menus are not numbered."""
    numbers = [int(m.group(1)) if (m := _NUMBER.match(b.text)) else None for b in run]
    steps = sum(1 for a, b in itertools.pairwise(numbers) if a is not None and b == a + 1)
    return steps >= len(run) / 2


def _is_residue(block: Block) -> bool:
    return block.type in ("paragraph", "heading") and is_label_line(block.text)


def _drop_quoted_pullquotes(blocks: list[Block], record: Removals, disabled: frozenset[str]) -> list[Block]:
    """A pull quote repeats a sentence that the body also has: keep the body's copy."""
    if REPEATED_TEXT in disabled:
        return blocks
    prose = [_key(b.text) for b in blocks if b.type != "quote" and b.text[:1] not in _QUOTE_MARKS]
    kept: list[Block] = []
    for block in blocks:
        key = _key(block.text)
        is_quotation = block.type == "quote" or block.text[:1] in _QUOTE_MARKS
        if is_quotation and len(key) >= 30 and any(key in other and key != other for other in prose):
            record(block.text, REPEATED_TEXT)
            continue
        kept.append(block)
    return kept


def _quoted_earlier(key: str, kept: list[Block]) -> bool:
    """A quotation that repeats a sentence of an earlier paragraph (a pull quote placed after it)."""
    return 60 <= len(key) <= 300 and any(len(b.text) > len(key) and key in _key(b.text) for b in kept)


_NON_WORD = re.compile(r"\W+")


@lru_cache(maxsize=4096)  # each block's key is asked for by several checks, some once per other block
def _key(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _is_caption(key: str, captions: set[str]) -> bool:
    if key in captions:
        return True
    # The body copy of a caption may carry or lack the credit: match on containment when
    # the lengths are close, so a long paragraph that quotes a caption is kept.
    return any((key in c or c in key) and abs(len(key) - len(c)) <= 60 for c in captions)
