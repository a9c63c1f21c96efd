"""Stage 5: the article's images, each with its caption and credit given once.

Runs after page furniture is pruned (so teaser thumbnails in "related" boxes are gone)
and before the body is extracted: the caption elements are then taken out of the tree
so that no caption can reach the body, however often the page repeats it.
"""

from __future__ import annotations

import html as htmllib
import itertools
import re
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsclean.model import Image
from newsclean.normalize import normalize_text
from newsclean.rules import captions as rules
from newsclean.stages.prune import is_prose

_FIGURES = etree.XPath(rules.FIGURE_XPATH)
_CAPTION = etree.XPath(rules.CAPTION_XPATH)
_CREDIT = etree.XPath(rules.CREDIT_XPATH)
_IMG = etree.XPath(".//img | .//amp-img | .//source[@srcset]")
_ALL_IMG = etree.XPath("//img")
_BOX_TEXT = etree.XPath(".//p | .//span[not(*)] | .//div[not(*)]")
_LAZY_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-srcset", "src", "srcset")


def split_credit(text: str) -> tuple[str | None, str | None]:
    """Split ``"Caption. (Photo: Jane Doe/Reuters)"`` into caption and credit."""
    text = rules.COUNTER.sub("", normalize_text(text))
    if not text:
        return None, None
    match = rules.TRAILING_PARENTHESIS.search(text)
    if match and (rules.PARENTHESIS_NEEDS_HINT.search(match.group(0)) or rules.PARENTHESIS_NEEDS_HINT.search(match.group(1))):
        credit = _strip_label(match.group(1))
        return text[: match.start()].strip() or None, credit
    match = rules.TRAILING_LABEL.search(text)
    if match:
        # The separator the match starts on may be the caption's own full stop: keep it.
        end = match.start() + (1 if text[match.start()] in ".!?" else 0)
        caption = text[:end].strip(" |–—-") or None
        return caption, _strip_label(match.group(1))
    for pattern in (rules.TRAILING_BY, rules.TRAILING_JAPANESE, rules.TRAILING_ABBREVIATED, rules.TRAILING_AGENCY,
                    rules.TRAILING_SLASHED, rules.TRAILING_NAMED_PARENTHESIS):
        match = pattern.search(text)
        if match:
            return text[: match.start()].strip() or None, match.group(1).strip()
    match = rules.LEADING_LABEL.match(text)
    if match:
        return text[match.end() :].strip() or None, _strip_label(match.group(1))
    return text, None


def _strip_label(credit: str) -> str | None:
    """"Photo: Jane Doe/Reuters." -> "Jane Doe/Reuters"."""
    credit = rules.CREDIT_PREFIX.sub("", normalize_text(credit).strip(" .;,|()[]"))
    return credit.strip(" .;,|()[]") or None


def _image_url(figure: HtmlElement, base: str | None) -> str | None:
    for img in _IMG(figure):
        url = _src(img, base)
        if url:
            return url
    return None


def _src(img: HtmlElement, base: str | None) -> str | None:
    """The picture's URL: the lazy-loading attribute first (``src`` is often a placeholder)."""
    for attr in _LAZY_ATTRS:
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            if attr.endswith("srcset"):
                # "a.jpg 1x, b.jpg 2x": candidates are split at a comma *and* space, since
                # image-CDN URLs carry commas of their own ("fit=cover,width=660").
                value = re.split(r",\s+", value)[0].strip()
            value = value.split()[0]
            return urljoin(base, value) if base else value
    return None


def _alt(figure: HtmlElement) -> str | None:
    for img in _IMG(figure):
        alt = normalize_text(img.get("alt") or "")
        if alt:
            return alt
    return None


def collect_images(
    tree: HtmlElement, base: str | None, structured: Sequence[tuple[str, str | None, str | None]]
) -> tuple[list[Image], list[HtmlElement], list[str]]:
    """Images from figures and caption containers, the page's declared lead image, then the
    pictures set in the text.

    Also returns the caption and credit elements found on the way, so that the caller
    can take them out of the tree without a second search, and the caption texts (with
    figures' alt texts) that the text rules must not let into the body. A picture set in
    the text has no caption, and its alt text is not one.
    """
    images: list[Image] = []
    seen: set[str] = set()
    figures = _FIGURES(tree)
    pictures = _ALL_IMG(tree)  # one search, read by the picture boxes and the pictures in the text
    figures += _picture_boxes(pictures, figures)
    for figure in figures:
        if figure.getparent() is None or any(_is_figure(a) or _is_byline(a) for a in figure.iterancestors()):
            continue
        caption_text, credit = _figure_caption(figure)
        url = _image_url(figure, base)
        if url and rules.AVATAR_URL.search(url) and not caption_text:
            continue
        alt = _alt(figure)
        if not (url or caption_text):
            continue
        key = (caption_text or url or "").casefold()
        if key in seen:
            continue
        seen.add(key)
        images.append(Image(url=url, caption=caption_text, credit=credit, alt=alt))
    for url, caption, credit in structured:
        caption, parsed_credit = split_credit(htmllib.unescape(caption)) if caption else (None, None)
        credit = credit or parsed_credit
        if any(url == img.url for img in images) or (caption and caption.casefold() in seen):
            continue
        if images and not caption:
            continue
        images.insert(0, Image(url=url, caption=caption, credit=credit, alt=None))
    captions = _caption_texts(images)
    for img in _inline_images(pictures, figures, base):
        url = _src(img, base)
        if url and (rules.PLACEHOLDER_IMAGE_URL.search(url) or rules.VECTOR_IMAGE.search(url)):
            continue
        if url and url.casefold() not in seen and not any(url == image.url for image in images):
            seen.add(url.casefold())
            images.append(Image(url=url, caption=None, credit=None, alt=normalize_text(img.get("alt") or "") or None))
    return images, _caption_elements(tree, figures), captions


