"""Output formats of ``newsclean extract --format``: json, jsonl, markdown, text.

- ``jsonl``: one line per input (or WARC record): the canonical article plus ``source``
  (and ``warcRecordId`` / ``warcDate`` / ``warcTargetUri`` for WARC records); a failed
  input is ``{"source": ..., "error": {"reason": ..., "message": ...}}``.
- ``json``: pretty JSON; the bare canonical article for a single input, otherwise an
  array of the same records as ``jsonl``.
- ``markdown``: ``# headline``, the dek in italics, metadata line, then the blocks:
  headings as ``##``, quotes as ``>``, list items as ``-``, preformatted text fenced,
  and the images with their captions and credits (``![alt](url)`` then an italic
  caption line) after the text. Articles are separated by a ``---`` line.
- ``text``: the headline, a blank line, then the body paragraphs separated by blank
  lines. Articles are separated by a form feed line (``\\f``).
"""

from __future__ import annotations

from typing import Any

from newsclean.canonical import dumps

FORMATS: tuple[str, ...] = ("json", "jsonl", "markdown", "text")
SEPARATORS: dict[str, bytes] = {"markdown": b"\n---\n\n", "text": b"\n\f\n"}


def record(article: dict[str, Any], source: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSONL record of one article: the canonical article plus where it came from."""
    return {**article, "source": source, **(extra or {})}


def error_record(source: str, reason: str, message: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSONL record of a failed input."""
    return {"source": source, **(extra or {}), "error": {"message": message, "reason": reason}}


def render(article: dict[str, Any], fmt: str) -> bytes:
    """One article (a canonical dict, possibly with ``source``) in ``fmt`` (markdown/text/jsonl)."""
    if fmt == "markdown":
        return markdown(article).encode("utf-8")
    if fmt == "text":
        return text(article).encode("utf-8")
    return dumps(article)


def markdown(article: dict[str, Any]) -> str:
    """The article as Markdown: headings, lists, quotes and images with captions kept."""
    lines: list[str] = []
    if article.get("headline"):
        lines += [f"# {_escape(article['headline'])}", ""]
    if article.get("alternativeHeadline"):
        lines += [f"*{_escape(article['alternativeHeadline'])}*", ""]
    meta = [", ".join(article.get("authors") or []), article.get("datePublished") or "", article.get("url") or ""]
    if any(meta):
        lines += [" · ".join(m for m in meta if m), ""]
    previous = None
    for block in article.get("blocks") or []:
        kind, body = block["type"], block["text"]
        if previous == "list_item" and kind != "list_item":
            lines.append("")
        if kind == "heading":
            lines += [f"## {_escape(body)}", ""]
        elif kind == "quote":
            lines += ["\n".join(f"> {line}" for line in body.splitlines() or [""]), ""]
        elif kind == "list_item":
            lines.append(f"- {_escape(body)}")
        elif kind == "preformatted":
            lines += ["```", body, "```", ""]
        else:
            lines += [_escape(body), ""]
        previous = kind
    if previous == "list_item":
        lines.append("")
    for image in article.get("images") or []:
        if image.get("url"):
            lines.append(f"![{_escape(image.get('alt') or '')}]({image['url']})")
        caption = " ".join(p for p in (image.get("caption"), f"({image['credit']})" if image.get("credit") else None) if p)
        if caption:
            lines.append(f"*{_escape(caption)}*")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def text(article: dict[str, Any]) -> str:
    """The article as plain text: headline, then the body paragraphs."""
    parts = [article["headline"]] if article.get("headline") else []
    parts += [block["text"] for block in article.get("blocks") or []]
    return "\n\n".join(parts) + "\n"


def _escape(value: str) -> str:
    """Keep text from being read as Markdown structure (a leading '#', '>', '-', '1.')."""
    if value[:1] in "#>-+*" or (value[:1].isdigit() and value.split(" ", 1)[0].rstrip(".)").isdigit() and value.split(" ", 1)[0][-1:] in ".)"):
        return "\\" + value
    return value
