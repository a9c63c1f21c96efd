"""``extract()``: one page, top to bottom.

    bytes -1 decode-> text -2 parse-> tree -3 metadata-> -4 prune-> -5 images (captions out)->
          -6 body (trafilatura)-> blocks -7 cleaning rules-> [photo story] [safety net] -8 is it an article?->
          -9 Article -> canonical JSON

The tree is parsed once; every stage reads or prunes that same tree (``stages/``, one
module per step). The safety net: when the body holds only a small part of the page's
prose after pruning, the pruning is undone and the body extracted again, and the larger
result wins (``explain`` says so). A photo story, whose captions hold more text than the
rest of a short body, is extracted again with its captions in the text.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import replace

from lxml.html import HtmlElement

from newsclean.config import DEFAULT_CONFIG, Config, check_arguments
from newsclean.errors import ExtractionError, InternalError, NoArticleError
from newsclean.model import Article, Block, Person
from newsclean.rules import metadata as metadata_rules
from newsclean.stages import body, gate, images, prune
from newsclean.stages.article import build_article
from newsclean.stages.cleaning import PHOTO_STORY, Removals, clean_blocks, match_rule
from newsclean.stages.decode import decode
from newsclean.stages.metadata import Metadata, clean_authors, read_metadata
from newsclean.stages.parse import parse

log = logging.getLogger("newsclean")

# Called after each stage with the stage's name (``profile`` times the stages with it).
Lap = Callable[[str], None]


def _no_lap(stage: str) -> None:
    return None


def extract(
    html: bytes | str,
    url: str | None = None,
    *,
    explain: bool = False,
    headers: Mapping[str, str] | None = None,
    config: Config | None = None,
) -> Article:
    """Extract the article from a raw page.

    ``html`` is the page as served (bytes are decoded like a browser would, using
    ``headers``' charset if given) or already-decoded text. ``url`` resolves relative
    links and is reported as the article's URL. With ``explain=True`` the article's
    ``removed`` field lists every piece of text newsclean dropped and the rule that did.

    Raises ``TypeError`` / ``ValueError`` for wrong arguments (the caller's mistake), and
    otherwise an :class:`~newsclean.ExtractionError` subclass, never anything else:
    :class:`~newsclean.InputError` for unusable input, :class:`~newsclean.NoArticleError`
    for pages that hold no article, :class:`~newsclean.InternalError` for a bug in
    newsclean (logged at ERROR, the original exception as ``__cause__``).
    """
    config = check_arguments(html, url, headers, config, explain)
    try:
        return _run(html, url, explain, headers, config, _no_lap)
    except ExtractionError as error:
        error.url = error.url or url
        raise
    except Exception as error:
        # Our bug, not the page's: keep the batch alive (an ExtractionError subclass), but
        # never disguise it as a bad page: its own reason, the traceback, an ERROR log.
        log.error("internal error on %s: %s: %s", url or "<no url>", type(error).__name__, error, exc_info=True)
        raise InternalError(f"internal error: {type(error).__name__}: {error}", url=url) from error


# The safety net. When the cleaned body holds less than this share of the paragraph text
# the page had before pruning, the pruning may have taken the article with it ...
LOST_SHARE = 0.25
# ... and the body is then extracted again from the unpruned page (trafilatura judging the
# whole page on its own). The retry wins only when it brings back clearly more text: this
# many times the first body, plus this many characters.
RETRY_GAIN = 1.5
RETRY_MIN_GAIN_CHARS = 150

# Photo stories. Captions are figure text and go to ``images``, not the body ... unless
# the pictures are the story: the captions hold more text than the body without them, and
# that body is short (a text of this many characters is an article with a gallery beside
# it, whose captions stay out). Then the body is extracted again with the captions in place.
PHOTO_STORY_MAX_CHARS = 2000


def _run(html: bytes | str, url: str | None, explain: bool, headers: Mapping[str, str] | None, config: Config, lap: Lap) -> Article:
    """Every stage of one extraction, top to bottom; ``lap(stage)`` is called after each."""
    text = decode(html, headers, max_bytes=config.max_bytes)
    lap("decode")
    tree = parse(text, config.max_elements)
    lap("parse")
    return _extract_tree(tree, url, explain, config, lap)


def _extract_tree(tree: HtmlElement, url: str | None, explain: bool, config: Config, lap: Lap | None = None) -> Article:
    lap = lap or _no_lap
    md = read_metadata(tree, url)
    config = config.for_url(url or md.url)  # a user pack's site section for this host, if any
    teasers = gate.count_teasers(tree)
    lap("metadata")
    removals = Removals(keep=explain)
    pruning = prune.prune(tree, removals)
    prune.prune_elements(tree, config.prune_targets(tree), removals, pruning)  # user packs' selectors
    lap("prune")
    found_images, caption_elements, captions = images.collect_images(tree, md.url, md.image_urls)
    caption_drops = prune.drop_elements(caption_elements)
    lap("images")
    pruned = len(removals.items)  # what pruning recorded; the text rules' records follow
    blocks, md = _body(tree, md, config, removals, captions, lap)
    # The captions as printed, once each (``captions`` also holds the variants the text rules match).
    caption_chars = sum(len(image.caption or "") for image in found_images)
    if _photo_story(blocks, caption_chars, config):
        # The pictures are the story: put the captions back in the text.
        caption_drops.undo()
        story_removals = Removals(keep=explain, items=removals.items[:pruned])
        story, md = _body(tree, md, config, story_removals, captions=[])
        # Kept only when the captions did come back into the text (half of them at least).
        if _chars(story) > _chars(blocks) + caption_chars // 2:
            story_removals(f"captions kept in the text: they hold {caption_chars} characters, the text without them {_chars(blocks)}", "photo-story")
            blocks, removals, captions = story, story_removals, []
        else:
            caption_drops = prune.drop_elements(caption_elements)
        lap("photo-story")
    if _lost_prose(blocks, pruning, config):
        # Removal needs evidence, and "most of the page's prose is gone" says the evidence
        # was wrong: put the pruned elements back and let the base extraction judge.
        # One relaxation at a time: the pruning first, then the captions taken out too
        # (the base extraction can judge a page differently without them).
        first_chars = _chars(blocks)
        for removal, what in ((pruning, "pruning undone"), (caption_drops, "pruning and caption removal undone")):
            if not removal.drops:
                continue  # nothing to put back: the same extraction again
            removal.undo()
            retry_removals = Removals(keep=explain)
            retry, md = _body(tree, md, config, retry_removals, captions)
            if _chars(retry) > RETRY_GAIN * first_chars + RETRY_MIN_GAIN_CHARS:
                retry_removals(f"{what}: it left {first_chars} of {pruning.page_chars} characters of paragraph text", "safety-net")
                blocks, removals = retry, retry_removals
                break
        lap("safety-net")
    verdict = gate.judge(md, blocks, teasers, config.min_body_chars)
    if config.require_article and not verdict.is_article:
        raise NoArticleError(verdict.reason, url=url)
    if not blocks:
        raise NoArticleError("no main text found", url=url)
    article = build_article(md, blocks, found_images, removals if explain else None)
    lap("article")
    return article


def _body(
    tree: HtmlElement, md: Metadata, config: Config, removals: Removals, captions: list[str], lap: Lap | None = None
) -> tuple[list[Block], Metadata]:
    """The cleaned body blocks of the tree as it stands: trafilatura, lead rescue, text rules.

    Also returns the metadata, with the authors of a byline line at the top of the text when
    the page declared none (the line is still there before the text rules remove it).
    """
    lap = lap or _no_lap
    blocks = body.main_blocks(tree, md.url, favor=config.favor)
    lap("trafilatura")
    if not md.authors and (byline := _inline_byline(blocks[:6])):
        md = replace(md, authors=byline)
    if "rescue-lead" not in config.disabled_rules:
        blocks = body.rescue_prose(tree, blocks, lambda text: _is_boilerplate(text, config), md.headline)
    blocks = _prefer_structured(blocks, md)
    cleaned = clean_blocks(blocks, removals, captions=captions, headlines=md.headline_variants, disabled=config.disabled_rules, rules=config.rule_set)
    if "rescue-lead" not in config.disabled_rules and not (md.alternativeHeadline and _is_boilerplate(md.alternativeHeadline, config)):
        # After the text rules: the lines they trim above the text (a byline, a
        # dateline) are trimmed whether a standfirst is put above them or not.
        cleaned = body.prepend_standfirst(tree, cleaned, md.alternativeHeadline, md.headline_variants)
    lap("cleaning")
    return cleaned, md


def profile(html: bytes | str, url: str | None = None, config: Config | None = None) -> dict[str, float]:
    """CPU milliseconds per stage of one extraction (for ``newsclean bench``).

    The stages are those of :func:`extract`: decode, parse, metadata, prune, images,
    trafilatura, cleaning, safety-net and photo-story (only when they fire), article
    (assembly), canonical (JSON). A page that raises :class:`ExtractionError` still
    reports the stages it went through.
    """
    times: dict[str, float] = {}
    last = time.process_time()

    def lap(stage: str) -> None:
        nonlocal last
        now = time.process_time()
        times[stage] = times.get(stage, 0.0) + (now - last) * 1000.0
        last = now

    try:
        _run(html, url, False, None, config or DEFAULT_CONFIG, lap).to_json()
        lap("canonical")
    except ExtractionError:
        pass
    return times


def _chars(blocks: list[Block]) -> int:
    return sum(len(b.text) for b in blocks)


def _lost_prose(blocks: list[Block], pruning: prune.Pruning, config: Config) -> bool:
    """Whether the body is a small part of the page's prose, after pruning removed some of it."""
    if not pruning.drops:
        return False
    chars = _chars(blocks)
    return chars < config.min_body_chars or chars < LOST_SHARE * pruning.page_chars


def _photo_story(blocks: list[Block], caption_chars: int, config: Config) -> bool:
    """Whether the captions taken out of the text hold more than the short text left."""
    if not caption_chars or PHOTO_STORY in config.disabled_rules:
        return False
    return _chars(blocks) < min(caption_chars, PHOTO_STORY_MAX_CHARS)


def _inline_byline(blocks: list[Block]) -> tuple[Person, ...]:
    """Authors from a short byline line at the top of the text, for pages with no metadata."""
    for block in blocks:
        match = metadata_rules.INLINE_BYLINE.search(block.text) if len(block.text) <= 120 else None
        if match:
            return clean_authors([match.group(1)])
    return ()


def _is_boilerplate(text: str, config: Config) -> bool:
    """A rule matches it, or it ends with a photo credit (a caption in disguise)."""
    return match_rule(text, config.disabled_rules, config.rule_set) is not None or images.split_credit(text)[1] is not None


def _prefer_structured(blocks: list[Block], md: Metadata) -> list[Block]:
    """Use JSON-LD articleBody when the HTML yielded clearly less text (app shells, paywalls)."""
    if not md.article_body:
        return blocks
    structured = body.structured_blocks(md.article_body)
    html_chars = sum(len(b.text) for b in blocks)
    json_chars = sum(len(b.text) for b in structured)
    if json_chars > 1.5 * html_chars + 200:
        return structured
    return blocks