def _caption_texts(found: list[Image]) -> list[str]:
    texts: list[str] = []
    for image in found:
        if image.caption:
            texts.append(image.caption)
            if image.credit:
                texts.append(f"{image.caption} ({image.credit})")
        if image.alt and len(image.alt) >= 25:
            texts.append(image.alt)
    return texts


def _inline_images(pictures: list[HtmlElement], figures: list[HtmlElement], base: str | None) -> list[HtmlElement]:
    """Pictures set among the article's paragraphs with no figure around them.

    An <img> (maybe in a link or a <span>) in a paragraph or a box, next to a paragraph of
    prose: blog posts and hand-written pages put their pictures so. Not inside a figure or
    picture box (those are read with their captions), not a byline's or author box's photo,
    not an icon, smiley, button or pixel, not the picture of a link that has a title of its
    own (a teaser card, a sponsored box).
    """
    inside = {img for figure in figures for img in figure.iter("img")}
    found: list[HtmlElement] = []
    for img in pictures:
        if img in inside or img.getparent() is None:
            continue
        marker = f"{img.get('class', '')} {img.get('id', '')} {img.get('src', '')}"
        if rules.INLINE_IMAGE_NOT.search(marker) or rules.AVATAR_URL.search(marker) or _too_small(img):
            continue
        holder = img.getparent()
        while holder is not None and holder.tag in ("a", "span", "strong", "em", "b", "i", "center"):
            if holder.tag == "a" and (holder.text_content().strip() or _links_a_page(holder.get("href"), base)):
                break  # a teaser card or an ad: the picture links a page (with a title beside it)
            holder = holder.getparent()
        if holder is None or holder.tag not in ("p", "div"):
            continue
        if any(_is_figure(a) or _is_byline(a) for a in holder.iterancestors()):
            continue
        if _next_to_prose(holder):
            found.append(img)
    return found


def _links_a_page(href: str | None, base: str | None) -> bool:
    """A link to another page of the same site (not to the picture's own large version);
    without the page's URL, a relative link is one."""
    if not href or rules.IMAGE_FILE.search(href):
        return False
    target = urlsplit(urljoin(base, href) if base else href)
    return target.netloc == (urlsplit(base).netloc if base else "")


def _too_small(img: HtmlElement) -> bool:
    """Declared as an icon's or a pixel's size (only what the page declares: no download)."""
    for side in (img.get("width"), img.get("height")):
        digits = (side or "").strip().removesuffix("px")
        if digits.isdigit() and int(digits) < rules.INLINE_IMAGE_MIN_SIDE:
            return True
    return False


def _next_to_prose(holder: HtmlElement) -> bool:
    """The paragraph holding the picture, or the one before or after it, is prose."""
    for el in (holder, holder.getprevious(), holder.getnext()):
        if el is not None and el.tag == "p" and is_prose(el, normalize_text(el.text_content())):
            return True
    return False


def _is_byline(el: HtmlElement) -> bool:
    """Author photos live in bylines and author boxes; they are not the article's images.

    The page itself is no such box, whatever its classes: WordPress marks the <body> of a
    site with a logo ``wp-custom-logo``, and a blog's author pages ``author``."""
    if el.tag in _PAGE_TAGS:
        return False
    marker = f"{el.get('class', '')} {el.get('id', '')}".lower()
    return any(word in marker for word in rules.AVATAR_WORDS)


_PAGE_TAGS = frozenset({"html", "body", "main", "article"})


def _is_figure(el: HtmlElement) -> bool:
    return el.tag == "figure" or " wp-caption " in f" {el.get('class', '')} "


def _picture_boxes(pictures: list[HtmlElement], figures: list[HtmlElement]) -> list[HtmlElement]:
    """Figures written as classed boxes (``div.image-widget``, ``div.mediaInfo``), not <figure>.

    For each image outside a known figure, the nearest of its few ancestors whose class
    names a picture is a figure when it holds only a short text with no links to speak
    of: a caption, maybe a credit. A teaser (a linked headline) or the article around
    a picture holds more.
    """
    known = set(figures)
    inside = {img for figure in figures for img in figure.iter("img")}
    boxes: list[HtmlElement] = []
    for img in pictures:
        if img in inside:
            continue
        ancestors = list(itertools.islice(img.iterancestors(), rules.PICTURE_BOX_DEPTH))
        if any(a in known for a in ancestors):
            continue
        for box in ancestors:
            if box.tag == "a" and _opens_the_picture(box):
                continue  # a link to the picture's large version, not a teaser's
            if box.tag in _PAGE_TAGS or box.tag == "a":
                break
            if not rules.PICTURE_BOX_CLASS.search(box.get("class", "")):
                continue
            text = box.text_content().strip()
            if len(text) < rules.MIN_CAPTION_CHARS:
                continue  # the image's own wrapper (maybe with a zoom button); the caption sits further out
            if _reads_like_caption(box, text):
                boxes.append(box)
                known.add(box)
            break
    return boxes


def _opens_the_picture(link: HtmlElement) -> bool:
    """A link with no words of its own to an image file: the picture's large version."""
    return not link.text_content().strip() and rules.IMAGE_FILE.search(link.get("href") or "") is not None


def _reads_like_caption(box: HtmlElement, text: str) -> bool:
    """A sentence or a description, not a teaser (a linked headline), a duration or a counter."""
    if len(text) > rules.PICTURE_BOX_MAX_TEXT or len(text) < rules.MIN_CAPTION_CHARS or len(text.split()) < 3:
        return False
    if rules.NOT_A_CAPTION.search(text) or box.find(".//h1") is not None:
        return False
    links = [len(a.text_content().strip()) for a in box.iter("a")]
    return sum(links) < 0.5 * len(text) and not any(n > 25 for n in links)


def _figure_caption(figure: HtmlElement) -> tuple[str | None, str | None]:
    """Caption and credit of one figure; the credit element wins over a credit parsed from text."""
    credit_els = [el for el in _CREDIT(figure) if el.tag not in {"img", "amp-img", "source"}]
    credit = next((c for c in (normalize_text(el.text_content()) for el in credit_els) if c), None)
    caption_els = _caption_candidates(figure)
    if credit is None:
        credit = next((c for c in map(_parenthesised_last_child, caption_els) if c), None)
    members = set(caption_els)
    texts: list[str] = []
    for el in caption_els:
        if any(ancestor in members for ancestor in el.iterancestors()):
            continue  # nested caption element: its text is part of the outer one
        text = _parts_text(el)
        if credit:
            text = text.replace(credit, "").strip(" |–—-")
        if text and text not in texts:
            texts.append(text)
    if not texts:
        return None, _strip_label(credit) if credit else None
    caption, parsed = split_credit(" ".join(texts))
    return caption, _strip_label(credit) if credit else parsed


# Caption parts set in elements of their own ("<span class='image-caption'>..</span><span
# class='image-byline'>Foto: ..</span>") are words apart even with no space between the tags.
_PART_TAGS = frozenset({"div", "p", "br", "small", "cite", "footer", "li"})


def _parts_text(el: HtmlElement) -> str:
    """An element's text with a space where one of its parts ends: a block, a line break or a
    classed span; inline words ("<em>Internally</em> displaced") stay as written."""
    pieces: list[str] = []

    def walk(node: HtmlElement) -> None:
        pieces.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                apart = child.tag in _PART_TAGS or (child.tag == "span" and child.get("class"))
                pieces.append(" " if apart else "")
                walk(child)
                pieces.append(" " if apart else "")
            pieces.append(child.tail or "")

    walk(el)
    return normalize_text("".join(pieces))


def _parenthesised_last_child(caption: HtmlElement) -> str | None:
    """The text of a caption's last element when it is only a parenthesis ("(Edu Luque)"),
    after text of the caption's own: the credit, set apart by the markup."""
    children = [child for child in caption if isinstance(child.tag, str)]
    if not children or (children[-1].tail or "").strip():
        return None
    text = normalize_text(children[-1].text_content())
    if not rules.CREDIT_PARENTHESIS.match(text) or not text[1].isupper():
        return None
    before = normalize_text(caption.text_content())[: -len(text)]
    return text if before.strip() else None


def _caption_candidates(figure: HtmlElement) -> list[HtmlElement]:
    """The figure's caption-classed elements; in a bare picture box, its text elements; for
    a <figure> with none, a <figcaption> right after it (templates that close the figure
    around the picture alone)."""
    found: list[HtmlElement] = _CAPTION(figure)
    if not found and figure.tag == "figure":
        after = figure.getnext()
        return [after] if after is not None and after.tag == "figcaption" else []
    if found or _is_figure(figure):
        return found
    return [el for el in _BOX_TEXT(figure) if el.text_content().strip()]


def _caption_elements(tree: HtmlElement, figures: list[HtmlElement]) -> list[HtmlElement]:
    """The caption and credit elements of every figure, and every <figcaption>."""
    found: list[HtmlElement] = []
    for figure in figures:
        found.extend(_caption_candidates(figure))
        found.extend(el for el in _CREDIT(figure) if el.tag not in {"img", "amp-img", "source"})
    found.extend(tree.xpath("//figcaption"))
    return found
